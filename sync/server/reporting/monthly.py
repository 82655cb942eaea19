"""Per unit, the share of officials certified at the end of each month, against the
targets in force (`reporting.targets`).

- **Learners of a month**: the unit's learners today (in it or a unit below it) who
  were enrolled by the month's end. The server keeps no history of a learner's unit:
  a learner moved to another unit counts there for every month. A learner certified
  before their enrolment date (a device clock behind) counts from the certification.
- **Certified**: holding a certification at any level by the month's end: the first
  server-graded pass the progress rule counts (`learner_progress.certified_at`), so a
  revoked certificate no longer counts in any month. A pass dated in the future (a
  device clock ahead) counts in this month.
- **Months** run from the first enrolment in the caller's scope (so every unit of it
  shows the same months) to this month, in UTC as the overview's trend; a month with
  no learners has no share ("–").

Two grouped queries (the scope's first enrolment; learners by month of enrolment and
month of first certification), never one per learner.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from sync.server.db import aware
from sync.server.models import Learner, LearnerProgress
from sync.server.reporting.curriculum import LEVELS
from sync.server.reporting.scope import OutOfScope, UnitRef, UnitTree, top_unit
from sync.server.reporting.targets import DEFAULT_TARGETS, Target, in_force


@dataclass(frozen=True)
class MonthShare:
    month: date  # its first day
    learners: int
    certified: int
    # None for a month without learners.
    share: float | None
    target: Target
    # None for a month without learners.
    met: bool | None


@dataclass(frozen=True)
class UnitMonths:
    unit: UnitRef
    targets: tuple[Target, ...]
    months: list[MonthShare]


def _month_text(session: Session, column):
    """'YYYY-MM' of a stored time, in UTC, computed by the database."""
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(func.timezone("UTC", column), "YYYY-MM")
    # SQLite keeps times as UTC text, 'YYYY-MM-DD HH:MM:SS...'.
    return func.substr(column, 1, 7)


def _month(text: str | None) -> date | None:
    return None if text is None else date(int(text[:4]), int(text[5:7]), 1)


def _following(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _first_enrolment(session: Session, unit_ids: list[int]) -> date | None:
    first: datetime | None = session.scalar(
        select(func.min(Learner.created)).where(Learner.unit_id.in_(unit_ids))
    )
    return None if first is None else aware(first).astimezone(UTC).date().replace(day=1)


def _joined_and_certified(session: Session, unit_ids: list[int]) -> list[tuple]:
    """(month enrolled, month first certified or None, learners), grouped."""
    # Grouped per learner of the scope (the progress table's key leads with the
    # learner): grouping the whole table first would cost a mission's page as much
    # as the ministry's.
    per_learner = (
        select(
            _month_text(session, Learner.created).label("joined"),
            _month_text(session, func.min(LearnerProgress.certified_at)).label("certified"),
        )
        .select_from(Learner)
        .outerjoin(
            LearnerProgress,
            and_(
                LearnerProgress.learner_id == Learner.id,
                LearnerProgress.kind == "level",
                LearnerProgress.number.in_(LEVELS),
                LearnerProgress.certified_at.is_not(None),
            ),
        )
        .where(Learner.unit_id.in_(unit_ids))
        .group_by(Learner.id, Learner.created)
        .subquery()
    )
    return list(
        session.execute(
            select(per_learner.c.joined, per_learner.c.certified, func.count()).group_by(
                per_learner.c.joined, per_learner.c.certified
            )
        )
    )


def certified_by_month(
    session: Session,
    unit_id: int,
    root_unit_id: int | None,
    today: date,
    targets: tuple[Target, ...] = DEFAULT_TARGETS,
) -> UnitMonths:
    """The unit's certified share at the end of each month against the target in
    force; `root_unit_id` is the caller's scope (None: the whole tree)."""
    tree = UnitTree(session)
    root = top_unit(tree, root_unit_id)
    scope = tree.subtree(root)
    if unit_id not in tree.units or not tree.within(unit_id, root):
        raise OutOfScope(f"no unit {unit_id} in your scope")
    this_month = today.replace(day=1)
    joined: Counter = Counter()
    certified: Counter = Counter()
    for joined_text, certified_text, count in _joined_and_certified(session, tree.subtree(unit_id)):
        start = _month(joined_text)
        passed = _month(certified_text)
        if passed is not None:
            passed = min(passed, this_month)
            start = min(start, passed)
            certified[passed] += count
        joined[min(start, this_month)] += count
    firsts = [m for m in (_first_enrolment(session, scope), *joined) if m is not None]
    month = min([*firsts, this_month])
    rows: list[MonthShare] = []
    learners = passed_total = 0
    before: float | None = None
    while month <= this_month:
        learners += joined[month]
        passed_total += certified[month]
        share = passed_total / learners if learners else None
        target = in_force(targets, month, before)
        met = None if share is None else share >= target.share
        rows.append(MonthShare(month, learners, passed_total, share, target, met))
        before = share
        month = _following(month)
    return UnitMonths(tree.units[unit_id], tuple(targets), rows)
