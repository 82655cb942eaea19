"""The dashboard's numbers, as plain functions over a session (DESIGN section 7).

Every function takes the root of the caller's scope (a unit id) and returns nothing
outside that unit's subtree; an id from outside it raises `OutOfScope`. The web
layer decides who may call which function (a trainer never gets learner rows);
these functions decide what a scope may see.

How the numbers are computed (docs/dashboard.md, "Reports"):

- Certification and progress per area and per level are the app's own figures:
  the progress rule (`sync.progress`) applied to the learner's statements, kept in
  `learner_progress` by ingest (sync.server.reporting.progress). A learner is
  certified at level N by a server-graded pass of the exam of the level-N pack (the
  pass a certificate is signed for), unless its certificate was revoked.
- The trend is, month by month, the share of today's learners in the scope whose
  first pass at a level is dated (device clock) on or before the month's end.
- Assignments are completed from `learner_results`, which ingest keeps from the
  statements in the same transaction (sync.server.reporting.results).
"""

from __future__ import annotations

import json
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path

from sqlalchemy import Row, and_, func, select
from sqlalchemy.orm import Session

from sync.server.db import aware
from sync.server.models import (
    Assignment,
    AuditEntry,
    Certificate,
    Device,
    Learner,
    LearnerProgress,
    LearnerResult,
    Statement,
)
from sync.server.reporting.curriculum import AREA_TITLES, AREAS, LEVELS, TARGETS, Curriculum
from sync.server.reporting.curriculum import load as load_curriculum
from sync.server.reporting.items import MIN_LEARNERS_FOR_TEXT, ItemStat, item_analysis
from sync.server.reporting.results import statement_time
from sync.server.reporting.scope import OutOfScope, UnitRef, UnitTree, scope_unit_ids, top_unit
from sync.server.reporting.versions import UnitPackVersions, pack_versions
from sync.xapi import VERB_NAMES, Activity, StatementError

__all__ = [
    "AREAS",
    "AREA_TITLES",
    "LEVELS",
    "MIN_LEARNERS_FOR_TEXT",
    "TABLES",
    "TARGETS",
    "VARIED",
    "AssignmentRow",
    "ItemStat",
    "LearnerDetail",
    "LearnerRow",
    "OutOfScope",
    "Overview",
    "Table",
    "UnitDetail",
    "UnitPackVersions",
    "UnitRef",
    "UnitTree",
    "assignment_status",
    "export_table",
    "item_analysis",
    "learner_detail",
    "overview",
    "pack_versions",
    "scope_unit_ids",
    "unit_detail",
]

TABLES = (
    "learners",
    "units",
    "certificates",
    "assignments",
    "items",
    "pack_versions",
    "devices",
    "audit",
)
RECENT_ACTIVITY = 20
# The items table's top wrong response of a typed-text item when no wrong answer was
# given by enough learners to be shown (the page says it in the admin's language).
VARIED = "(varied answers)"
# Learner ids per IN list: well under SQLite's 32,766 bound variables, few round trips.
_IN_CHUNK = 5000


# ------------------------------------------------------------------ data


@dataclass(frozen=True)
class LevelShare:
    level: int
    certified: int
    share: float
    targets: tuple[float, ...] = TARGETS


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


@dataclass(frozen=True)
class UnitSummary:
    unit: UnitRef
    learners: int
    levels: list[LevelShare]


@dataclass(frozen=True)
class LearnerRow:
    learner_id: str
    name: str
    staff_ref: str | None
    unit_id: int
    # The date of the first pass of the level's exam; None while not certified.
    certified: dict[int, date | None]
    # The app's figures (`sync.progress`): per area, and per level (modules and exam).
    areas: dict[int, float]
    last_sync: datetime | None
    devices: int
    levels: dict[int, float] = field(default_factory=dict)


@dataclass(frozen=True)
class UnitDetail:
    unit: UnitRef
    path: list[UnitRef]
    summary: UnitSummary
    children: list[UnitSummary]
    learners: list[LearnerRow]


@dataclass(frozen=True)
class DeviceRow:
    device_id: str
    name: str
    created: datetime
    revoked: datetime | None


@dataclass(frozen=True)
class CertificateRow:
    certificate_id: str
    level: int | None
    pack_id: str
    score: float | None
    issued: datetime
    revoked_at: datetime | None = None
    revoked_reason: str | None = None


@dataclass(frozen=True)
class ActivityRow:
    at: datetime | None
    verb: str
    pack_id: str
    kind: str
    local_id: str
    score: float | None
    success: bool | None


@dataclass(frozen=True)
class LearnerDetail:
    learner: LearnerRow
    unit: UnitRef
    path: list[UnitRef]
    devices: list[DeviceRow]
    certificates: list[CertificateRow]
    recent: list[ActivityRow]


@dataclass(frozen=True)
class AssignmentRow:
    assignment_id: int
    pack_id: str
    unit: UnitRef
    due: date | None
    learners: int
    completed: int
    overdue: bool


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[tuple] = field(default_factory=list)


# ------------------------------------------------------------------ passes


def _learners_in(session: Session, unit_ids: Iterable[int]) -> list[tuple[str, int]]:
    return list(
        session.execute(
            select(Learner.id, Learner.unit_id).where(Learner.unit_id.in_(list(unit_ids)))
        )
    )


def _first_certified(
    session: Session, unit_ids: list[int], curriculum: Curriculum
) -> dict[str, dict[int, datetime]]:
    """learner id → level → the first server-graded pass of that level's exam that
    counts (its certificate not revoked), as the progress rule found it."""
    found: dict[str, dict[int, datetime]] = defaultdict(dict)
    rows = session.execute(
        select(LearnerProgress.learner_id, LearnerProgress.number, LearnerProgress.certified_at)
        .join(Learner, Learner.id == LearnerProgress.learner_id)
        .where(
            LearnerProgress.kind == "level",
            LearnerProgress.number.in_(LEVELS),
            LearnerProgress.certified_at.is_not(None),
            Learner.unit_id.in_(unit_ids),
        )
    )
    for learner_id, level, passed in rows:
        found[learner_id][level] = aware(passed)
    return found


def _level_shares(learners: Iterable[str], certified: dict[str, dict[int, datetime]]):
    learners = list(learners)
    counts = Counter(level for learner in learners for level in certified.get(learner, {}))
    total = len(learners)
    return [
        LevelShare(level, counts[level], counts[level] / total if total else 0.0)
        for level in LEVELS
    ]


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


# ------------------------------------------------------------------ assignments


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


def _assignment_rows(
    session: Session, tree: UnitTree, root: int, today: date, curriculum: Curriculum
) -> tuple[list[AssignmentRow], dict[int, set[str]], dict[int, list[int]]]:
    """The rows, plus for each assignment the learners who completed it and the
    units of the scope it applies to (for `behind`)."""
    scope = tree.subtree(root)
    learners_by_unit: dict[int, list[str]] = defaultdict(list)
    for learner_id, unit_id in _learners_in(session, scope):
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
    rows, _, _ = _assignment_rows(session, tree, root_unit_id, today, load_curriculum(session))
    return rows


# ------------------------------------------------------------------ overview


def overview(session: Session, root_unit_id: int, today: date) -> Overview:
    tree = UnitTree(session)
    scope = tree.subtree(root_unit_id)
    curriculum = load_curriculum(session)
    learner_units = _learners_in(session, scope)
    learners = [learner for learner, _ in learner_units]
    certified = _first_certified(session, scope, curriculum)
    levels = _level_shares(learners, certified)
    target = _target_level(levels)

    # Subtree membership: each learner counts in their unit and every unit above it
    # up to the root.
    below: dict[int, list[str]] = defaultdict(list)
    for learner, unit_id in learner_units:
        for ref in tree.path(unit_id, root_unit_id):
            below[ref.id].append(learner)
    assignments, completed, applies = _assignment_rows(
        session, tree, root_unit_id, today, curriculum
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


# ------------------------------------------------------------------ units and learners


def _progress(
    session: Session, learner_ids: list[str], kind: str, numbers: tuple[int, ...]
) -> dict[str, dict[int, float]]:
    """learner id → area or level → the share the app shows (0 where nothing is kept)."""
    found = {learner: dict.fromkeys(numbers, 0.0) for learner in learner_ids}
    for start in range(0, len(learner_ids), _IN_CHUNK):
        rows = session.execute(
            select(
                LearnerProgress.learner_id, LearnerProgress.number, LearnerProgress.fraction
            ).where(
                LearnerProgress.learner_id.in_(learner_ids[start : start + _IN_CHUNK]),
                LearnerProgress.kind == kind,
                LearnerProgress.number.in_(numbers),
            )
        )
        for learner_id, number, fraction in rows:
            found[learner_id][number] = fraction
    return found


def _last_sync(session: Session, learner_ids: list[str]) -> dict[str, datetime]:
    found: dict[str, datetime] = {}
    for start in range(0, len(learner_ids), _IN_CHUNK):
        newest = (
            select(Statement.learner_id, func.max(Statement.seq).label("seq"))
            .where(Statement.learner_id.in_(learner_ids[start : start + _IN_CHUNK]))
            .group_by(Statement.learner_id)
            .subquery()
        )
        rows = session.execute(
            select(Statement.learner_id, Statement.stored).join(
                newest, and_(Statement.seq == newest.c.seq)
            )
        )
        found.update({learner: aware(stored) for learner, stored in rows})
    return found


def _device_counts(session: Session, learner_ids: list[str]) -> Counter:
    counts: Counter = Counter()
    for start in range(0, len(learner_ids), _IN_CHUNK):
        counts.update(
            dict(
                session.execute(
                    select(Device.learner_id, func.count())
                    .where(
                        Device.learner_id.in_(learner_ids[start : start + _IN_CHUNK]),
                        Device.revoked.is_(None),
                    )
                    .group_by(Device.learner_id)
                ).all()
            )
        )
    return counts


def _learner_list(session: Session, where) -> list[Row]:
    """Learners as plain rows (id, name, staff_ref, unit_id): 20,000 ORM objects cost
    more than the rest of the learners table."""
    return list(
        session.execute(
            select(Learner.id, Learner.name, Learner.staff_ref, Learner.unit_id)
            .where(where)
            .order_by(Learner.name, Learner.id)
        ).all()
    )


def _learner_rows(
    session: Session, learners: list, unit_ids: list[int], curriculum: Curriculum
) -> list[LearnerRow]:
    ids = [learner.id for learner in learners]
    certified = _first_certified(session, unit_ids, curriculum)
    areas = _progress(session, ids, "area", AREAS)
    levels = _progress(session, ids, "level", LEVELS)
    synced = _last_sync(session, ids)
    devices = _device_counts(session, ids)
    return [
        LearnerRow(
            learner.id,
            learner.name,
            learner.staff_ref,
            learner.unit_id,
            {
                level: (
                    certified[learner.id][level].date() if level in certified[learner.id] else None
                )
                for level in LEVELS
            }
            if learner.id in certified
            else dict.fromkeys(LEVELS),
            areas[learner.id],
            synced.get(learner.id),
            devices[learner.id],
            levels[learner.id],
        )
        for learner in learners
    ]


def _summary(
    tree: UnitTree, unit_id: int, learners_by_unit, certified: dict[str, dict[int, datetime]]
) -> UnitSummary:
    members = [x for u in tree.subtree(unit_id) for x in learners_by_unit.get(u, [])]
    return UnitSummary(tree.units[unit_id], len(members), _level_shares(members, certified))


def unit_detail(session: Session, unit_id: int, root_unit_id: int | None = None) -> UnitDetail:
    """A unit of the scope: its breadcrumb from the scope's root, its children with
    their certified shares, and its own learners' rows. `root_unit_id` None means
    the whole tree (a ministry admin's scope)."""
    tree = UnitTree(session)
    root = top_unit(tree, root_unit_id)
    tree.subtree(root)
    if unit_id not in tree.units or not tree.within(unit_id, root):
        raise OutOfScope(f"no unit {unit_id} in your scope")
    curriculum = load_curriculum(session)
    scope = tree.subtree(unit_id)
    learners_by_unit: dict[int, list[str]] = defaultdict(list)
    for learner_id, owner in _learners_in(session, scope):
        learners_by_unit[owner].append(learner_id)
    certified = _first_certified(session, scope, curriculum)
    own = _learner_list(session, Learner.unit_id == unit_id)
    return UnitDetail(
        tree.units[unit_id],
        tree.path(unit_id, root),
        _summary(tree, unit_id, learners_by_unit, certified),
        [_summary(tree, c, learners_by_unit, certified) for c in tree.children.get(unit_id, [])],
        _learner_rows(session, own, [unit_id], curriculum),
    )


def _scoped_learner(session: Session, tree: UnitTree, learner_id: str, root: int) -> Learner:
    try:
        learner = session.get(Learner, str(uuid.UUID(str(learner_id))))
    except ValueError:
        learner = None
    if learner is None or not tree.within(learner.unit_id, root):
        raise OutOfScope(f"no learner {learner_id} in your scope")
    return learner


def learner_detail(
    session: Session, learner_id: str, root_unit_id: int | None = None
) -> LearnerDetail:
    """One learner of the scope with devices, certificates and recent statements."""
    tree = UnitTree(session)
    root = top_unit(tree, root_unit_id)
    tree.subtree(root)
    learner = _scoped_learner(session, tree, learner_id, root)
    row = _learner_rows(session, [learner], [learner.unit_id], load_curriculum(session))[0]
    devices = [
        DeviceRow(d.id, d.name, aware(d.created), aware(d.revoked))
        for d in session.scalars(
            select(Device).where(Device.learner_id == learner.id).order_by(Device.created)
        )
    ]
    certificates = [
        CertificateRow(
            c.id,
            c.level,
            c.pack_id,
            c.score,
            aware(c.issued),
            aware(c.revoked_at),
            c.revoked_reason,
        )
        for c in session.scalars(
            select(Certificate)
            .where(Certificate.learner_id == learner.id)
            .order_by(Certificate.issued)
        )
    ]
    recent = []
    bodies = session.scalars(
        select(Statement.body)
        .where(Statement.learner_id == learner.id)
        .order_by(Statement.seq.desc())
        .limit(RECENT_ACTIVITY)
    )
    for body in bodies:
        recent.append(_activity(json.loads(body)))
    return LearnerDetail(
        row,
        tree.units[learner.unit_id],
        tree.path(learner.unit_id, root),
        devices,
        certificates,
        recent,
    )


def _activity(statement: dict) -> ActivityRow:
    try:
        activity = Activity.parse(statement["object"]["id"])
        pack_id, kind, local_id = activity.pack_id, activity.kind, activity.local_id
    except StatementError:
        pack_id, kind, local_id = "", "", statement["object"]["id"]
    result = statement.get("result") or {}
    return ActivityRow(
        statement_time(statement),
        VERB_NAMES.get(statement["verb"]["id"], statement["verb"]["id"]),
        pack_id,
        kind,
        local_id,
        (result.get("score") or {}).get("scaled"),
        result.get("success"),
    )


# ------------------------------------------------------------------ export tables


def export_table(
    session: Session,
    name: str,
    root_unit_id: int,
    today: date | None = None,
    *,
    data_dir: Path | None = None,
) -> Table:
    """One of TABLES over the scope, ready for CSV or XLSX. "audit" is the whole log:
    only for the tree's root (the web layer also checks the role). `data_dir` lets
    the items table tell typed answers from chosen options (see `item_analysis`)."""
    today = today or datetime.now(UTC).date()
    builders = {
        "learners": _learners_table,
        "units": _units_table,
        "certificates": _certificates_table,
        "assignments": _assignments_table,
        "items": partial(_items_table, data_dir=data_dir),
        "pack_versions": _pack_versions_table,
        "devices": _devices_table,
        "audit": _audit_table,
    }
    if name not in builders:
        raise ValueError(f"no report table {name!r}: choose one of {', '.join(TABLES)}")
    return builders[name](session, root_unit_id, today)


def _learners_table(session: Session, root: int, today: date) -> Table:
    tree = UnitTree(session)
    scope = tree.subtree(root)
    learners = _learner_list(session, Learner.unit_id.in_(scope))
    rows = _learner_rows(session, learners, scope, load_curriculum(session))
    columns = ["learner_id", "name", "staff_ref", "unit_id", "unit"]
    columns += [f"level_{level}_certified" for level in LEVELS]
    columns += [f"area_{area}_progress" for area in AREAS]
    columns += ["last_sync", "devices"]
    columns += [f"level_{level}_progress" for level in LEVELS]
    return Table(
        columns,
        [
            (
                r.learner_id,
                r.name,
                r.staff_ref,
                r.unit_id,
                tree.units[r.unit_id].name,
                *(r.certified[level] for level in LEVELS),
                *(round(r.areas[area], 4) for area in AREAS),
                r.last_sync,
                r.devices,
                *(round(r.levels[level], 4) for level in LEVELS),
            )
            for r in rows
        ],
    )


def _units_table(session: Session, root: int, today: date) -> Table:
    tree = UnitTree(session)
    scope = tree.subtree(root)
    learners_by_unit: dict[int, list[str]] = defaultdict(list)
    for learner_id, owner in _learners_in(session, scope):
        learners_by_unit[owner].append(learner_id)
    certified = _first_certified(session, scope, load_curriculum(session))
    columns = ["unit_id", "name", "kind", "parent_id", "learners"]
    columns += [f"level_{level}_certified" for level in LEVELS]
    columns += [f"level_{level}_share" for level in LEVELS]
    rows = []
    for unit_id in scope:
        s = _summary(tree, unit_id, learners_by_unit, certified)
        rows.append(
            (
                unit_id,
                s.unit.name,
                s.unit.kind,
                tree.parent[unit_id],
                s.learners,
                *(share.certified for share in s.levels),
                *(round(share.share, 4) for share in s.levels),
            )
        )
    return Table(columns, rows)


def _certificates_table(session: Session, root: int, today: date) -> Table:
    scope = scope_unit_ids(session, root)
    rows = session.execute(
        select(
            Certificate.id,
            Learner.id,
            Learner.name,
            Learner.staff_ref,
            Learner.unit_id,
            Certificate.level,
            Certificate.pack_id,
            Certificate.score,
            Certificate.issued,
        )
        .join(Learner, Learner.id == Certificate.learner_id)
        .where(Learner.unit_id.in_(scope))
        .order_by(Certificate.issued, Certificate.id)
    ).all()
    return Table(
        [
            "certificate_id",
            "learner_id",
            "name",
            "staff_ref",
            "unit_id",
            "level",
            "pack_id",
            "score",
            "issued",
        ],
        [(*r[:8], aware(r[8])) for r in rows],
    )


def _assignments_table(session: Session, root: int, today: date) -> Table:
    rows = assignment_status(session, root, today)
    return Table(
        ["assignment_id", "pack_id", "unit_id", "unit", "due", "learners", "completed", "overdue"],
        [
            (
                r.assignment_id,
                r.pack_id,
                r.unit.id,
                r.unit.name,
                r.due,
                r.learners,
                r.completed,
                r.overdue,
            )
            for r in rows
        ],
    )


def _items_table(session: Session, root: int, today: date, data_dir: Path | None) -> Table:
    return Table(
        [
            "pack_id",
            "pack_version",
            "item_id",
            "free_text",
            "answers",
            "correct",
            "share_correct",
            "top_wrong_response",
            "top_wrong_count",
        ],
        [
            (
                s.pack_id,
                s.pack_version,
                s.item_id,
                s.free_text,
                s.answers,
                s.correct,
                round(s.share_correct, 4),
                VARIED if s.varied else s.top_wrong,
                None if s.varied else s.top_wrong_count,
            )
            for s in item_analysis(session, root, data_dir=data_dir)
        ],
    )


def _pack_versions_table(session: Session, root: int, today: date) -> Table:
    """One line per unit, pack and version seen (or one empty line for an assigned
    pack nothing was seen of), as the packs page shows them."""
    rows = []
    for r in pack_versions(session, root):
        for version in r.versions or [None]:
            rows.append(
                (
                    r.unit.id,
                    r.unit.name,
                    r.pack_id,
                    r.newest,
                    version,
                    r.devices.get(version, 0),
                    r.learners.get(version, 0),
                    version is not None and r.newest is not None and version < r.newest,
                )
            )
    return Table(
        [
            "unit_id",
            "unit",
            "pack_id",
            "newest_version",
            "version",
            "devices",
            "learners",
            "behind",
        ],
        rows,
    )


def _devices_table(session: Session, root: int, today: date) -> Table:
    scope = scope_unit_ids(session, root)
    rows = session.execute(
        select(
            Device.id,
            Device.learner_id,
            Learner.name,
            Learner.unit_id,
            Device.name,
            Device.created,
            Device.revoked,
        )
        .join(Learner, Learner.id == Device.learner_id)
        .where(Learner.unit_id.in_(scope))
        .order_by(Learner.name, Device.created)
    ).all()
    return Table(
        ["device_id", "learner_id", "learner", "unit_id", "device", "created", "revoked"],
        [(*r[:5], aware(r[5]), aware(r[6])) for r in rows],
    )


def _audit_table(session: Session, root: int, today: date) -> Table:
    tree = UnitTree(session)
    tree.subtree(root)
    if tree.parent[root] is not None:
        raise OutOfScope("the audit log covers the whole ministry: only its root may export it")
    rows = session.execute(
        select(
            AuditEntry.id,
            AuditEntry.at,
            AuditEntry.actor,
            AuditEntry.action,
            AuditEntry.target,
            AuditEntry.detail,
        ).order_by(AuditEntry.id)
    ).all()
    return Table(
        ["id", "at", "actor", "action", "target", "detail"],
        [(r[0], aware(r[1]), *r[2:]) for r in rows],
    )
