"""The two small tables behind the packs page (`sync.server.reporting.versions`): which
pack version each device downloaded and which its learner's statements were made with.

`pack_downloads` gets a row when a device's download of a pack file reaches the last
byte (`routes/packs.py`, `record_download`).
`learner_pack_versions` is kept by ingest from the pack-version extension every
statement carries (`derive` and `record`, in the statements' transaction, like
`learner_results`), because a learner who installs from a USB stick never
downloads anything; migration 0004 fills it from statements stored before it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from sync.server.derived.results import statement_time
from sync.server.models import LearnerPackVersion, PackDownload
from sync.xapi import EXT_PACK_VERSION, Activity, StatementError


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
