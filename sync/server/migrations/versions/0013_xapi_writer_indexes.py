"""xAPI: indexes on the statements' writer, so a tool's queries walk what it may see.

Revision ID: 0013
Revises: 0012

(xapi_client_id, seq) and (device_id, seq) on `statements`. A tool reads what it
wrote and its unit subtree's learners' statements; with these, a query of a tool that
sees little of the store is driven from its own statements and its learners' ((learner_id,
seq) already exists) instead of a walk of the whole table that checks the scope row by
row, and `related_agents` with a tool's or a device's authority walks the statements
written with those credentials (`sync.server.xapi_query`, `sync.server.xapi_reader`).

Downgrade: the two indexes are dropped; the queries still answer the same, walking
the table as before.
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_statements_xapi_client_seq": ["xapi_client_id", "seq"],
    "ix_statements_device_seq": ["device_id", "seq"],
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "statements", columns)


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, table_name="statements")
