"""The Alembic migrations build exactly the schema the models describe, on both databases."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from sync.server.db import Database
from sync.server.models import Base


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
        assert MigrationContext.configure(connection).get_current_revision() == "0001"
    db.dispose()
