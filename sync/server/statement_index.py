"""What the xAPI query filters find statements by, kept beside each stored statement.

A statement's agents and activities go to two narrow tables (`statement_agents`,
`statement_activities`): a 16-byte hash of the agent's identity or the activity id,
the statement's sequence number, and whether it is named only in a related place
(the server's authority, instructor, team, context activities, a sub-statement). A filter is then
an index walk newest first, whatever the length of the IRIs. Ingest calls `record`
for every statement it stores, from devices, bundles and xAPI clients alike, in the
same transaction; migration 0010 fills them for the statements stored before it.

Voiding lives here too: a voiding statement marks its target `voided`, and is
remembered in `statement_voids`, so a target that arrives later is stored voided.

A statement whose object is a StatementRef (a voiding, or any other reference) also
gets a row in `statement_refs` (the id it targets, its seq): the filters match it when
its target matches (`sync.server.xapi_query`). Other statements cost nothing more.
"""

from __future__ import annotations

import functools
import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from sync.server.models import Statement, StatementVoid
from sync.xapi import server_authored
from sync.xapi_actors import checked_digest
from sync.xapi_validation import VOIDED

_CHUNK = 500


@functools.lru_cache(maxsize=8192)
def activity_digest(activity_id: str) -> bytes:
    return hashlib.sha256(activity_id.encode()).digest()[:16]


@dataclass
class Names:
    """The agents and activities of one statement: digest → related (False when it is
    named directly at least once)."""

    agents: dict[bytes, bool] = field(default_factory=dict)
    activities: dict[bytes, bool] = field(default_factory=dict)

    def agent(self, raw: Any, related: bool) -> None:
        if not isinstance(raw, dict):
            return
        digest = checked_digest(raw)
        if digest is not None:
            self.agents[digest] = self.agents.get(digest, True) and related
        # A Group matches the `agent` filter of each of its members (Communication
        # 2.1.3), so its members are named where it is.
        members = raw.get("member") if raw.get("objectType") == "Group" else None
        for member in members if isinstance(members, list) else []:
            self.agent(member, related)

    def activity(self, raw: Any, related: bool) -> None:
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            digest = activity_digest(raw["id"])
            self.activities[digest] = self.activities.get(digest, True) and related


def names(statement: dict[str, Any]) -> Names:
    """The names the `agent`, `activity`, `related_agents` and `related_activities`
    filters match (xAPI 1.0.3, Communication 2.1.3)."""
    found = Names()
    _collect(found, statement, sub=False)
    if server_authored(statement):
        # Only the server's own statements are read with the authority they were stored
        # with; any other is read with the authority of its credentials
        # (`xapi_format.complete`), which `xapi_query` matches by the statement's
        # xapi_client_id or device_id, so an authority a writer sent matches nothing.
        found.agent(statement["authority"], related=True)
    return found


def _collect(found: Names, statement: dict[str, Any], *, sub: bool) -> None:
    found.agent(statement.get("actor"), related=sub)
    obj = statement.get("object") or {}
    kind = obj.get("objectType", "Activity")
    if kind == "Activity":
        found.activity(obj, related=sub)
    elif kind in ("Agent", "Group"):
        found.agent(obj, related=sub)
    elif kind == "SubStatement" and not sub:
        _collect(found, obj, sub=True)
    context = statement.get("context") or {}
    for part in ("instructor", "team"):
        if part in context:
            found.agent(context[part], related=True)
    for items in (context.get("contextActivities") or {}).values():
        for item in items if isinstance(items, list) else [items]:
            found.activity(item, related=True)


def ref_target(statement: dict[str, Any]) -> str | None:
    """The id a statement's StatementRef object targets (lower-case), else None."""
    obj = statement.get("object")
    if isinstance(obj, dict) and obj.get("objectType") == "StatementRef":
        target = obj.get("id")
        return target.lower() if isinstance(target, str) else None
    return None


def void_target(statement: dict[str, Any]) -> str | None:
    """The id a voiding statement voids (lower-case), else None."""
    if statement.get("verb", {}).get("id") != VOIDED:
        return None
    obj = statement.get("object") or {}
    return obj.get("id", "").lower() if obj.get("objectType") == "StatementRef" else None


def record(
    session: Session,
    stored: Iterable[tuple[int, str, dict[str, Any]]],
    xapi_client_id: int | None,
) -> None:
    """Index newly stored statements, given as (seq, lower-case id, statement), and
    apply their voiding, in the caller's transaction."""
    agents: list[tuple[bytes, int, bool]] = []
    activities: list[tuple[bytes, int, bool]] = []
    voids: dict[str, str] = {}
    refs: list[tuple[str, int]] = []
    ids: list[str] = []
    for seq, key, statement in stored:
        found = names(statement)
        agents += [(a, seq, r) for a, r in found.agents.items()]
        activities += [(a, seq, r) for a, r in found.activities.items()]
        referred = ref_target(statement)
        if referred is not None:
            refs.append((referred, seq))
        target = void_target(statement)
        if target is not None:
            voids[target] = key
        else:
            ids.append(key)
    _insert(session, "statement_agents", "agent", agents)
    _insert(session, "statement_activities", "activity", activities)
    if refs:
        insert_refs(session, refs)
    if xapi_client_id is None:
        # Only xAPI tools void, and only what tools wrote (`routes.xapi` checks the
        # targets): a voiding statement pushed by a device or imported from a bundle is
        # kept as it is and voids nothing, else a learner could hide her own result.
        return
    if voids:
        known = set(
            session.scalars(select(StatementVoid.target).where(StatementVoid.target.in_(voids)))
        )
        fresh = [
            {"target": t, "voiding_id": v, "xapi_client_id": xapi_client_id}
            for t, v in voids.items()
            if t not in known
        ]
        if fresh:
            session.execute(insert(StatementVoid), fresh)
        session.execute(
            update(Statement)
            .where(Statement.statement_id.in_(list(voids)), Statement.verb != VOIDED)
            .values(voided=True)
        )
    if ids and session.scalar(select(StatementVoid.target).limit(1)) is not None:
        # A target stored after its voiding statement: stored voided, when the tool that
        # voided it stores it (another one's statement could not have been voided). Most
        # servers never see a voiding statement; they skip this look-up.
        waiting = _by_ids(session, "statement_voids", "target", "xapi_client_id", ids)
        voided = [key for key, voider in waiting if voider == xapi_client_id]
        if voided:
            session.execute(
                update(Statement).where(Statement.statement_id.in_(voided)).values(voided=True)
            )


def _insert(session: Session, table: str, column: str, rows: list[tuple[bytes, int, bool]]) -> None:
    """Through the driver, as ingest inserts statements: SQLAlchemy's per-value
    processing cost more than the insert."""
    if not rows:
        return
    cursor = session.connection().connection.driver_connection.cursor()
    mark = "?" if session.get_bind().dialect.name == "sqlite" else "%s"
    cursor.executemany(
        f"INSERT INTO {table} ({column}, seq, related) VALUES ({mark}, {mark}, {mark})", rows
    )
    cursor.close()


def insert_refs(session: Session, refs: list[tuple[str, int]]) -> None:
    """Remember statements that target others, as (lower-case target id, seq)."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    cursor = session.connection().connection.driver_connection.cursor()
    mark = "?" if sqlite else "%s"
    cursor.executemany(
        f"INSERT INTO statement_refs (target, seq) VALUES ({mark}, {mark})",
        [(uuid.UUID(t).bytes if sqlite else uuid.UUID(t), seq) for t, seq in refs],
    )
    cursor.close()


def seqs(session: Session, keys: list[str]) -> dict[str, int]:
    """The sequence numbers of the statements just inserted, in that order, by
    lower-case id. On SQLite the write transaction holds the lock and each new row's
    rowid is one more than the largest (the table has no AUTOINCREMENT), so they are
    the last len(keys) numbers; PostgreSQL's are looked up."""
    if session.get_bind().dialect.name == "sqlite":
        last = session.scalar(select(func.max(Statement.seq))) or 0
        return {key: last - len(keys) + 1 + i for i, key in enumerate(keys)}
    return dict(_by_ids(session, "statements", "statement_id", "seq", keys))


def _by_ids(
    session: Session, table: str, column: str, value: str, keys: list[str]
) -> list[tuple[str, Any]]:
    """(id, value) for the rows whose UUID `column` is one of `keys`, through the
    driver: SQLAlchemy's expanding IN converted each UUID one by one, the most costly
    step of indexing a push."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    cursor = session.connection().connection.driver_connection.cursor()
    found: list[tuple[str, Any]] = []
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        if sqlite:
            params: list[Any] = [uuid.UUID(k).bytes for k in chunk]
            marks = ",".join("?" * len(chunk))
        else:
            params = chunk
            marks = ",".join(["%s::uuid"] * len(chunk))
        cursor.execute(f"SELECT {column}, {value} FROM {table} WHERE {column} IN ({marks})", params)
        for key, result in cursor.fetchall():
            text = str(uuid.UUID(bytes=bytes(key))) if sqlite else str(key)
            found.append((text, result))
    cursor.close()
    return found
