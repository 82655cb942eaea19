"""Pack versions held: complete downloads per device, versions seen per learner.

Revision ID: 0004
Revises: 0003

`pack_downloads` starts empty (downloads before this revision were not recorded).
`learner_pack_versions` is filled here from the statements stored before it, with
the same `derive` ingest uses from now on.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session

from sync.server.models import UUIDText
from sync.xapi import EXT_PACK_VERSION

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_CHUNK = 5000


def upgrade() -> None:
    op.create_table(
        "pack_downloads",
        sa.Column("device_id", UUIDText(), nullable=False),
        sa.Column("pack_id", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("downloads", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["device_id"], ["devices.id"]),
        sa.PrimaryKeyConstraint("device_id", "pack_id", "version"),
    )
    op.create_table(
        "learner_pack_versions",
        sa.Column("learner_id", UUIDText(), nullable=False),
        sa.Column("pack_id", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("learner_id", "pack_id", "version"),
    )
    _backfill()


def _backfill() -> None:
    """Only the version extension, object and timestamp leave the database, one
    streamed row per statement; the bodies are read by the database itself."""
    from sync.server.derived import pack_versions as versions
    from sync.server.models import Statement

    session = Session(bind=op.get_bind())
    if session.get_bind().dialect.name == "postgresql":
        body = sa.cast(Statement.body, JSONB)
        raw_version = body.op("->")("context").op("->")("extensions").op("->")(EXT_PACK_VERSION)
        raw_version = sa.func.jsonb_typeof(raw_version) == "number", raw_version.astext
    else:
        path = f'$.context.extensions."{EXT_PACK_VERSION}"'
        raw_version = (
            sa.func.json_type(Statement.body, path) == "integer",
            sa.func.json_extract(Statement.body, path),
        )
    is_number, value = raw_version
    query = (
        sa.select(Statement.learner_id, Statement.object_id, value, Statement.timestamp)
        .where(Statement.learner_id.is_not(None), is_number)
        .execution_options(stream_results=True, yield_per=_CHUNK)
    )
    seen = []
    for learner_id, object_id, version, at in session.execute(query):
        statement = {
            "object": {"id": object_id},
            "context": {"extensions": {EXT_PACK_VERSION: _integer(version)}},
        }
        found = versions.derive(statement, learner_id)
        if found is not None:
            # The stored column is the statement's timestamp already in UTC.
            seen.append(versions.SeenVersion(found.learner_id, found.pack_id, found.version, at))
        if len(seen) >= _CHUNK:
            versions.record(session, seen)
            seen = []
    versions.record(session, seen)
    session.flush()


def _integer(value) -> int | None:
    # SQLite hands back an int; PostgreSQL the number's text, which for 2.0 is "2.0":
    # not an integer, exactly as ingest's `versions.pack_version` sees it.
    if isinstance(value, int):
        return value
    text = str(value)
    return int(text) if text.isdigit() else None


def downgrade() -> None:
    op.drop_table("learner_pack_versions")
    op.drop_table("pack_downloads")
