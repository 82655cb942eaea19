"""Writing the report bench's million statements fast, with ingest's own writers.

Through `ingest.prepare` and `ingest.store`, a statement cost about 0.7 ms on the 2-core
machine: validated twice (when built and when prepared), and each learner's statements
and each ended attempt's answers read back from the database to derive progress and
first answers. A million took over ten minutes. Here a batch of learners whose
statements were built in memory (the bench sends the first ones through ingest itself,
which validates every shape the walker makes) is written in one transaction by the same
code ingest runs:

- the statements by ingest's own insert (`_insert_sqlite`, `_insert_returning`);
- the xAPI index rows by `statement_index.record`, as ingest's `_index` calls it
  (given the seqs of the batch in one query);
- `learner_results` and `learner_pack_versions` by `results` and `pack_versions`
  (`derive`, `record`), as ingest calls them;
- `item_answers` by `item_answers.first_answers` and `record`, given each ended
  attempt's statements from memory, picked as `_attempt_statements` picks them from
  the database;
- `learner_progress` by `sync.progress.progress_of` and `progress.progress_rows`
  over each learner's statements (the rule reads statements in any order and ignores
  what the server's read leaves out).

No grader runs (there are no pack files), so no certificate exists and none is
revoked: `certified_exams` and `revoked_results` would find nothing.
tests/test_report_bench_seed.py seeds the same learners both ways and compares
every table.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from sync.progress import CourseMap, progress_of
from sync.server import statement_index
from sync.server.derived import item_answers, progress, results
from sync.server.derived import pack_versions as versions
from sync.server.ingest import _insert_returning, _insert_sqlite, _Prepared, lower_uuid
from sync.server.models import LearnerProgress, Statement
from sync.xapi import VERBS, Activity, canonical

_ATTEMPTED = VERBS["attempted"]
_ANSWERED = VERBS["answered"]


@dataclass(frozen=True)
class Walked:
    """One learner's statements, in the order the app recorded them."""

    learner_id: str
    profile_id: str
    statements: list[dict[str, Any]]


def write(session: Session, batch: Sequence[Walked], now: datetime, course: CourseMap) -> int:
    """Store a batch of learners' statements and their derived rows in the caller's
    transaction; returns the number of statements stored."""
    learner_of = {w.profile_id.lower(): w.learner_id for w in batch}
    prepared = [_prepared(s) for w in batch for s in w.statements]
    postgres = session.get_bind().dialect.name == "postgresql"
    before = session.scalar(select(func.coalesce(func.max(Statement.seq), 0)))
    insert_rows = _insert_returning if postgres else _insert_sqlite
    inserted = insert_rows(session, prepared, learner_of, None, None, now)
    assert len(inserted) == len(prepared), "the bench's statement ids must be new"
    seqs = dict(
        session.execute(
            select(Statement.statement_id, Statement.seq).where(Statement.seq > before)
        ).all()
    )
    statement_index.record(session, [(seqs[p.key], p.key, p.statement) for p in prepared], None)
    pairs = [(w.learner_id, s) for w in batch for s in w.statements]
    results.record(session, [r for r in (results.derive(s, lid) for lid, s in pairs) if r])
    versions.record(session, [v for v in (versions.derive(s, lid) for lid, s in pairs) if v])
    answers: list[dict[str, Any]] = []
    rows: list[dict[str, Any]] = []
    for walked in batch:
        answers += _first_answers(walked)
        derived = progress_of(walked.statements, course, {}, frozenset())
        rows += progress.progress_rows(walked.learner_id, derived, {})
    item_answers.record(session, answers)
    if rows:
        session.execute(insert(LearnerProgress), rows)
    return len(prepared)


def _prepared(statement: dict[str, Any]) -> _Prepared:
    # What `ingest.prepare` makes of a statement it accepts, without validating it.
    body = canonical(statement)
    account = statement["actor"]["account"]
    return _Prepared(
        statement["id"],
        statement["id"].lower(),
        statement,
        body.decode(),
        hashlib.sha256(body).digest(),
        account["name"],
        account["homePage"],
        lower_uuid(account["name"]),
    )


def _first_answers(walked: Walked) -> list[dict[str, Any]]:
    """`item_answers.after_ingest` for one learner whose statements are all new."""
    rows: list[dict[str, Any]] = []
    by_registration: dict[str, list[dict[str, Any]]] = {}
    for statement in walked.statements:
        registration = (statement.get("context") or {}).get("registration")
        by_registration.setdefault(registration, []).append(statement)
    for statement in walked.statements:
        ended = item_answers.ended_attempt(statement, walked.learner_id)
        if ended is None:
            continue
        quiz_iri = Activity(ended.pack_id, ended.kind, ended.quiz).iri
        prefix = f"urn:hocvu:pack:{ended.pack_id}:item:{ended.quiz}/"
        attempted, answers = None, []
        for s in by_registration[ended.registration]:
            verb, obj = s["verb"]["id"], s["object"]["id"]
            if verb == _ATTEMPTED and obj == quiz_iri:
                attempted = attempted or s
            elif verb == _ANSWERED and obj.startswith(prefix):
                answers.append(s)
        rows += item_answers.first_answers(ended, attempted, answers, None)
    return rows
