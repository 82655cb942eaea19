"""Item responses: the answers item analysis groups, kept at ingest.

Revision ID: 0005
Revises: 0004

One row per learner, pack, pack version, item, correct or not, and response, with
the number of answers. Statements stored before this revision are folded in here
with the same `derive` ingest uses.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op
from sqlalchemy.orm import Session

from sync.server.models import UUIDText
from sync.xapi import VERBS

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_CHUNK = 5000


def upgrade() -> None:
    op.create_table(
        "item_responses",
        sa.Column("learner_id", UUIDText(), nullable=False),
        sa.Column("pack_id", sa.String(length=200), nullable=False),
        sa.Column("pack_version", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(length=300), nullable=False),
        sa.Column("correct", sa.Boolean(), nullable=False),
        sa.Column("response_key", sa.LargeBinary(length=16), nullable=False),
        sa.Column("response", sa.Text(), nullable=True),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "learner_id", "pack_id", "pack_version", "item_id", "correct", "response_key"
        ),
    )
    _backfill()


def _backfill() -> None:
    from sync.server.models import Statement
    from sync.server.reporting import answers

    session = Session(bind=op.get_bind())
    query = (
        sa.select(Statement.body, Statement.learner_id)
        .where(
            Statement.verb == VERBS["answered"],
            Statement.learner_id.is_not(None),
            Statement.object_id.like("urn:hocvu:pack:%:item:%"),
        )
        .order_by(Statement.seq)
        .execution_options(stream_results=True, yield_per=_CHUNK)
    )
    pending = []
    for body, learner_id in session.execute(query):
        found = answers.derive(json.loads(body), learner_id)
        if found is not None:
            pending.append(found)
        if len(pending) >= _CHUNK:
            answers.record(session, pending)
            pending = []
    answers.record(session, pending)
    session.flush()


def downgrade() -> None:
    op.drop_table("item_responses")
