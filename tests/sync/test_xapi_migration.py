"""Migration 0010 (the xAPI index tables) down and up again on a database holding
statements: the filters then find what they found before."""

from __future__ import annotations

import uuid

from alembic import command
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select

from sync.server.db import alembic_config
from sync.server.models import StatementActivity, StatementAgent

from .xapi_helpers import ACTIVITY, Lrs, add_client, statement, voiding


def test_index_tables_rebuilt_by_the_migration_equal_what_ingest_kept(api, ctx, world):
    lrs = Lrs(api, add_client(ctx, world.ministry))
    registration = str(uuid.uuid4())
    sent = [
        statement(),
        statement(
            actor={"openid": "http://openid.example.org/b"},
            context={
                "registration": registration,
                "instructor": {"mbox": "mailto:t@example.org"},
                "contextActivities": {"grouping": {"id": "http://example.org/programme"}},
            },
        ),
        statement(obj={"objectType": "Agent", "mbox": "mailto:c@example.org"}),
    ]
    assert lrs.post(sent).status_code == 200

    def kept() -> tuple[list, list]:
        with ctx.db.read() as session:
            return (
                sorted(session.execute(select(*StatementAgent.__table__.c)).all()),
                sorted(session.execute(select(*StatementActivity.__table__.c)).all()),
            )

    before = kept()
    assert len(before[0]) == 5 and len(before[1]) == 3
    config = alembic_config()
    with ctx.db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0009")
    with ctx.db.engine.connect() as connection:
        inspector = sa_inspect(connection)
        assert "statement_agents" not in inspector.get_table_names()
        assert "voided" not in {c["name"] for c in inspector.get_columns("statements")}
    ctx.db.migrate()
    assert kept() == before
    assert lrs.ids(registration=registration) == [sent[1]["id"]]
    assert set(lrs.ids(activity=ACTIVITY)) == {sent[0]["id"], sent[1]["id"]}
    # Voiding works on the migrated database (the voiding statement is found by what
    # the statement it voids was about).
    void = voiding(sent[0]["id"])
    assert lrs.post(void).status_code == 200
    assert lrs.ids(activity=ACTIVITY) == [void["id"], sent[1]["id"]]
