"""Which pack version each unit really has: what its devices downloaded and what its
learners' statements were made with, read from the tables
`sync.server.derived.pack_versions` keeps. A device is on the newest version it
downloaded to the end; a learner on the newest version their statements name.
Revoked devices are not counted.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.server.models import (
    Assignment,
    Device,
    Learner,
    LearnerPackVersion,
    Pack,
    PackDownload,
)
from sync.server.reporting.scope import UnitRef, UnitTree


@dataclass(frozen=True)
class UnitPackVersions:
    """One pack in one unit (the unit's own learners and their devices)."""

    unit: UnitRef
    pack_id: str
    # The newest version on the server; None for a pack the server does not hold.
    newest: int | None
    # version → devices whose newest complete download is that version
    devices: dict[int, int] = field(default_factory=dict)
    # version → learners whose statements name that version as their newest
    learners: dict[int, int] = field(default_factory=dict)
    # Assigned to the unit or to a unit above it.
    assigned: bool = False

    def _older(self, counts: dict[int, int]) -> int:
        if self.newest is None:
            return 0
        return sum(n for version, n in counts.items() if version < self.newest)

    @property
    def devices_behind(self) -> int:
        return self._older(self.devices)

    @property
    def learners_behind(self) -> int:
        return self._older(self.learners)

    @property
    def behind(self) -> bool:
        return bool(self.devices_behind or self.learners_behind)

    @property
    def seen(self) -> bool:
        return bool(self.devices or self.learners)

    @property
    def versions(self) -> list[int]:
        """Every version seen, newest first."""
        return sorted(set(self.devices) | set(self.learners), reverse=True)


def pack_versions(
    session: Session, root_unit_id: int, pack_id: str | None = None
) -> list[UnitPackVersions]:
    """Per unit of the scope and pack: the versions its devices downloaded and its
    learners use, against the newest on the server. A unit appears for a pack when
    something of it was seen there, or when the pack is assigned to it (or above it)
    and the unit has learners of its own. Behind units of a pack come first."""
    tree = UnitTree(session)
    scope = tree.subtree(root_unit_id)
    newest = dict(
        session.execute(select(Pack.pack_id, func.max(Pack.version)).group_by(Pack.pack_id)).all()
    )
    wanted = [] if pack_id is None else [pack_id]

    devices: dict[tuple[int, str], Counter] = defaultdict(Counter)
    query = (
        select(Learner.unit_id, PackDownload.pack_id, func.max(PackDownload.version))
        .join(Device, Device.id == PackDownload.device_id)
        .join(Learner, Learner.id == Device.learner_id)
        .where(Learner.unit_id.in_(scope), Device.revoked.is_(None))
        .group_by(PackDownload.device_id, Learner.unit_id, PackDownload.pack_id)
    )
    if wanted:
        query = query.where(PackDownload.pack_id.in_(wanted))
    for unit_id, pack, version in session.execute(query):
        devices[(unit_id, pack)][version] += 1

    learners: dict[tuple[int, str], Counter] = defaultdict(Counter)
    query = (
        select(Learner.unit_id, LearnerPackVersion.pack_id, func.max(LearnerPackVersion.version))
        .join(Learner, Learner.id == LearnerPackVersion.learner_id)
        .where(Learner.unit_id.in_(scope))
        .group_by(LearnerPackVersion.learner_id, Learner.unit_id, LearnerPackVersion.pack_id)
    )
    if wanted:
        query = query.where(LearnerPackVersion.pack_id.in_(wanted))
    for unit_id, pack, version in session.execute(query):
        learners[(unit_id, pack)][version] += 1

    # Assignments apply to the unit they are made on and every unit below it.
    staffed = set(
        session.scalars(select(Learner.unit_id).where(Learner.unit_id.in_(scope)).distinct()).all()
    )
    assigned_on: dict[int, set[str]] = defaultdict(set)
    query = select(Assignment.unit_id, Assignment.pack_id)
    if wanted:
        query = query.where(Assignment.pack_id.in_(wanted))
    for unit_id, pack in session.execute(query):
        assigned_on[unit_id].add(pack)
    assigned: set[tuple[int, str]] = set()
    for unit_id in scope:
        for ref in tree.path(unit_id):
            assigned |= {(unit_id, pack) for pack in assigned_on.get(ref.id, ())}

    keys = set(devices) | set(learners) | {key for key in assigned if key[0] in staffed}
    rows = [
        UnitPackVersions(
            tree.units[unit_id],
            pack,
            newest.get(pack),
            dict(devices.get((unit_id, pack), {})),
            dict(learners.get((unit_id, pack), {})),
            (unit_id, pack) in assigned,
        )
        for unit_id, pack in keys
    ]
    rows.sort(key=lambda r: (r.pack_id, not r.behind, not r.seen, r.unit.name, r.unit.id))
    return rows
