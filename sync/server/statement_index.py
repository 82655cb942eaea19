"""What the xAPI query filters find statements by, kept beside each stored statement.

A statement's agents and activities go to two narrow tables (`statement_agents`,
`statement_activities`): a 16-byte hash of the agent's identity or the activity id,
the statement's sequence number, and whether it is named only in a related place
(authority, instructor, team, context activities, a sub-statement). A filter is then
an index walk newest first, whatever the length of the IRIs. Ingest calls `record`
for every statement it stores, from devices, bundles and xAPI clients alike, in the
same transaction; migration 0010 fills them for the statements stored before it.

Voiding lives here too: a voiding statement marks its target `voided`, and is
remembered in `statement_voids`, so a target that arrives later is stored voided.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from sync.server.models import Statement, StatementVoid
from sync.xapi_actors import parse_actor
from sync.xapi_errors import StatementError
from sync.xapi_validation import VOIDED


def activity_digest(activity_id: str) -> bytes:
    return hashlib.sha256(activity_id.encode()).digest()[:16]


@dataclass
class Names:
    """The agents and activities of one statement: digest → related (False when it is
    named directly at least once)."""

    agents: dict[bytes, bool] = field(default_factory=dict)
    activities: dict[bytes, bool] = field(default_factory=dict)

    def agent(self, raw: Any, related: bool) -> None:
        try:
            digest = parse_actor(raw).digest
        except StatementError:
            return
        if digest is not None:
            self.agents[digest] = self.agents.get(digest, True) and related

    def activity(self, raw: Any, related: bool) -> None:
        if isinstance(raw, dict) and isinstance(raw.get("id"), str):
            digest = activity_digest(raw["id"])
            self.activities[digest] = self.activities.get(digest, True) and related


def names(statement: dict[str, Any]) -> Names:
    """The names the `agent`, `activity`, `related_agents` and `related_activities`
    filters match (xAPI 1.0.3, Communication 2.1.3)."""
    found = Names()
    _collect(found, statement, sub=False)
    if "authority" in statement:
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
    ids: list[str] = []
    for seq, key, statement in stored:
        found = names(statement)
        agents += [(a, seq, r) for a, r in found.agents.items()]
        activities += [(a, seq, r) for a, r in found.activities.items()]
        target = void_target(statement)
        if target is not None:
            voids[target] = key
        else:
            ids.append(key)
    _insert(session, "statement_agents", "agent", agents)
    _insert(session, "statement_activities", "activity", activities)
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
    if ids:
        # A target stored after its voiding statement: stored voided. Voiding statements
        # are rare, so this is one primary-key look-up that nearly always finds nothing.
        voided = list(
            session.scalars(select(StatementVoid.target).where(StatementVoid.target.in_(ids)))
        )
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
