"""The report bench's fast seeding (bench/report_seed.py) leaves the database ingest
would: the same learners walked twice, once all through `ingest.prepare` and `store`,
once through the fast writer, give equal statements, xAPI index rows and derived
tables (results, pack versions, first answers, progress)."""

from __future__ import annotations

import argparse
import random
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from bench.report_bench import Ministry
from sync.server.models import (
    ItemAnswer,
    LearnerPackVersion,
    LearnerProgress,
    LearnerResult,
    Statement,
    StatementActivity,
    StatementAgent,
)

NOW = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def _tables(ministry: Ministry) -> dict[str, list[tuple]]:
    with ministry.ctx.db.read() as session:
        ids = dict(session.execute(select(Statement.seq, Statement.statement_id)).all())
        found = {
            "statements": sorted(
                session.execute(
                    select(
                        Statement.statement_id,
                        Statement.learner_id,
                        Statement.body,
                        Statement.content_hash,
                        Statement.verb,
                        Statement.object_id,
                        Statement.timestamp,
                        Statement.stored,
                        Statement.registration,
                        Statement.voided,
                    )
                ).all()
            ),
            # Seqs differ between two databases only by the order of insertion.
            "agents": sorted(
                (bytes(a), ids[seq], r)
                for a, seq, r in session.execute(select(StatementAgent.__table__)).all()
            ),
            "activities": sorted(
                (bytes(a), ids[seq], r)
                for a, seq, r in session.execute(select(StatementActivity.__table__)).all()
            ),
        }
        for name, model in (
            ("results", LearnerResult),
            ("pack_versions", LearnerPackVersion),
            ("item_answers", ItemAnswer),
            ("progress", LearnerProgress),
        ):
            found[name] = sorted(
                tuple(row) for row in session.execute(select(model.__table__)).all()
            )
    return found


def _seeded(kind: str, base_url: str | None, folder: Path, through_ingest: int) -> dict:
    args = argparse.Namespace(
        learners=40, statements=2_500, departments=2, missions=4, through_ingest=through_ingest
    )
    ministry = Ministry(kind, base_url, folder)
    try:
        ministry.seed(args, random.Random(11), NOW)
        return _tables(ministry)
    finally:
        ministry.close()


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_fast_seeding_leaves_exactly_what_ingest_leaves(kind, tmp_path, request):
    base_url = request.getfixturevalue("postgres_admin_url") if kind == "postgresql" else None
    ingested = _seeded(kind, base_url, tmp_path / "ingest", through_ingest=10**9)
    fast = _seeded(kind, base_url, tmp_path / "fast", through_ingest=0)
    assert len(ingested["statements"]) == 2_500
    # Every table the reports read holds something to compare.
    assert all(ingested[name] for name in ingested), {k: len(v) for k, v in ingested.items()}
    for name in ingested:
        assert fast[name] == ingested[name], name
