"""Learner results: the one derived table the reports read, filled at ingest.

A passed or failed statement of a quiz, exam or placement activity is folded into
one row per (learner, activity): the earliest pass, the best score, the number of
attempts. Ingest calls `record` in the transaction that stores the statements, and
migration 0003 fills the table from statements stored before it existed, with the
same `derive`; so the table is always exactly what the statements say.

A pass is verb `passed` and a result whose `success` is not false; for an exam only
the server's own result statements count (`sync.server.grading`), which are also
the only ones a certificate is signed for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import case
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from sync.server.models import LearnerResult
from sync.xapi import VERBS, Activity, StatementError, parse_timestamp, server_authored

RESULT_KINDS = ("quiz", "exam", "placement")
_PASSED = VERBS["passed"]
_FAILED = VERBS["failed"]


@dataclass(frozen=True)
class Result:
    """One passed or failed attempt, as read from its statement."""

    learner_id: str
    pack_id: str
    kind: str
    local_id: str
    passed: bool
    score: float | None
    at: datetime | None


def is_pass(statement: dict[str, Any]) -> bool:
    if statement["verb"]["id"] != _PASSED:
        return False
    return (statement.get("result") or {}).get("success") is not False


def statement_time(statement: dict[str, Any]) -> datetime | None:
    text = statement.get("timestamp")
    return None if text is None else parse_timestamp(text).astimezone(UTC)


def derive(statement: dict[str, Any], learner_id: str | None) -> Result | None:
    """The result a (validated) statement records, or None if it records none."""
    if learner_id is None or statement["verb"]["id"] not in (_PASSED, _FAILED):
        return None
    try:
        activity = Activity.parse(statement["object"]["id"])
    except StatementError:
        return None
    if activity.kind not in RESULT_KINDS:
        return None
    if activity.kind == "exam" and not server_authored(statement):
        # Only the server's grading counts for an exam; a device's own `passed` (an
        # older app's, or a forged one) is kept as a statement and nothing more.
        return None
    score = ((statement.get("result") or {}).get("score") or {}).get("scaled")
    return Result(
        learner_id,
        activity.pack_id,
        activity.kind,
        activity.local_id,
        is_pass(statement),
        float(score) if isinstance(score, int | float) else None,
        statement_time(statement),
    )


def _earliest(a: datetime | None, b: datetime | None) -> datetime | None:
    return b if a is None else a if b is None else min(a, b)


def _latest(a: datetime | None, b: datetime | None) -> datetime | None:
    return b if a is None else a if b is None else max(a, b)


def _best(a: float | None, b: float | None) -> float | None:
    return b if a is None else a if b is None else max(a, b)


def fold(results: Iterable[Result]) -> list[dict[str, Any]]:
    """One row per (learner, activity) for a batch of results."""
    rows: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    for r in results:
        key = (r.learner_id, r.pack_id, r.kind, r.local_id)
        row = rows.get(key)
        passed_at = r.at if r.passed else None
        if row is None:
            rows[key] = {
                "learner_id": r.learner_id,
                "pack_id": r.pack_id,
                "kind": r.kind,
                "local_id": r.local_id,
                "first_passed": passed_at,
                "best_score": r.score,
                "attempts": 1,
                "last_at": r.at,
            }
            continue
        row["first_passed"] = _earliest(row["first_passed"], passed_at)
        row["best_score"] = _best(row["best_score"], r.score)
        row["attempts"] += 1
        row["last_at"] = _latest(row["last_at"], r.at)
    return list(rows.values())


def record(session: Session, results: Iterable[Result]) -> int:
    """Fold results into the table in the caller's transaction (an upsert per row);
    returns the number of rows written."""
    rows = fold(results)
    if not rows:
        return 0
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = LearnerResult.__table__
    statement = insert(table)
    new = statement.excluded
    # A null never wins: a pass beats no pass, a score beats none.
    statement = statement.on_conflict_do_update(
        index_elements=["learner_id", "pack_id", "kind", "local_id"],
        set_={
            "first_passed": case(
                (table.c.first_passed.is_(None), new.first_passed),
                (new.first_passed < table.c.first_passed, new.first_passed),
                else_=table.c.first_passed,
            ),
            "best_score": case(
                (table.c.best_score.is_(None), new.best_score),
                (new.best_score > table.c.best_score, new.best_score),
                else_=table.c.best_score,
            ),
            "attempts": table.c.attempts + new.attempts,
            "last_at": case(
                (table.c.last_at.is_(None), new.last_at),
                (new.last_at > table.c.last_at, new.last_at),
                else_=table.c.last_at,
            ),
        },
    )
    session.execute(statement, rows)
    return len(rows)
