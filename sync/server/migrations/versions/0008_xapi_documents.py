"""xAPI documents: the State, Activity Profile and Agent Profile resources.

Revision ID: 0008
Revises: 0007

One new table; nothing earlier changes. Documents are found by SHA-256 hashes of
their keys (`sync.server.xapi_documents`), so the unique constraint and the index
stay small whatever the length of the IRIs and ids a client sends.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sync.server.models import SEQ, UUIDText

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "xapi_documents",
        sa.Column("id", SEQ, primary_key=True, autoincrement=True),
        sa.Column("unit_id", sa.Integer(), sa.ForeignKey("units.id"), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("set_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("key_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("document_id", sa.Text(), nullable=False),
        sa.Column("activity_id", sa.Text(), nullable=True),
        sa.Column("agent_key", sa.Text(), nullable=True),
        sa.Column("registration", UUIDText(), nullable=True),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("content_type", sa.String(length=255), nullable=False),
        sa.Column("etag", sa.String(length=40), nullable=False),
        sa.Column("updated", sa.DateTime(timezone=True), nullable=False),
        sa.Column("xapi_client_id", sa.Integer(), sa.ForeignKey("xapi_clients.id"), nullable=False),
        sa.UniqueConstraint("key_hash", "unit_id", name="uq_xapi_documents_key_unit"),
    )
    op.create_index("ix_xapi_documents_set", "xapi_documents", ["set_hash", "unit_id", "updated"])


def downgrade() -> None:
    op.drop_index("ix_xapi_documents_set", table_name="xapi_documents")
    op.drop_table("xapi_documents")
