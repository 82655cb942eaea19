"""The `authority` of statements as the LRS reads them and the `related_agents` filter
(xAPI 1.0.3 Data 2.4.9, Communication 2.1.3): a statement's authority is the
credentials it came with, that authority is what `agent` with `related_agents=true`
matches, and an authority a writer sent is neither shown nor matched."""

from __future__ import annotations

import json

import pytest

from sync.xapi import ACCOUNT_HOME_PAGE, make_statement

from .conftest import bearer, enrol
from .xapi_helpers import Lrs, add_client, statement

FORGED = {"objectType": "Agent", "mbox": "mailto:national-platform@example.gov.vn"}


@pytest.fixture
def lrs(api, ctx, world) -> Lrs:
    return Lrs(api, add_client(ctx, world.ministry, "ministry-lms"))


@pytest.fixture
def mission(api, ctx, world) -> Lrs:
    return Lrs(api, add_client(ctx, world.mission, "mission-lms"))


def _authority_of(lrs: Lrs, statement_id: str) -> dict:
    answer = lrs.get(statementId=statement_id)
    assert answer.status_code == 200, answer.text
    return answer.json()["authority"]


def _related(lrs: Lrs, agent: dict, related: str = "true") -> set[str]:
    return set(lrs.ids(agent=json.dumps(agent), related_agents=related))


def test_the_authority_read_matches_with_related_agents_only(lrs):
    plain, sent_one = statement(), statement(authority=FORGED)
    assert lrs.post([plain, sent_one]).status_code == 200
    mine = _authority_of(lrs, plain["id"])
    assert mine["account"]["homePage"] == "urn:hocvu:xapi-client"
    # What the client sent is not what it reads: the LRS vouches for credentials only.
    assert _authority_of(lrs, sent_one["id"]) == mine
    assert _related(lrs, mine) == {plain["id"], sent_one["id"]}
    assert _related(lrs, mine, "false") == set()
    # Only the IFI identifies the agent: without the name it is the same authority.
    assert _related(lrs, {"account": mine["account"]}) == {plain["id"], sent_one["id"]}
    # Another spelling of the name is another account (names compare as strings).
    padded = {"account": {**mine["account"], "name": "0" + mine["account"]["name"]}}
    assert _related(lrs, padded) == set()


def test_an_authority_a_client_sent_matches_nothing(lrs):
    sent_one = statement(authority=FORGED)
    assert lrs.post(sent_one).status_code == 200
    assert _related(lrs, FORGED) == set()
    assert _related(lrs, FORGED, "false") == set()
    # The forged agent is still found where it really is named.
    named = statement(context={"instructor": FORGED})
    assert lrs.post(named).status_code == 200
    assert _related(lrs, FORGED) == {named["id"]}


def test_another_clients_authority_matches_only_what_the_reader_may_see(api, lrs, mission, world):
    learner = enrol(api, world.alice_code)
    alice = {"account": {"homePage": ACCOUNT_HOME_PAGE, "name": learner["profile_id"]}}
    for_alice, unattached = statement(actor=alice), statement()
    assert mission.post([for_alice, unattached]).status_code == 200
    own = statement()
    assert lrs.post(own).status_code == 200
    theirs = _authority_of(mission, for_alice["id"])
    # The ministry sees the mission's learner, not the mission tool's unattached one.
    assert _related(lrs, theirs) == {for_alice["id"]}
    assert _related(mission, theirs) == {for_alice["id"], unattached["id"]}
    # The ministry tool's authority: the mission sees none of its statements.
    assert _related(mission, _authority_of(lrs, own["id"])) == set()


def test_a_devices_authority_matches_its_statements(api, lrs, world):
    learner = enrol(api, world.alice_code)
    pushed = make_statement(
        profile_id=learner["profile_id"],
        verb="completed",
        pack_id="pack-1",
        kind="lesson",
        local_id="l1",
        pack_version=1,
        app_version="0.1.0",
        device_id=learner["device_id"],
    )
    answer = api.post(
        "/api/v1/statements",
        json={"statements": [pushed]},
        headers=bearer(learner["device_token"]),
    )
    assert answer.status_code == 200, answer.text
    device = _authority_of(lrs, pushed["id"])
    assert device["account"] == {"homePage": "urn:hocvu:device", "name": learner["device_id"]}
    tool_written = statement()
    assert lrs.post(tool_written).status_code == 200
    assert _related(lrs, device) == {pushed["id"]}
    assert _related(lrs, device, "false") == set()


def test_migration_0014_forgets_an_authority_indexed_before_it_was_read_as_credentials(lrs, ctx):
    """A store indexed by the earlier rule holds a row for the authority a tool sent;
    0014 rebuilds the agent rows of statements carrying one, so the forged authority
    matches nothing and every other row stays."""
    from alembic import command
    from sqlalchemy import insert, select

    from sync.server.db import alembic_config
    from sync.server.models import Statement, StatementAgent
    from sync.xapi_actors import checked_digest

    plain, sent_one = statement(), statement(authority=FORGED)
    assert lrs.post([plain, sent_one]).status_code == 200

    def rows() -> list:
        with ctx.db.read() as session:
            return sorted(session.execute(select(*StatementAgent.__table__.c)).all())

    kept = rows()
    config = alembic_config()
    with ctx.db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0013")
    with ctx.db.write() as session:
        seq = session.scalar(
            select(Statement.seq).where(Statement.statement_id == sent_one["id"].lower())
        )
        session.execute(
            insert(StatementAgent).values(agent=checked_digest(FORGED), seq=seq, related=True)
        )
    assert _related(lrs, FORGED) == {sent_one["id"]}  # what the earlier rule left
    ctx.db.migrate()
    assert _related(lrs, FORGED) == set()
    assert rows() == kept
    assert _related(lrs, _authority_of(lrs, plain["id"])) == {plain["id"], sent_one["id"]}
