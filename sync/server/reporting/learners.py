"""A unit of the scope with its children and its own learners, and one learner with
devices, certificates and recent activity. Area and level progress are the app's own
figures, kept in `learner_progress` by ingest (`sync.server.derived.progress`)."""

from __future__ import annotations

import json
import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Row, and_, func, select
from sqlalchemy.orm import Session

from sync.server.db import aware
from sync.server.derived.results import statement_time
from sync.server.models import Certificate, Device, Learner, LearnerProgress, Statement
from sync.server.reporting.certified import (
    LevelShare,
    first_certified,
    learners_in,
    level_shares,
)
from sync.server.reporting.curriculum import AREAS, LEVELS
from sync.server.reporting.scope import OutOfScope, UnitRef, UnitTree, top_unit
from sync.xapi import VERB_NAMES, Activity, StatementError

RECENT_ACTIVITY = 20
# Learner ids per IN list: well under SQLite's 32,766 bound variables, few round trips.
_IN_CHUNK = 5000


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


def learner_list(session: Session, where) -> list[Row]:
    """Learners as plain rows (id, name, staff_ref, unit_id): 20,000 ORM objects cost
    more than the rest of the learners table."""
    return list(
        session.execute(
            select(Learner.id, Learner.name, Learner.staff_ref, Learner.unit_id)
            .where(where)
            .order_by(Learner.name, Learner.id)
        ).all()
    )


def learner_rows(session: Session, learners: list, unit_ids: list[int]) -> list[LearnerRow]:
    ids = [learner.id for learner in learners]
    certified = first_certified(session, unit_ids)
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


def summary(
    tree: UnitTree, unit_id: int, learners_by_unit, certified: dict[str, dict[int, datetime]]
) -> UnitSummary:
    members = [x for u in tree.subtree(unit_id) for x in learners_by_unit.get(u, [])]
    return UnitSummary(tree.units[unit_id], len(members), level_shares(members, certified))


def unit_detail(session: Session, unit_id: int, root_unit_id: int | None = None) -> UnitDetail:
    """A unit of the scope: its breadcrumb from the scope's root, its children with
    their certified shares, and its own learners' rows. `root_unit_id` None means
    the whole tree (a ministry admin's scope)."""
    tree = UnitTree(session)
    root = top_unit(tree, root_unit_id)
    tree.subtree(root)
    if unit_id not in tree.units or not tree.within(unit_id, root):
        raise OutOfScope(f"no unit {unit_id} in your scope")
    scope = tree.subtree(unit_id)
    learners_by_unit: dict[int, list[str]] = defaultdict(list)
    for learner_id, owner in learners_in(session, scope):
        learners_by_unit[owner].append(learner_id)
    certified = first_certified(session, scope)
    own = learner_list(session, Learner.unit_id == unit_id)
    return UnitDetail(
        tree.units[unit_id],
        tree.path(unit_id, root),
        summary(tree, unit_id, learners_by_unit, certified),
        [summary(tree, c, learners_by_unit, certified) for c in tree.children.get(unit_id, [])],
        learner_rows(session, own, [unit_id]),
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
    row = learner_rows(session, [learner], [learner.unit_id])[0]
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
