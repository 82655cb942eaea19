"""Learner progress on the server: the app's own rule (`sync.progress`) applied to each
learner's statements, kept in `learner_progress` so that the learner page, the unit
pages, the overview, the learners export and `hocvu admin report` read a few rows per
learner and show exactly what the learner's app shows.

The course map is built from the newest version of each pack on the server, from the
`course_map` the server stored beside it when it was added (`pack_course_map`, read
from the pack's quizzes as the app reads them).

When rows are rewritten:

- ingest, once per batch, for each learner whose new statements can change a figure
  (after the server's own exam results of that batch are stored; see `after_ingest`);
- a certificate revocation, for its learner: the revoked pass no longer counts;
- adding a pack, for every learner: the course changed;
- migration 0007, for every learner, from the statements stored before it.

A learner's statements are read in two steps to keep ingest cheap: everything but item
answers, then only the answers of the quizzes and placement tests whose end is among
them (the only answers the rule reads: first answers of a passed quiz, the probes
of a finished placement test).
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import and_, delete, insert, or_, select
from sqlalchemy.orm import Session

from sync.progress import (
    CourseMap,
    PackMap,
    Progress,
    course_map,
    pack_map,
    pack_map_from_json,
    pack_map_to_json,
    progress_of,
    quiz_facts,
)
from sync.server.db import aware
from sync.server.models import Certificate, LearnerProgress, LearnerResult, Pack, Statement
from sync.xapi import VERBS

_ANSWERED = VERBS["answered"]
_ATTEMPTED = VERBS["attempted"]
_RESULT_VERBS = frozenset({VERBS["passed"], VERBS["failed"]})
# What the rule reads besides item answers (an `attempted` statement carries the form,
# the largest body, and changes no figure).
_READ_VERBS = sorted({VERBS["experienced"], VERBS["completed"], *_RESULT_VERBS})
_PREFIX = "urn:hocvu:pack:"
# Learners per recomputation step of a backfill; quiz prefixes per OR of LIKEs.
_CHUNK = 500
_PREFIXES_PER_QUERY = 50


# ------------------------------------------------------------------ the course


def pack_course_map(manifest: dict[str, Any], version: int, archive: Path) -> str:
    """The `packs.course_map` of a pack file: read from its quizzes as the app reads
    them (a quiz that cannot be read keeps the manifest's pass mark)."""
    with zipfile.ZipFile(archive) as opened:
        names = set(opened.namelist())

        def quiz(slug: str):
            name = f"quizzes/{slug}.json"
            if name not in names:
                return None
            try:
                return quiz_facts(json.loads(opened.read(name)))
            except (ValueError, KeyError, TypeError):
                return None

        return pack_map_to_json(pack_map(manifest, version, quiz))


def course(session: Session) -> CourseMap:
    """The newest version of each pack the server holds, in the app's course order."""
    newest: dict[str, str] = {}
    rows = session.execute(
        select(Pack.pack_id, Pack.course_map)
        .where(Pack.course_map.is_not(None))
        .order_by(Pack.pack_id, Pack.version)
    )
    for pack_id, text in rows:
        newest[pack_id] = text
    return course_map(_parsed(text) for text in newest.values())


_PARSED: dict[str, PackMap] = {}


def _parsed(text: str) -> PackMap:
    # Pack maps never change once stored; parsing them is most of building the course.
    found = _PARSED.get(text)
    if found is None:
        if len(_PARSED) > 256:
            _PARSED.clear()
        found = _PARSED[text] = pack_map_from_json(text)
    return found


# ------------------------------------------------------------------ one learner


def learner_statements(session: Session, learner_id: str) -> list[dict[str, Any]]:
    """The learner's statements the progress rule reads (see the module's docstring)."""
    bodies = [
        json.loads(body)
        for body in session.scalars(
            select(Statement.body).where(
                Statement.learner_id == learner_id, Statement.verb.in_(_READ_VERBS)
            )
        )
    ]
    ended: set[str] = set()
    for statement in bodies:
        if statement["verb"]["id"] not in _RESULT_VERBS:
            continue
        pack, _, rest = statement["object"]["id"].removeprefix(_PREFIX).partition(":")
        kind, _, local = rest.partition(":")
        if kind in ("quiz", "placement"):
            ended.add(f"{_PREFIX}{pack}:item:{local}/")
    prefixes = sorted(ended)
    for start in range(0, len(prefixes), _PREFIXES_PER_QUERY):
        chunk = prefixes[start : start + _PREFIXES_PER_QUERY]
        bodies += [
            json.loads(body)
            for body in session.scalars(
                select(Statement.body).where(
                    Statement.learner_id == learner_id,
                    Statement.verb == _ANSWERED,
                    or_(*(Statement.object_id.startswith(p, autoescape=True) for p in chunk)),
                )
            )
        ]
    return bodies


def revoked_results(session: Session, learner_id: str) -> frozenset[str]:
    """The result statements whose certificate the ministry revoked."""
    return frozenset(
        str(sid)
        for sid in session.scalars(
            select(Certificate.statement_id).where(
                Certificate.learner_id == learner_id, Certificate.revoked_at.is_not(None)
            )
        )
    )


def certified_exams(
    session: Session, learner_id: str, course_map: CourseMap
) -> dict[tuple[str, str], tuple[float | None, datetime]]:
    """(pack id, exam slug) → score and date of each valid certificate the learner
    holds, as the app counts the signed certificates in its store (a pass certified
    before server grading carries no grading status, yet its certificate stands). The
    date is the pass statement's timestamp, else the day it was issued."""
    exams = {pack.pack_id: pack.exam.quiz for pack in course_map.packs if pack.exam}
    found: dict[tuple[str, str], tuple[float | None, datetime]] = {}
    rows = session.execute(
        select(Certificate.pack_id, Certificate.score, Certificate.issued, Statement.timestamp)
        .outerjoin(Statement, Statement.statement_id == Certificate.statement_id)
        .where(Certificate.learner_id == learner_id, Certificate.revoked_at.is_(None))
    )
    for pack_id, score, issued, stamp in rows:
        if pack_id not in exams:
            continue
        key = (pack_id, exams[pack_id])
        when = aware(stamp or issued)
        best, first = found.get(key, (None, when))
        found[key] = (score if best is None else max(best, score or 0.0), min(first, when))
    return found


def learner_progress(
    session: Session,
    learner_id: str,
    course_map: CourseMap,
    certified: dict[tuple[str, str], tuple[float | None, datetime]] | None = None,
) -> Progress:
    """The learner's progress by the app's rule, from the statements on the server."""
    if certified is None:
        certified = certified_exams(session, learner_id, course_map)
    return progress_of(
        learner_statements(session, learner_id),
        course_map,
        {key: score for key, (score, _) in certified.items()},
        revoked_results(session, learner_id),
    )


def _rows(
    learner_id: str,
    progress: Progress,
    certified: dict[tuple[str, str], tuple[float | None, datetime]],
) -> list[dict[str, Any]]:
    rows = [
        {
            "learner_id": learner_id,
            "kind": "area",
            "number": area,
            "fraction": row.fraction,
            "complete": row.modules_complete,
            "certified_at": None,
        }
        for area, row in progress.areas.items()
    ]
    rows += [
        {
            "learner_id": learner_id,
            "kind": "level",
            "number": level,
            "fraction": row.fraction,
            "complete": int(row.complete),
            "certified_at": _certified_at(row, certified),
        }
        for level, row in progress.levels.items()
    ]
    return rows


def progress_rows(
    learner_id: str,
    progress: Progress,
    certified: dict[tuple[str, str], tuple[float | None, datetime]],
) -> list[dict[str, Any]]:
    """The `learner_progress` rows `recompute` writes for one learner's progress (and
    the certificates `certified_exams` found), none while there is nothing to show (the
    readers' zero): a learner whose statements are only answers to a quiz under way
    gets none from ingest either (`after_ingest`), so a backfill writes exactly what
    ingest keeps. Public for the report bench, which seeds a million statements
    without reading each learner's back."""
    found = _rows(learner_id, progress, certified)
    if any(r["fraction"] or r["complete"] or r["certified_at"] for r in found):
        return found
    return []


def _certified_at(level, certified) -> datetime | None:
    if not level.exam_passed:
        return None
    dates = [d for d in (level.exam_passed_at, certified.get(level.exam, (0, None))[1]) if d]
    return min(dates) if dates else None


def recompute(
    session: Session, learner_ids: Iterable[str], course_map: CourseMap | None = None
) -> int:
    """Rewrite the rows of these learners in the caller's transaction; returns how many
    learners were recomputed."""
    learners = sorted(set(learner_ids))
    if not learners:
        return 0
    course_map = course_map if course_map is not None else course(session)
    rows = []
    for learner_id in learners:
        certified = certified_exams(session, learner_id, course_map)
        derived = learner_progress(session, learner_id, course_map, certified)
        rows += progress_rows(learner_id, derived, certified)
    session.execute(delete(LearnerProgress).where(LearnerProgress.learner_id.in_(learners)))
    if rows:
        session.execute(insert(LearnerProgress), rows)
    return len(learners)


def after_ingest(session: Session, stored: Iterable[tuple[str | None, dict[str, Any]]]) -> int:
    """Recompute, once, each learner whose newly stored statements (learner id,
    statement) can change a figure; returns how many were. An `attempted` statement
    never can; an item answer only when its quiz or placement attempt has ended (a
    row of `learner_results`, which ingest wrote before): a push of answers to a quiz
    still under way changes nothing and costs one look-up."""
    touched: set[str] = set()
    answered: dict[str, set[tuple[str, str]]] = {}
    for learner_id, statement in stored:
        verb = statement["verb"]["id"]
        if learner_id is None or verb == _ATTEMPTED or learner_id in touched:
            continue
        if verb != _ANSWERED:
            touched.add(learner_id)
            continue
        pack, _, rest = statement["object"]["id"].removeprefix(_PREFIX).partition(":")
        quiz = rest.partition(":")[2].partition("/")[0]
        answered.setdefault(learner_id, set()).add((pack, quiz))
    for learner_id, quizzes in answered.items():
        if learner_id in touched:
            continue
        ended = session.scalar(
            select(LearnerResult.learner_id)
            .where(
                LearnerResult.learner_id == learner_id,
                LearnerResult.kind.in_(("quiz", "placement")),
                or_(
                    *(
                        and_(LearnerResult.pack_id == pack, LearnerResult.local_id == quiz)
                        for pack, quiz in sorted(quizzes)
                    )
                ),
            )
            .limit(1)
        )
        if ended is not None:
            touched.add(learner_id)
    return recompute(session, touched)


def recompute_all(session: Session) -> int:
    """Every learner with statements (after the course changed, or in a backfill)."""
    learners = list(
        session.scalars(
            select(Statement.learner_id).where(Statement.learner_id.is_not(None)).distinct()
        )
    )
    course_map = course(session)
    for start in range(0, len(learners), _CHUNK):
        recompute(session, learners[start : start + _CHUNK], course_map)
    return len(learners)
