"""Item analysis on first answers: `item_answers`.

Revision ID: 0009
Revises: 0008

Each learner's first answer to each item of a pack version, in authored ids, with
its score and the rest of its attempt's score (`sync.server.derived.item_answers`).
Filled here from every attempt that ended before this revision, by the code ingest
runs. Sealed exam answers are opened with the server's grading keys when this
migration can read them (the data folder's `keys/grading`, passphrase from
HOCVU_SERVER_KEY_PASSPHRASE); without them those answers are left out.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import sqlalchemy as sa
from alembic import context, op
from sqlalchemy.orm import Session

from sync.server.models import UUIDText
from sync.xapi import VERBS

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

_BACKFILL_CHUNK = 2000


def upgrade() -> None:
    op.create_table(
        "item_answers",
        sa.Column("learner_id", UUIDText(), nullable=False),
        sa.Column("pack_id", sa.String(length=200), nullable=False),
        sa.Column("pack_version", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(length=200), nullable=False),
        sa.Column("quiz", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("registration", UUIDText(), nullable=False),
        sa.Column("response", sa.Text(), nullable=False),
        sa.Column("score", sa.Double(), nullable=False),
        sa.Column("rest", sa.Double(), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("learner_id", "pack_id", "pack_version", "item_id"),
    )
    with op.batch_alter_table("item_answers") as batch:
        batch.create_index(
            "ix_item_answers_quiz", ["pack_id", "quiz", "pack_version"], unique=False
        )
    _backfill()


def _opener(session: Session):
    from sync.server.grading import Grader
    from sync.server.keys import ServerKeys, load_grading_keys

    data_dir = context.config.attributes.get("data_dir")
    if not data_dir:
        return None
    folder = Path(data_dir) / "keys" / "grading"
    try:
        grading = load_grading_keys(folder, os.environ.get("HOCVU_SERVER_KEY_PASSPHRASE"))
    except Exception:  # unreadable keys leave sealed answers out, as documented above
        return None
    if not grading:
        return None
    # Opening exams reads only the grading keys; the signing keys are not needed here.
    keys = ServerKeys(None, None, grading)  # type: ignore[arg-type]
    return Grader(keys, Path(data_dir)).opener(session)


def _backfill() -> None:
    from sync.server.derived import item_answers
    from sync.server.models import Statement

    session = Session(bind=op.get_bind())
    opener = _opener(session)
    query = (
        sa.select(Statement.body, Statement.learner_id)
        .where(
            Statement.verb.in_([VERBS["passed"], VERBS["failed"]]),
            Statement.learner_id.is_not(None),
        )
        .order_by(Statement.seq)
    )
    pending = []
    for body, learner_id in session.execute(query).all():
        ended = item_answers.ended_attempt(json.loads(body), learner_id)
        if ended is not None:
            pending.append(ended)
        if len(pending) >= _BACKFILL_CHUNK:
            item_answers.derive(session, pending, opener)
            pending = []
    item_answers.derive(session, pending, opener)
    session.flush()


def downgrade() -> None:
    with op.batch_alter_table("item_answers") as batch:
        batch.drop_index("ix_item_answers_quiz")
    op.drop_table("item_answers")
