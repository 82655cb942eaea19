"""What a tool reads is found from its side when it sees little (issue 18): a tool of a
small unit in a store of other units' statements gets its own statements and its
learners', voided ones hidden, in either order, within since/until, page by page; and
every plan `xapi_query.build` may pick answers exactly what the rule says, on random
stores, through `more`. Migration 0013 down and up."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select

from sync.server import admin, xapi_query, xapi_reader
from sync.server.db import alembic_config
from sync.server.models import Statement
from sync.xapi import ACCOUNT_HOME_PAGE

from .conftest import enrol
from .xapi_helpers import VOIDED, Lrs, add_client, statement, voiding

VERBS = ["http://example.org/verbs/read", "http://example.org/verbs/wrote"]
AGENTS = ["mailto:an@example.org", "mailto:binh@example.org"]


@dataclass
class Store:
    tokyo: Lrs  # the small unit's tool: the reader checked
    hq: Lrs  # the ministry's tool: writes for Tokyo's learners too
    paris: Lrs  # a sibling unit's tool: Tokyo reads none of it
    learners: dict[str, str]  # profile account name -> learner id (Tokyo's)
    ids: dict[str, int]  # tool name -> xapi client id


@pytest.fixture
def store(api, ctx, world) -> Store:
    with ctx.db.write() as session:
        paris = admin.create_unit(session, "test", "ĐSQ Paris", "mission", world.ministry).id
    tools = {
        "tokyo": add_client(ctx, world.mission, "Tokyo LMS"),
        "hq": add_client(ctx, world.ministry, "HQ LMS"),
        "paris": add_client(ctx, paris, "Paris LMS"),
    }
    with ctx.db.read() as session:
        from sync.server.models import XapiClient

        ids = {
            name: session.scalar(select(XapiClient.id).where(XapiClient.key == auth[0]))
            for name, auth in tools.items()
        }
    learners = {}
    for learner, code in ((world.alice, world.alice_code), (world.bob, world.bob_code)):
        learners[enrol(api, code)["profile_id"]] = learner
    return Store(
        *(Lrs(api, tools[name]) for name in ("tokyo", "hq", "paris")),
        learners=learners,
        ids=ids,
    )


def account(profile: str) -> dict:
    return {"account": {"homePage": ACCOUNT_HOME_PAGE, "name": profile}}


def authority(client_id: int) -> str:
    return json.dumps({"account": {"homePage": "urn:hocvu:xapi-client", "name": str(client_id)}})


def read_all(lrs: Lrs, **params) -> list[str]:
    """Every statement of a query, following `more` (pages of 2)."""
    got, answer = [], lrs.get(limit="2", **params)
    while True:
        assert answer.status_code == 200, answer.text
        got += [s["id"] for s in answer.json()["statements"]]
        more = answer.json()["more"]
        if not more:
            return got
        answer = lrs.get(more=parse_qs(urlsplit(more).query)["more"][0])


# ------------------------------------------------------------------ the plans


@dataclass
class Forced:
    """A `Sight` with the plan chosen by the test, the seqs as the store holds them."""

    few: bool
    few_learners: bool
    seqs: list[int]
    learners: list[int]


PLANS = {
    "few": (True, True),  # every walk confined to what the reader sees
    "many, few learners": (False, True),  # own walk + learners by their index
    "many": (False, False),  # own walk + learners by a walk in seq order
}


def force(monkeypatch, plan: str | None) -> None:
    if plan is None:
        return  # what the counts choose
    few, few_learners = PLANS[plan]

    def sight(session, query, reader):
        real = xapi_reader.sight(session, reader, xapi_query._seq_bounds(query, held=True))
        assert real.few  # the test's stores: the lists hold everything the reader sees
        return Forced(few, few_learners, real.seqs, real.learners)

    monkeypatch.setattr(xapi_query, "_sight", sight)


@pytest.mark.parametrize("plan", [None, *PLANS])
def test_a_small_units_tool_gets_its_own_and_its_learners_statements_only(store, monkeypatch, plan):
    force(monkeypatch, plan)
    alice, bob = list(store.learners)
    # Most of the store is another unit's and unattached statements of the ministry.
    others = [statement() for _ in range(12)]
    assert store.paris.post(others[:8]).status_code == 200
    assert store.hq.post(others[8:]).status_code == 200
    own = statement()
    by_hq = statement(actor=account(alice))  # HQ writes for Tokyo's learner
    hidden = statement(actor=account(bob))
    mine_for_bob = statement(actor=account(bob))
    for lrs, body in ((store.tokyo, own), (store.hq, by_hq), (store.tokyo, hidden)):
        assert lrs.post(body).status_code == 200
    assert store.paris.post([statement() for _ in range(5)]).status_code == 200
    assert store.tokyo.post(mine_for_bob).status_code == 200
    assert store.tokyo.post(voiding(hidden["id"])).status_code == 200
    void = store.tokyo.ids(verb=VOIDED)
    expected = [void[0], mine_for_bob["id"], by_hq["id"], own["id"]]
    assert read_all(store.tokyo) == expected
    assert read_all(store.tokyo, ascending="true") == expected[::-1]
    stored = {s["id"]: s["stored"] for s in store.tokyo.get().json()["statements"]}
    assert read_all(store.tokyo, since=stored[by_hq["id"]]) == [void[0], mine_for_bob["id"]]
    assert read_all(store.tokyo, until=stored[by_hq["id"]]) == [by_hq["id"], own["id"]]
    # The voiding statement is found by what it voids, which stays hidden.
    assert read_all(store.tokyo, agent=json.dumps(account(bob))) == [void[0], mine_for_bob["id"]]
    # Authorities: its own statements, HQ's only where Tokyo may read them.
    tokyo_written = read_all(
        store.tokyo, agent=authority(store.ids["tokyo"]), related_agents="true"
    )
    assert tokyo_written == [void[0], mine_for_bob["id"], own["id"]]
    hq_written = read_all(store.tokyo, agent=authority(store.ids["hq"]), related_agents="true")
    assert hq_written == [by_hq["id"]]
    assert read_all(store.tokyo, agent=authority(store.ids["paris"]), related_agents="true") == []


# ------------------------------------------------------------------ the rule as a model


def expected_ids(ctx, store: Store, params: dict[str, str]) -> list[str]:
    """What Tokyo should get, from the stored rows by the rule: written by Tokyo or
    attached to one of its learners, not voided, meeting the filter; by seq."""
    tokyo, learners = store.ids["tokyo"], set(store.learners.values())
    with ctx.db.read() as session:
        rows = session.execute(
            select(
                Statement.seq,
                Statement.statement_id,
                Statement.xapi_client_id,
                Statement.learner_id,
                Statement.voided,
                Statement.stored,
                Statement.body,
            ).order_by(Statement.seq)
        ).all()

    def ms(moment: datetime) -> datetime:
        moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        return moment.replace(microsecond=moment.microsecond // 1000 * 1000)

    readable = {
        str(row.statement_id): row
        for row in rows
        if row.xapi_client_id == tokyo or row.learner_id in learners
    }

    def matches(row) -> bool:
        """The filter, met by the statement or by the readable one it targets (a
        voiding statement is found by what it voids)."""
        body = json.loads(row.body)
        target = readable.get(body["object"]["id"])
        if body["object"].get("objectType") == "StatementRef" and target and matches(target):
            return True
        if "verb" in params and body["verb"]["id"] != params["verb"]:
            return False
        if "agent" in params and "related_agents" in params:
            name = json.loads(params["agent"])["account"]["name"]
            return row.xapi_client_id == int(name)
        # An agent is its identifier: a name beside it does not count.
        actor = {k: v for k, v in body["actor"].items() if k != "name"}
        return "agent" not in params or actor == json.loads(params["agent"])

    def meets(row) -> bool:
        if not matches(row):
            return False
        if "since" in params and ms(row.stored) <= datetime.fromisoformat(params["since"]):
            return False
        return "until" not in params or ms(row.stored) <= datetime.fromisoformat(params["until"])

    found = [sid for sid, row in readable.items() if not row.voided and meets(row)]
    return found if params.get("ascending") == "true" else found[::-1]


step = st.tuples(
    st.sampled_from(["tokyo", "tokyo", "hq", "paris", "paris"]),
    st.sampled_from(["an", "binh", "alice", "bob"]),  # the actor
    st.integers(0, 1),  # verb
    st.booleans(),  # voids an earlier statement of Tokyo's instead
)
query = st.sampled_from(
    [
        {},
        {"ascending": "true"},
        {"verb": VERBS[0]},
        {"verb": VERBS[1], "ascending": "true"},
        {"agent": json.dumps({"mbox": AGENTS[0]})},
        {"authority": "tokyo"},
        {"authority": "hq"},
        {"since": 0},
        {"until": 0, "ascending": "true"},
    ]
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(step, min_size=1, max_size=8), asked=st.lists(query, min_size=2))
@pytest.mark.parametrize("plan", list(PLANS))
def test_every_plan_answers_what_the_rule_says_on_random_stores(
    ctx, store, monkeypatch, plan, steps, asked
):
    force(monkeypatch, plan)
    profiles = list(store.learners)
    for writer, who, verb, voids in steps:
        if voids and writer == "tokyo":
            voidings = set(read_all(store.tokyo, verb=VOIDED))
            mine = [i for i in read_all(store.tokyo) if i not in voidings]
            body = voiding(mine[-1]) if mine else statement()
        else:
            actor = {"mbox": AGENTS[0 if who == "an" else 1]}
            if who in ("alice", "bob") and writer != "paris":
                actor = account(profiles[0 if who == "alice" else 1])
            body = statement(actor=actor, verb=VERBS[verb])
        answer = getattr(store, writer).post(body)
        assert answer.status_code == 200, answer.text
    with ctx.db.read() as session:
        times = sorted(session.scalars(select(Statement.stored)))
    for params in asked:
        params = dict(params)
        if "authority" in params:
            params = {"agent": authority(store.ids[params.pop("authority")])}
            params["related_agents"] = "true"
        for name in ("since", "until"):
            if name in params:
                moment = times[len(times) // 2]
                moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
                moment = moment.astimezone(UTC) - timedelta(microseconds=moment.microsecond % 1000)
                params[name] = moment.isoformat(timespec="milliseconds")
        assert read_all(store.tokyo, **params) == expected_ids(ctx, store, params), params


def test_a_tool_seeing_little_is_answered_from_its_own_indexes(ctx, store):
    """The plan of a tool of another unit, without a filter or with only `since` or
    `ascending`, walks its own index and its learners', never the statements' table
    (SQLite: no SCAN of statements; PostgreSQL: no Seq Scan nor walk of the primary
    key)."""
    from .test_xapi_hostile import _plan

    assert store.paris.post([statement() for _ in range(30)]).status_code == 200
    for params in ({}, {"since": "2000-01-01T00:00:00Z"}, {"ascending": "true"}):
        query = xapi_query.parse(params)
        with ctx.db.read() as session:
            query.bound = xapi_query.newest_seq(session)
            who = xapi_reader.reader(session, store.ids["tokyo"], _unit_of(ctx, "Tokyo LMS"))
            sql = xapi_query.build(query, who.seen, session, who)
        plan = _plan(ctx, sql)
        assert "SCAN statements" not in plan and "Seq Scan on statements" not in plan, plan
        assert "Index Scan Backward using statements_pkey" not in plan, plan


def _unit_of(ctx, name: str) -> int:
    from sync.server.models import XapiClient

    with ctx.db.read() as session:
        return session.scalar(select(XapiClient.unit_id).where(XapiClient.name == name))


def test_migration_0013_down_and_up_keeps_the_answers(ctx, store):
    alice = next(iter(store.learners))
    sent = [statement(), statement(actor=account(alice))]
    assert store.tokyo.post(sent).status_code == 200
    assert store.paris.post(statement()).status_code == 200
    before = read_all(store.tokyo)
    config = alembic_config()
    with ctx.db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0012")
    with ctx.db.engine.connect() as connection:
        names = {i["name"] for i in sa_inspect(connection).get_indexes("statements")}
    assert "ix_statements_xapi_client_seq" not in names and "ix_statements_device_seq" not in names
    assert read_all(store.tokyo) == before
    ctx.db.migrate()
    with ctx.db.engine.connect() as connection:
        names = {i["name"] for i in sa_inspect(connection).get_indexes("statements")}
    assert {"ix_statements_xapi_client_seq", "ix_statements_device_seq"} <= names
    assert read_all(store.tokyo) == before == [sent[1]["id"], sent[0]["id"]]
