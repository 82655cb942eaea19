"""The Alembic migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import select, text

from sync.server.db import Database, alembic_config
from sync.server.models import (
    Base,
    ItemAnswer,
    LearnerPackVersion,
    LearnerProgress,
    LearnerResult,
    Pack,
)

from .reporting_world import build_ministry


def _head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_fresh_database_migrated_to_head_matches_the_models(database_url):
    db = Database(database_url)
    db.migrate()
    try:
        with db.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        db.dispose()


def test_migrating_twice_is_harmless(database_url):
    db = Database(database_url)
    db.migrate()
    db.migrate()
    with db.engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == _head()
    db.dispose()


def test_first_release_role_names_become_the_dashboard_roles(database_url):
    db = Database(database_url)
    db.migrate()
    # Back to the first release's schema (the PostgreSQL copy starts at head).
    config = alembic_config()
    with db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    with db.engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO units (id, name, kind, parent_id, created) "
                "VALUES (1, 'Bộ', 'ministry', NULL, CURRENT_TIMESTAMP)"
            )
        )
        for number, role in enumerate(("superadmin", "admin", "viewer"), start=1):
            connection.execute(
                text(
                    "INSERT INTO admin_accounts "
                    "(id, username, password_hash, role, unit_id, created, disabled) "
                    "VALUES (:id, :name, 'x', :role, 1, CURRENT_TIMESTAMP, false)"
                ),
                {"id": number, "name": f"a{number}", "role": role},
            )
    db.migrate()
    with db.engine.connect() as connection:
        roles = connection.execute(text("SELECT role FROM admin_accounts ORDER BY id")).scalars()
        assert list(roles) == ["ministry_admin", "unit_admin", "trainer"]
    db.dispose()


def test_learner_results_filled_from_earlier_statements_equal_what_ingest_keeps(ctx):
    build_ministry(ctx)

    def results() -> list[tuple]:
        with ctx.db.read() as session:
            return sorted(session.execute(select(*LearnerResult.__table__.c)).all())

    kept = results()
    # 11 exam and module results, and the six learners' attempts at the l1-a1 quiz
    # that hold their item answers (Bình's counts with his earlier one).
    assert len(kept) == 17
    config = alembic_config()
    with ctx.db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    ctx.db.migrate()
    assert results() == kept


def test_learner_pack_versions_filled_from_earlier_statements_equal_what_ingest_keeps(ctx):
    build_ministry(ctx)

    def kept() -> list[tuple]:
        with ctx.db.read() as session:
            return sorted(session.execute(select(*LearnerPackVersion.__table__.c)).all())

    before = kept()
    # Six learners, each with statements of the level-1 pack, Bình and Chi also level 2.
    assert len(before) == 8
    config = alembic_config()
    with ctx.db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
    ctx.db.migrate()
    assert kept() == before


def test_learner_progress_filled_from_earlier_statements_equals_what_ingest_keeps(ctx):
    build_ministry(ctx)

    def kept() -> list[tuple]:
        with ctx.db.read() as session:
            return sorted(
                (r.learner_id, r.kind, r.number, round(r.fraction, 9), r.complete, r.certified_at)
                for r in session.execute(select(*LearnerProgress.__table__.c))
            )

    before = kept()
    # Six areas and four levels for each learner with anything to show, someone certified.
    assert before and len(before) % (6 + 4) == 0
    assert any(row[5] is not None for row in before)
    config = alembic_config()
    with ctx.db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0006")
    ctx.db.migrate()
    assert kept() == before
    with ctx.db.read() as session:
        assert all(session.scalars(select(Pack.course_map)))


def test_item_answers_filled_from_earlier_statements_equal_what_ingest_keeps(ctx):
    build_ministry(ctx)

    def kept() -> list[tuple]:
        with ctx.db.read() as session:
            return sorted(session.execute(select(*ItemAnswer.__table__.c)).all())

    before = kept()
    # Six learners answered q1 in an ended attempt, Dũng q2 as well.
    assert len(before) == 7
    config = alembic_config()
    with ctx.db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0008")
    with ctx.db.engine.connect() as connection:
        assert "item_answers" not in sa_inspect(connection).get_table_names()
    ctx.db.migrate()
    assert kept() == before
