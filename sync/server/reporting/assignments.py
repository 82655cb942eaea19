"""Assignments: each pack assigned to a unit of the scope or above it, counted over
the scope's learners. A pack is completed when its exam is passed; for a pack without
an exam, every module quiz passed; for the placement pack, a placement result
recorded (from `learner_results`, `sync.server.derived.results`)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server.models import Assignment, Learner, LearnerResult
from sync.server.reporting.certified import learners_in
from sync.server.reporting.curriculum import Curriculum
from sync.server.reporting.curriculum import load as load_curriculum
from sync.server.reporting.scope import UnitRef, UnitTree


@dataclass(frozen=True)
class AssignmentRow:
    assignment_id: int
    pack_id: str
    unit: UnitRef
    due: date | None
    learners: int
    completed: int
    overdue: bool


def _applying(session: Session, tree: UnitTree, root: int) -> list[Assignment]:
    """Assignments made on a unit of the scope or on one above it (they apply to it)."""
    above = [u.id for u in tree.path(root)]
    inside = tree.subtree(root)
    return list(
        session.scalars(
            select(Assignment)
            .where(Assignment.unit_id.in_(above + inside))
            .order_by(Assignment.due.is_(None), Assignment.due, Assignment.id)
        )
    )


def _completed(
    session: Session, pack_id: str, curriculum: Curriculum, unit_ids: list[int]
) -> set[str]:
    needed = curriculum.completes.get(pack_id) or set()
    if not needed:
        return set()
    done: dict[str, set[tuple[str, str]]] = defaultdict(set)
    rows = session.execute(
        select(LearnerResult.learner_id, LearnerResult.kind, LearnerResult.local_id)
        .join(Learner, Learner.id == LearnerResult.learner_id)
        .where(
            LearnerResult.pack_id == pack_id,
            LearnerResult.kind.in_(sorted({kind for kind, _ in needed})),
            Learner.unit_id.in_(unit_ids),
            # A placement test counts once taken; everything else once passed.
            (LearnerResult.first_passed.is_not(None)) | (LearnerResult.kind == "placement"),
        )
    )
    for learner_id, kind, local_id in rows:
        if (kind, local_id) in needed:
            done[learner_id].add((kind, local_id))
    return {learner for learner, got in done.items() if got >= needed}


def assignment_rows(
    session: Session,
    tree: UnitTree,
    root: int,
    today: date,
    curriculum: Curriculum,
    learner_units: list[tuple[str, int]] | None = None,
) -> tuple[list[AssignmentRow], dict[int, set[str]], dict[int, list[int]]]:
    """The rows, plus for each assignment the learners who completed it and the
    units of the scope it applies to (for `behind`). `learner_units`: the scope's
    `learners_in`, when the caller has read them already (the overview)."""
    scope = tree.subtree(root)
    if learner_units is None:
        learner_units = learners_in(session, scope)
    learners_by_unit: dict[int, list[str]] = defaultdict(list)
    for learner_id, unit_id in learner_units:
        learners_by_unit[unit_id].append(learner_id)
    rows, completed, units = [], {}, {}
    for a in _applying(session, tree, root):
        applies = tree.subtree(a.unit_id) if tree.within(a.unit_id, root) else scope
        learners = {x for u in applies for x in learners_by_unit.get(u, [])}
        done = _completed(session, a.pack_id, curriculum, applies) & learners
        completed[a.id] = done
        units[a.id] = applies
        overdue = a.due is not None and a.due < today and len(done) < len(learners)
        rows.append(
            AssignmentRow(
                a.id, a.pack_id, tree.units[a.unit_id], a.due, len(learners), len(done), overdue
            )
        )
    return rows, completed, units


def assignment_status(session: Session, root_unit_id: int, today: date) -> list[AssignmentRow]:
    """Each assignment that applies to the scope, counted over the scope's learners."""
    tree = UnitTree(session)
    tree.subtree(root_unit_id)
    rows, _, _ = assignment_rows(session, tree, root_unit_id, today, load_curriculum(session))
    return rows
