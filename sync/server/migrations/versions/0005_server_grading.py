"""Server grading: the exam attempts the server graded or holds.

Revision ID: 0005
Revises: 0004

`exam_attempts` starts empty: before this revision the server graded nothing (it
signed a certificate for any pushed exam pass). Those certificates and their
statements stay as they are.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sync.server.models import UUIDText

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "exam_attempts",
        sa.Column("registration", UUIDText(), nullable=False),
        sa.Column("learner_id", UUIDText(), nullable=False),
        sa.Column("profile_id", UUIDText(), nullable=False),
        sa.Column("pack_id", sa.String(length=200), nullable=False),
        sa.Column("pack_version", sa.Integer(), nullable=False),
        sa.Column("exam", sa.String(length=200), nullable=False),
        sa.Column("submission_id", UUIDText(), nullable=False),
        sa.Column("submitted", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("held_reason", sa.String(length=20), nullable=True),
        sa.Column("detail", sa.Text(), nullable=True),
        sa.Column("score", sa.Double(), nullable=True),
        sa.Column("passed", sa.Boolean(), nullable=True),
        sa.Column("attempt", sa.Integer(), nullable=True),
        sa.Column("items", sa.Integer(), nullable=True),
        sa.Column("seconds_taken", sa.Double(), nullable=True),
        sa.Column("min_seconds", sa.Double(), nullable=True),
        sa.Column("result_statement_id", UUIDText(), nullable=True),
        sa.Column("certificate_id", UUIDText(), nullable=True),
        sa.Column("decided_by", sa.String(length=200), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["learner_id"], ["learners.id"]),
        sa.PrimaryKeyConstraint("registration"),
    )
    with op.batch_alter_table("exam_attempts", schema=None) as batch_op:
        batch_op.create_index(
            "ix_exam_attempts_learner_pack", ["learner_id", "pack_id", "pack_version"]
        )
        batch_op.create_index("ix_exam_attempts_status", ["status"])


def downgrade() -> None:
    with op.batch_alter_table("exam_attempts", schema=None) as batch_op:
        batch_op.drop_index("ix_exam_attempts_status")
        batch_op.drop_index("ix_exam_attempts_learner_pack")
    op.drop_table("exam_attempts")
