"""`item_answers`: each learner's first answer to each item of a pack version, written
when the attempt that holds it ends, for item analysis (`sync.server.reporting.items`).

Why these rows, and only these:

- **First answers only.** Practice lets a learner re-check an item and retake a quiz;
  a trainer judging an item wants what a learner answered the first time they met
  it. So a row is kept per (learner, pack, pack version, item): the answer of the
  learner's earliest ended attempt that held the item, and within that attempt the
  first answer recorded for it. Answers outside an ended attempt (a lesson's "Check
  yourself" item, an attempt abandoned or still under way) never count.
- **When an attempt ends**: a quiz or placement attempt at the device's `passed` or
  `failed`; an exam attempt at the server's result (`sync.server.grading`), so a held
  attempt counts once an admin releases it and a device's own exam result never does.
- **Authored ids.** Practice items are recorded in authored option ids already;
  sealed exam items in the pack's opaque ids, which the grading key maps back
  (`GradingQuiz.authored_response`). The response is kept as the xAPI interaction
  text in authored ids.
- **Scores.** A practice answer carries its score (or success); a sealed exam answer
  carries none, and is graded here with the grading key, as the grader does.
- **Rest score** (for discrimination): the mean score of the attempt's other items,
  an item of the attempt's form left unanswered scoring 0 (as the attempt's own
  score counts it); None for an attempt of one item.

Ingest calls `after_ingest` once per push, after grading, in the statements'
transaction; the migration that added the table fills it with the same code.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from content.forms import EXT_FORM, Form, FormError
from content.sealing import GradingQuiz
from sync.server.derived.pack_versions import pack_version
from sync.server.derived.results import statement_time
from sync.server.models import ItemAnswer, Statement
from sync.xapi import VERBS, Activity, StatementError, server_authored

_ANSWERED = VERBS["answered"]
_ATTEMPTED = VERBS["attempted"]
_RESULT_VERBS = frozenset({VERBS["passed"], VERBS["failed"]})
ATTEMPT_KINDS = ("quiz", "exam", "placement")

# (pack id, pack version, quiz slug) → the quiz opened with the grading keys, or None
# when the server cannot open it (no pack file, no key).
Opener = Callable[[str, int, str], GradingQuiz | None]


@dataclass(frozen=True)
class Ended:
    """An attempt that ended: whose, which quiz, which registration."""

    learner_id: str
    pack_id: str
    pack_version: int
    kind: str
    quiz: str
    registration: str


def ended_attempt(statement: Mapping[str, Any], learner_id: str | None) -> Ended | None:
    """The attempt a result statement ends, or None (not a result, no learner, no
    registration, or a device's own exam result, which counts for nothing)."""
    if learner_id is None or statement["verb"]["id"] not in _RESULT_VERBS:
        return None
    try:
        activity = Activity.parse(statement["object"]["id"])
    except StatementError:
        return None
    if activity.kind not in ATTEMPT_KINDS:
        return None
    if activity.kind == "exam" and not server_authored(dict(statement)):
        return None
    registration = (statement.get("context") or {}).get("registration")
    version = pack_version(dict(statement))
    if not isinstance(registration, str) or version is None:
        return None
    return Ended(
        learner_id, activity.pack_id, version, activity.kind, activity.local_id, registration
    )


def _score(result: Mapping[str, Any]) -> float | None:
    scaled = (result.get("score") or {}).get("scaled")
    if isinstance(scaled, int | float) and not isinstance(scaled, bool):
        return min(max(float(scaled), 0.0), 1.0)
    success = result.get("success")
    if isinstance(success, bool):
        return 1.0 if success else 0.0
    return None


def first_answers(
    ended: Ended,
    attempted: Mapping[str, Any] | None,
    answers: Iterable[Mapping[str, Any]],
    opened: GradingQuiz | None,
) -> list[dict[str, Any]]:
    """The rows of one ended attempt: its `attempted` statement (for the form) and its
    answer statements in the order they were stored."""
    firsts: dict[str, tuple[str, float, datetime | None]] = {}
    for statement in answers:
        item = statement["object"]["id"].rpartition("/")[2]
        if item in firsts:
            continue
        result = statement.get("result") or {}
        response = result.get("response")
        if not isinstance(response, str):
            continue
        score = _score(result)
        if opened is not None and item in {i.id for i in opened.quiz.items}:
            try:
                if score is None:
                    score = opened.grade(item, response).score
                response = opened.authored_response(item, response)
            except (KeyError, ValueError, TypeError):
                pass
        if score is None:
            # A sealed answer the server cannot open: nothing to count it as.
            continue
        firsts[item] = (response, score, statement_time(dict(statement)))
    if not firsts:
        return []
    form_items: tuple[str, ...] = ()
    if attempted is not None:
        try:
            extensions = (attempted.get("context") or {}).get("extensions") or {}
            form_items = Form.from_json(extensions.get(EXT_FORM)).item_ids
        except FormError:
            form_items = ()
    scores = {item: 0.0 for item in form_items}
    scores.update({item: score for item, (_, score, _) in firsts.items()})
    total, count = sum(scores.values()), len(scores)
    rows = []
    for item, (response, score, at) in firsts.items():
        rest = (total - score) / (count - 1) if count > 1 else None
        rows.append(
            {
                "learner_id": ended.learner_id,
                "pack_id": ended.pack_id,
                "pack_version": ended.pack_version,
                "item_id": f"{ended.quiz}/{item}",
                "quiz": ended.quiz,
                "kind": ended.kind,
                "registration": ended.registration,
                "response": response,
                "score": score,
                "rest": rest,
                "answered_at": at,
            }
        )
    return rows


def _attempt_statements(
    session: Session, ended: Ended
) -> tuple[dict[str, Any] | None, list[dict[str, Any]]]:
    quiz_iri = Activity(ended.pack_id, ended.kind, ended.quiz).iri
    item_prefix = f"urn:hocvu:pack:{ended.pack_id}:item:{ended.quiz}/"
    query = select(Statement.verb, Statement.body).where(
        Statement.learner_id == ended.learner_id,
        or_(
            (Statement.verb == _ATTEMPTED) & (Statement.object_id == quiz_iri),
            (Statement.verb == _ANSWERED)
            & Statement.object_id.startswith(item_prefix, autoescape=True),
        ),
    )
    if ended.kind == "exam":
        # As the grader reads it: an exam's answers are the ones her devices sent, not
        # what an xAPI tool of her unit wrote under her registration.
        query = query.where(Statement.xapi_client_id.is_(None))
    rows = session.execute(query.order_by(Statement.seq)).all()
    attempted, answers = None, []
    for verb, body in rows:
        statement = json.loads(body)
        if (statement.get("context") or {}).get("registration") != ended.registration:
            continue
        if verb == _ATTEMPTED:
            attempted = attempted or statement
        else:
            answers.append(statement)
    return attempted, answers


def record(session: Session, rows: list[dict[str, Any]]) -> int:
    """Upsert rows in the caller's transaction: an earlier answer replaces a later one
    (attempts may reach the server out of order, from two devices)."""
    if not rows:
        return 0
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = ItemAnswer.__table__
    # One row per key within a statement: the earliest wins.
    unique: dict[tuple, dict[str, Any]] = {}
    for row in rows:
        key = (row["learner_id"], row["pack_id"], row["pack_version"], row["item_id"])
        before = unique.get(key)
        if before is None or _earlier(row["answered_at"], before["answered_at"]):
            unique[key] = row
    statement = insert(table)
    new = statement.excluded
    statement = statement.on_conflict_do_update(
        index_elements=["learner_id", "pack_id", "pack_version", "item_id"],
        set_={
            name: getattr(new, name)
            for name in ("quiz", "kind", "registration", "response", "score", "rest", "answered_at")
        },
        where=new.answered_at < table.c.answered_at,
    )
    session.execute(statement, list(unique.values()))
    return len(unique)


def _earlier(a: datetime | None, b: datetime | None) -> bool:
    return a is not None and (b is None or a < b)


def derive(session: Session, ended: Iterable[Ended], opener: Opener | None = None) -> int:
    """Write the first answers of these ended attempts; returns the rows written."""
    rows: list[dict[str, Any]] = []
    for attempt in ended:
        attempted, answers = _attempt_statements(session, attempt)
        opened = opener(attempt.pack_id, attempt.pack_version, attempt.quiz) if opener else None
        rows += first_answers(attempt, attempted, answers, opened)
    return record(session, rows)


def after_ingest(
    session: Session,
    stored: Iterable[tuple[str | None, Mapping[str, Any]]],
    opener: Opener | None = None,
) -> int:
    """The attempts that newly stored statements (learner id, statement) end."""
    ended = [e for e in (ended_attempt(s, learner) for learner, s in stored) if e is not None]
    return derive(session, ended, opener)
