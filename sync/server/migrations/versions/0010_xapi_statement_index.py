"""The xAPI statement filters and voiding: registration and voided on statements, the
agent and activity index tables, voiding targets, attachment contents.

Revision ID: 0010
Revises: 0009

The index tables are filled for the statements stored before this revision by the
code ingest runs (`sync.server.statement_index`), a thousand statements at a time.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from sync.server.models import UUIDText

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_BATCH = 1000


def upgrade() -> None:
    with op.batch_alter_table("statements") as batch:
        batch.add_column(sa.Column("registration", UUIDText(), nullable=True))
        batch.add_column(
            sa.Column("voided", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.create_index("ix_statements_verb_seq", ["verb", "seq"])
        batch.create_index("ix_statements_registration_seq", ["registration", "seq"])
    op.create_table(
        "statement_agents",
        sa.Column("agent", sa.LargeBinary(length=16), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("related", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("agent", "seq"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "statement_activities",
        sa.Column("activity", sa.LargeBinary(length=16), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("related", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("activity", "seq"),
        sqlite_with_rowid=False,
    )
    op.create_table(
        "statement_voids",
        sa.Column("target", UUIDText(), nullable=False),
        sa.Column("voiding_id", UUIDText(), nullable=False),
        sa.Column("xapi_client_id", sa.Integer(), nullable=True),
        sa.PrimaryKeyConstraint("target"),
    )
    op.create_table(
        "xapi_attachments",
        sa.Column("sha2", sa.String(length=128), nullable=False),
        sa.Column("content_type", sa.String(length=255), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("sha2"),
    )
    _backfill()


def _backfill() -> None:
    from sync.server import statement_index
    from sync.server.models import Statement

    session = Session(bind=op.get_bind())
    last = 0
    while True:
        rows = session.execute(
            sa.select(
                Statement.seq, Statement.statement_id, Statement.xapi_client_id, Statement.body
            )
            .where(Statement.seq > last)
            .order_by(Statement.seq)
            .limit(_BATCH)
        ).all()
        if not rows:
            break
        last = rows[-1].seq
        for row in rows:
            statement = json.loads(row.body)
            context = statement.get("context")
            registration = context.get("registration") if isinstance(context, dict) else None
            if isinstance(registration, str):
                session.execute(
                    sa.update(Statement)
                    .where(Statement.seq == row.seq)
                    .values(registration=registration.lower())
                )
            statement_index.record(
                session, [(row.seq, row.statement_id, statement)], row.xapi_client_id
            )
    session.flush()


def downgrade() -> None:
    op.drop_table("xapi_attachments")
    op.drop_table("statement_voids")
    op.drop_table("statement_activities")
    op.drop_table("statement_agents")
    with op.batch_alter_table("statements") as batch:
        batch.drop_index("ix_statements_registration_seq")
        batch.drop_index("ix_statements_verb_seq")
        batch.drop_column("voided")
        batch.drop_column("registration")
