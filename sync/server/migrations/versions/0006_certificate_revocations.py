"""Certificate revocations: when, why and by whom a certificate was revoked.

Revision ID: 0006
Revises: 0005

Three nullable columns on `certificates`; every certificate issued before this
revision stays valid. The index on `revoked_at` keeps the revocation list (every
revoked certificate) a small index scan on a table of millions.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("certificates") as batch:
        batch.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("revoked_reason", sa.Text(), nullable=True))
        batch.add_column(sa.Column("revoked_by", sa.String(length=200), nullable=True))
        batch.create_index("ix_certificates_revoked_at", ["revoked_at"])


def downgrade() -> None:
    with op.batch_alter_table("certificates") as batch:
        batch.drop_index("ix_certificates_revoked_at")
        batch.drop_column("revoked_by")
        batch.drop_column("revoked_reason")
        batch.drop_column("revoked_at")
