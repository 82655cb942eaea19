"""Which pack version each unit really has: what its devices downloaded and what its
learners' statements were made with.

Two small tables feed it. `pack_downloads` gets a row when a device's download of
a pack file reaches the last byte (`routes/packs.py`, `record_download`).
`learner_pack_versions` is kept by ingest from the pack-version extension every
statement carries (`derive` and `record`, in the statements' transaction, like
`learner_results`), because a learner who installs from a USB stick never
downloads anything; migration 0004 fills it from statements stored before it.

A device is on the newest version it downloaded to the end; a learner on the
newest version their statements name. Revoked devices are not counted.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from sync.server.models import (
    Assignment,
    Device,
    Learner,
    LearnerPackVersion,
    Pack,
    PackDownload,
)
from sync.server.reporting.results import statement_time
from sync.server.reporting.scope import UnitRef, UnitTree
from sync.xapi import EXT_PACK_VERSION, Activity, StatementError

# ------------------------------------------------------------------ recording


@dataclass(frozen=True)
class SeenVersion:
    learner_id: str
    pack_id: str
    version: int
    at: datetime | None


def pack_version(statement: dict[str, Any]) -> int | None:
    """The statement's pack-version extension, if it is a plausible version number."""
    extensions = (statement.get("context") or {}).get("extensions") or {}
    value = extensions.get(EXT_PACK_VERSION) if isinstance(extensions, dict) else None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**31:
        return None
    return value


def derive(statement: dict[str, Any], learner_id: str | None) -> SeenVersion | None:
    """The (learner, pack, version) a validated statement shows in use, or None."""
    if learner_id is None:
        return None
    version = pack_version(statement)
    if version is None:
        return None
    try:
        activity = Activity.parse(statement["object"]["id"])
    except StatementError:
        return None
    return SeenVersion(learner_id, activity.pack_id, version, statement_time(statement))


def _insert(session: Session):
    dialect = session.get_bind().dialect.name
    return postgresql.insert if dialect == "postgresql" else sqlite.insert


def record(session: Session, seen: Iterable[SeenVersion]) -> int:
    """Fold what a batch of statements showed into `learner_pack_versions` in the
    caller's transaction; returns the number of rows written (a batch from one
    device is usually one or two)."""
    newest: dict[tuple[str, str, int], datetime | None] = {}
    for s in seen:
        key = (s.learner_id, s.pack_id, s.version)
        before = newest.get(key)
        newest[key] = s.at if before is None else before if s.at is None else max(before, s.at)
    if not newest:
        return 0
    table = LearnerPackVersion.__table__
    statement = _insert(session)(table)
    new = statement.excluded
    statement = statement.on_conflict_do_update(
        index_elements=["learner_id", "pack_id", "version"],
        set_={
            "last_seen": case(
                (table.c.last_seen.is_(None), new.last_seen),
                (new.last_seen > table.c.last_seen, new.last_seen),
                else_=table.c.last_seen,
            )
        },
    )
    rows = [
        {"learner_id": learner, "pack_id": pack, "version": version, "last_seen": at}
        for (learner, pack, version), at in newest.items()
    ]
    session.execute(statement, rows)
    return len(rows)


def record_download(
    session: Session, device_id: str, pack_id: str, version: int, at: datetime
) -> None:
    """A device received a pack file to its last byte: one row per device, pack and
    version, counting the downloads and keeping the newest time."""
    table = PackDownload.__table__
    statement = _insert(session)(table).values(
        device_id=device_id, pack_id=pack_id, version=version, at=at, downloads=1
    )
    statement = statement.on_conflict_do_update(
        index_elements=["device_id", "pack_id", "version"],
        set_={"at": statement.excluded.at, "downloads": table.c.downloads + 1},
    )
    session.execute(statement)


# ------------------------------------------------------------------ the report


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
