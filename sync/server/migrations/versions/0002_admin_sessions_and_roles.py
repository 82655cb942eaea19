"""Dashboard sessions in the database, and the dashboard's role names.

Revision ID: 0002
Revises: 0001

Sessions live in a table (not process memory) so any server process accepts a
login made on another (DESIGN section 6). The roles become ministry_admin,
unit_admin and trainer; accounts made with the first release's names keep the
same powers.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

ROLE_NAMES = {"superadmin": "ministry_admin", "admin": "unit_admin", "viewer": "trainer"}


def upgrade() -> None:
    op.create_table(
        "admin_sessions",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("admin_id", sa.Integer(), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["admin_id"], ["admin_accounts.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    with op.batch_alter_table("admin_sessions", schema=None) as batch_op:
        batch_op.create_index("ix_admin_sessions_admin_id", ["admin_id"], unique=False)
    accounts = sa.table("admin_accounts", sa.column("role", sa.String))
    for old, new in ROLE_NAMES.items():
        op.execute(accounts.update().where(accounts.c.role == old).values(role=new))


def downgrade() -> None:
    accounts = sa.table("admin_accounts", sa.column("role", sa.String))
    for old, new in ROLE_NAMES.items():
        op.execute(accounts.update().where(accounts.c.role == new).values(role=old))
    with op.batch_alter_table("admin_sessions", schema=None) as batch_op:
        batch_op.drop_index("ix_admin_sessions_admin_id")
    op.drop_table("admin_sessions")
