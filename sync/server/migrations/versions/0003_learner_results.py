"""Learner results: the derived table the dashboard's reports read.

Revision ID: 0003
Revises: 0002

One row per learner and quiz, exam or placement activity (earliest pass, best
score, attempts), kept by ingest in the statements' transaction. Statements stored
before this revision are folded in here with the same derivation ingest uses.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from sync.server.models import UUIDText
from sync.xapi import VERBS

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_BACKFILL_CHUNK = 5000


def upgrade() -> None:
    op.create_table(
        "learner_results",
        sa.Column("learner_id", UUIDText(), nullable=False),
        sa.Column("pack_id", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("local_id", sa.String(length=200), nullable=False),
        sa.Column("first_passed", sa.DateTime(timezone=True), nullable=True),
        sa.Column("best_score", sa.Double(), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("learner_id", "pack_id", "kind", "local_id"),
    )
    with op.batch_alter_table("learner_results", schema=None) as batch_op:
        batch_op.create_index(
            "ix_learner_results_activity",
            ["kind", "pack_id", "local_id", "first_passed"],
            unique=False,
        )
    _backfill()


def _backfill() -> None:
    from sync.server.derived import results
    from sync.server.models import Statement

    session = Session(bind=op.get_bind())
    verbs = [VERBS["passed"], VERBS["failed"]]
    query = (
        sa.select(Statement.body, Statement.learner_id)
        .where(Statement.verb.in_(verbs), Statement.learner_id.is_not(None))
        .order_by(Statement.seq)
    )
    pending = []
    for body, learner_id in session.execute(query):
        found = results.derive(json.loads(body), learner_id)
        if found is not None:
            pending.append(found)
        if len(pending) >= _BACKFILL_CHUNK:
            results.record(session, pending)
            pending = []
    results.record(session, pending)
    session.flush()


def downgrade() -> None:
    with op.batch_alter_table("learner_results", schema=None) as batch_op:
        batch_op.drop_index("ix_learner_results_activity")
    op.drop_table("learner_results")
