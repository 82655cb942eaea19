"""The overview of a scope: certified shares per level against the targets, the
monthly trend, the target level and the units behind schedule.

- **Share** = certified learners / learners of the scope today (learners count in
  their unit and every unit above it).
- **Trend**: for each month from the first pass to this month, the share of today's
  learners whose first pass at the level is dated before the month's end; a pass
  dated in the future (a device clock ahead) counts in this month.
- **Target level**: the lowest level not yet reached by every learner of the scope.
  **Behind schedule**: a unit below the root whose share at the target level is
  below the first target, or which has an overdue assignment.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy.orm import Session

from sync.server.reporting.assignments import assignment_rows
from sync.server.reporting.certified import LevelShare, first_certified, learners_in, level_shares
from sync.server.reporting.curriculum import LEVELS, TARGETS
from sync.server.reporting.curriculum import load as load_curriculum
from sync.server.reporting.scope import UnitRef, UnitTree


@dataclass(frozen=True)
class TrendPoint:
    """Cumulative certified share per level at the end of `month` (its first day)."""

    month: date
    shares: dict[int, float]


@dataclass(frozen=True)
class UnitBehind:
    unit: UnitRef
    learners: int
    level: int
    share: float
    overdue: int


@dataclass(frozen=True)
class Overview:
    root: UnitRef
    learners: int
    levels: list[LevelShare]
    trend: list[TrendPoint]
    # The lowest level not yet reached by every learner of the scope.
    target_level: int
    behind: list[UnitBehind]


def _month_end(month: date) -> datetime:
    following = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return datetime(following.year, following.month, 1, tzinfo=UTC)


def _trend(
    learners: list[str], certified: dict[str, dict[int, datetime]], today: date
) -> list[TrendPoint]:
    firsts = [
        (level, when) for learner in learners for level, when in certified.get(learner, {}).items()
    ]
    if not firsts or not learners:
        return []
    start = min(when for _, when in firsts).date().replace(day=1)
    end = today.replace(day=1)
    months = []
    month = start
    while month <= end:
        months.append(month)
        month = _month_end(month).date()
    per_month: dict[int, Counter] = {level: Counter() for level in LEVELS}
    for level, when in firsts:
        per_month[level][when.date().replace(day=1)] += 1
    points = []
    running = dict.fromkeys(LEVELS, 0)
    # Passes dated before the first month cannot exist; a device clock ahead of
    # today counts in today's month.
    late = {level: sum(n for m, n in per_month[level].items() if m > end) for level in LEVELS}
    for month in months:
        for level in LEVELS:
            running[level] += per_month[level].get(month, 0)
            if month == end:
                running[level] += late[level]
        points.append(TrendPoint(month, {lv: running[lv] / len(learners) for lv in LEVELS}))
    return points


def _target_level(levels: list[LevelShare]) -> int:
    for share in levels:
        if share.share < TARGETS[-1]:
            return share.level
    return LEVELS[-1]


def overview(session: Session, root_unit_id: int, today: date) -> Overview:
    tree = UnitTree(session)
    scope = tree.subtree(root_unit_id)
    curriculum = load_curriculum(session)
    learner_units = learners_in(session, scope)
    learners = [learner for learner, _ in learner_units]
    certified = first_certified(session, scope)
    levels = level_shares(learners, certified)
    target = _target_level(levels)

    # Subtree membership: each learner counts in their unit and every unit above it
    # up to the root.
    below: dict[int, list[str]] = defaultdict(list)
    for learner, unit_id in learner_units:
        for ref in tree.path(unit_id, root_unit_id):
            below[ref.id].append(learner)
    assignments, completed, applies = assignment_rows(
        session, tree, root_unit_id, today, curriculum, learner_units
    )
    overdue: Counter = Counter()
    for row in assignments:
        if not row.overdue:
            continue
        done = completed[row.assignment_id]
        for unit_id in applies[row.assignment_id]:
            if any(x not in done for x in below.get(unit_id, [])):
                overdue[unit_id] += 1
    behind = []
    for unit_id in scope:
        if unit_id == root_unit_id or not below.get(unit_id):
            continue
        members = below[unit_id]
        share = sum(1 for x in members if target in certified.get(x, {})) / len(members)
        if share < TARGETS[0] or overdue[unit_id]:
            behind.append(
                UnitBehind(tree.units[unit_id], len(members), target, share, overdue[unit_id])
            )
    behind.sort(key=lambda b: (b.share, -b.overdue, b.unit.name))
    return Overview(
        tree.units[root_unit_id],
        len(learners),
        levels,
        _trend(learners, certified, today),
        target,
        behind,
    )
