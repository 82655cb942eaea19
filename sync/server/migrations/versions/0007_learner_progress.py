"""Learner progress by the app's rule: the course map beside each pack, and the
derived per-learner table the reports read.

Revision ID: 0007
Revises: 0006

`packs.course_map` holds the pack as the progress rule sees it (`sync.progress`),
read from the pack file's quizzes when the server's data folder is known (the server
migrates through `ServerContext`, which knows it), else from the manifest alone
(every quiz then has the manifest's pass mark and a placement test probes nothing).
`learner_progress` is then filled for every learner from the statements stored before
this revision, by the same code ingest runs.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import sqlalchemy as sa
from alembic import context, op
from sqlalchemy.orm import Session

from sync.server.models import UUIDText

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("packs") as batch:
        batch.add_column(sa.Column("course_map", sa.Text(), nullable=True))
    op.create_table(
        "learner_progress",
        sa.Column("learner_id", UUIDText(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("fraction", sa.Double(), nullable=False),
        sa.Column("complete", sa.Integer(), nullable=False),
        sa.Column("certified_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("learner_id", "kind", "number"),
    )
    with op.batch_alter_table("learner_progress") as batch:
        batch.create_index(
            "ix_learner_progress_certified", ["kind", "number", "certified_at"], unique=False
        )
    _backfill()


def _backfill() -> None:
    from sync.progress import pack_map, pack_map_to_json
    from sync.server.derived import progress
    from sync.server.models import Pack

    data_dir = context.config.attributes.get("data_dir")
    session = Session(bind=op.get_bind())
    packs = session.execute(sa.select(Pack.id, Pack.version, Pack.file, Pack.manifest)).all()
    for pack_row, version, file, manifest_text in packs:
        manifest = json.loads(manifest_text)
        archive = Path(data_dir) / file if data_dir else None
        try:
            if archive is None or not archive.is_file():
                raise FileNotFoundError(file)
            course_map = progress.pack_course_map(manifest, version, archive)
        except (OSError, ValueError, KeyError, zipfile.BadZipFile):
            course_map = pack_map_to_json(pack_map(manifest, version, lambda slug: None))
        session.execute(sa.update(Pack).where(Pack.id == pack_row).values(course_map=course_map))
    progress.recompute_all(session)
    session.flush()


def downgrade() -> None:
    with op.batch_alter_table("learner_progress") as batch:
        batch.drop_index("ix_learner_progress_certified")
    op.drop_table("learner_progress")
    with op.batch_alter_table("packs") as batch:
        batch.drop_column("course_map")
