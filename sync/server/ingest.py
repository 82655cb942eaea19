"""Storing pushed statements: one path for device pushes, xAPI clients and bundles.

Each statement is checked (`sync.xapi.checked_canonical`), then the whole batch goes to the
database in one multi-row `INSERT … ON CONFLICT (statement_id) DO NOTHING
RETURNING statement_id`. The ids the database did not return were already
stored: their content hashes are compared, identical → duplicate (accepted
again, nothing changes); different bytes are compared as statements
(`sync.xapi_compare`: what the LRS assigns, definitions, verb displays, timestamp
serialisation, member order ignored), the same → duplicate, else conflict (the stored
statement stays).
Pushing the same batch any number of times therefore leaves one row per id, and
concurrent pushes of the same id cannot both insert it.

Only the server writes an exam's result: a statement naming the server as its
authority, or carrying a grading, is refused like a malformed one. A newly stored
`completed` exam statement from a device or a bundle is handed to the grader
(`sync.server.grading`) in the same transaction; the result statement it writes
comes back through `store`, the one insertion path.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.problems import Problem, Refusal
from sync.server import grading, statement_index, xapi_query
from sync.server.derived import item_answers, progress, results
from sync.server.derived import pack_versions as versions
from sync.server.models import Profile, Statement, XapiClient
from sync.xapi import (
    ACCOUNT_HOME_PAGE,
    MAX_STATEMENT_BYTES,
    StatementError,
    checked_canonical,
)
from sync.xapi_compare import same_statement

_CHUNK = 500


@dataclass
class IngestResult:
    accepted: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    certificates: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "accepted": self.accepted,
            "duplicates": self.duplicates,
            "conflicts": self.conflicts,
            "errors": self.errors,
        }

    def merge(self, other: IngestResult) -> None:
        self.accepted += other.accepted
        self.duplicates += other.duplicates
        self.conflicts += other.conflicts
        self.errors += other.errors
        self.certificates += other.certificates


class ForeignStatements(Refusal):
    """Statements whose actor is not a profile of the pushing device's learner."""

    def __init__(self, ids: list[str]) -> None:
        self.ids = ids
        shown = ", ".join(ids[:5]) + (" …" if len(ids) > 5 else "")
        super().__init__(
            Problem.STATEMENT_FOREIGN_ACTOR,
            f"{len(ids)} statement(s) are for a learner other than this device's "
            f"({shown}); nothing in the batch was stored",
            count=len(ids),
        )


@dataclass
class _Prepared:
    sid: str  # as sent
    key: str  # lower-case, how the database returns it
    statement: dict[str, Any]
    body: str
    digest: bytes
    actor: str
    home_page: str
    actor_key: str | None  # the actor's account name as a lower-case UUID, if it is one


def _statement_id(raw: Any) -> str:
    sid = raw.get("id") if isinstance(raw, dict) else None
    # Clipped: an error report must not echo a huge "id" back.
    return sid[:64] if isinstance(sid, str) else "(no id)"


def _fault(raw: Any, problem: Problem, error: str, **values: Any) -> dict[str, Any]:
    """One refused statement of a batch: its id, its code and values, the English."""
    sid = _statement_id(raw)
    return {"id": sid, "code": problem.code, "error": error, "values": {"id": sid, **values}}


def prepare(
    raw_statements: Iterable[Any], *, server: bool = False
) -> tuple[list[_Prepared], list[dict[str, Any]]]:
    """Check each statement; return the good ones (canonical bytes, hash) and the errors.
    Only the server's own result statements (`server=True`) may carry its authority."""
    good: list[_Prepared] = []
    errors: list[dict[str, Any]] = []
    for raw in raw_statements:
        try:
            body = checked_canonical(raw)
        except StatementError as exc:
            errors.append(_fault(raw, Problem.STATEMENT_INVALID, str(exc)))
            continue
        if not server and (fault := grading.server_only_fault(raw)):
            errors.append(_fault(raw, Problem.STATEMENT_SERVER_ONLY, fault))
            continue
        if len(body) > MAX_STATEMENT_BYTES:
            errors.append(
                _fault(
                    raw,
                    Problem.STATEMENT_TOO_LARGE,
                    f"the statement is {len(body)} bytes; at most {MAX_STATEMENT_BYTES}",
                    size_bytes=len(body),
                    limit_bytes=MAX_STATEMENT_BYTES,
                )
            )
            continue
        # Only an account actor can be a Học Vụ Số profile; other forms stay unattached.
        account = raw["actor"].get("account") or {}
        good.append(
            _Prepared(
                raw["id"],
                raw["id"].lower(),
                raw,
                body.decode(),
                hashlib.sha256(body).digest(),
                account.get("name", ""),
                account.get("homePage", ""),
                lower_uuid(account.get("name", "")),
            )
        )
    return good, errors


def learner_profiles(session: Session, learner_id: str) -> set[str]:
    return set(session.scalars(select(Profile.profile_id).where(Profile.learner_id == learner_id)))


def check_actors(prepared: list[_Prepared], profiles: set[str]) -> None:
    """Raise ForeignStatements unless every actor is one of `profiles` (DESIGN 6)."""
    foreign = [
        p.sid for p in prepared if p.home_page != ACCOUNT_HOME_PAGE or p.actor_key not in profiles
    ]
    if foreign:
        raise ForeignStatements(foreign)


def lower_uuid(text: str) -> str | None:
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None


def store(
    session: Session,
    prepared: list[_Prepared],
    *,
    learner_of: dict[str, str | None],
    device_id: str | None,
    xapi_client_id: int | None,
    now: datetime,
    grader: grading.Grader | None,
    derive_progress: bool = True,
) -> IngestResult:
    """Insert checked statements idempotently in the caller's transaction.
    `learner_of` maps a lower-case profile UUID to its learner (None: unattached).
    With a `grader`, newly stored exam submissions are graded (never for an xAPI
    client: what one writes never leads to a result or a certificate). The progress
    of each learner whose new statements can change it is derived again, once, after
    the grading (`derived.progress.after_ingest`), and the first answers of the attempts
    that ended (`derived.item_answers`)."""
    result = IngestResult()
    batch: dict[str, _Prepared] = {}
    for item in prepared:
        first = batch.get(item.key)
        if first is None:
            batch[item.key] = item
        elif first.digest == item.digest or same_statement(first.statement, item.statement):
            result.duplicates.append(item.sid)
        else:
            result.conflicts.append(item.sid)
    items = list(batch.values())
    if session.get_bind().dialect.name == "sqlite":
        inserted = _insert_sqlite(session, items, learner_of, device_id, xapi_client_id, now)
    else:
        inserted = _insert_returning(session, items, learner_of, device_id, xapi_client_id, now)
    existing = [p for p in items if p.key not in inserted]
    if existing:
        stored = dict(
            session.execute(
                select(Statement.statement_id, Statement.content_hash).where(
                    Statement.statement_id.in_([p.key for p in existing])
                )
            ).all()
        )
        hidden = _unreadable(session, [p.key for p in existing], xapi_client_id)
        differing = [
            p for p in existing if p.key not in hidden and bytes(stored.get(p.key, b"")) != p.digest
        ]
        conflicting = hidden | (
            {p.key for p in differing}
            - _same_as_stored(session, differing, learner_of, xapi_client_id)
        )
        for p in existing:
            if p.key not in conflicting:
                result.duplicates.append(p.sid)
            else:
                result.conflicts.append(p.sid)
    fresh = [p for p in items if p.key in inserted]
    _index(session, fresh, xapi_client_id)
    result.accepted = [p.sid for p in fresh]
    derived = []
    seen = []
    submissions = []
    for p in fresh:
        learner_id = learner_of.get(p.actor_key or "")
        derived.append(results.derive(p.statement, learner_id))
        seen.append(versions.derive(p.statement, learner_id))
        if grader is not None and xapi_client_id is None:
            submitted = grading.submission(p.statement, learner_id)
            if submitted is not None:
                submissions.append(submitted)
    results.record(session, [r for r in derived if r is not None])
    versions.record(session, [v for v in seen if v is not None])
    graded: list[_Prepared] = []
    if submissions:
        written = grader.grade(session, submissions, now)
        if written.statements:
            graded, errors = prepare(written.statements, server=True)
            assert not errors, errors
            # Not in this push's answer: the device did not send them; it pulls them.
            store(
                session,
                graded,
                learner_of=learner_of,
                device_id=None,
                xapi_client_id=None,
                now=now,
                grader=None,
                derive_progress=False,
            )
        result.certificates += written.certificates
    if derive_progress:
        item_answers.after_ingest(
            session,
            [(learner_of.get(p.actor_key or ""), p.statement) for p in [*fresh, *graded]],
            grader.opener(session) if grader is not None else None,
        )
        progress.after_ingest(
            session, [(learner_of.get(p.actor_key or ""), p.statement) for p in fresh]
        )
    return result


def _unreadable(session: Session, keys: list[str], xapi_client_id: int | None) -> set[str]:
    """The ids among `keys` (already stored) that the xAPI client sending them may not
    read: always a conflict, whatever was sent. Were a duplicate answered when the sent
    copy matched, a tool could learn another unit's statement by guessing it (204 for the
    right actor, verb, object, result, 409 for a wrong one). That an id is taken stays
    visible (the specification answers 409), as it always was; a random UUID is not
    guessed. Devices send only their learner's statements (`check_actors`)."""
    if xapi_client_id is None or not keys:
        return set()
    client = session.get(XapiClient, xapi_client_id)
    if client is None:
        return set(keys)
    readable = set(
        session.scalars(
            select(Statement.statement_id).where(
                Statement.statement_id.in_(keys),
                xapi_query.visible(session, client.id, client.unit_id),
            )
        )
    )
    return set(keys) - readable


def _same_as_stored(
    session: Session,
    differing: list[_Prepared],
    learner_of: dict[str, str | None],
    xapi_client_id: int | None,
) -> set[str]:
    """The ids among `differing` (bytes unlike the stored copy's) whose statement is still
    the stored one up to the exceptions to immutability (`sync.xapi_compare`): a tool
    sending back what it read (with `stored`, `authority`, `version`) repeats itself.
    A device's copy is compared only with its own learner's statements written by
    devices: not with what a tool wrote about her, nor with another learner's."""
    if not differing:
        return set()
    rows = {
        row.statement_id: row
        for row in session.execute(
            select(
                Statement.statement_id,
                Statement.body,
                Statement.learner_id,
                Statement.xapi_client_id,
            ).where(Statement.statement_id.in_([p.key for p in differing]))
        )
    }
    return {
        p.key
        for p in differing
        if (row := rows.get(p.key)) is not None
        and _comparable(row, p, learner_of, xapi_client_id)
        and same_statement(json.loads(row.body), p.statement)
    }


def _comparable(
    row: Any, sent: _Prepared, learner_of: dict[str, str | None], xapi_client_id: int | None
) -> bool:
    if xapi_client_id is not None:
        return True  # `_unreadable` left only what the tool may read
    learner = learner_of.get(sent.actor_key or "")
    return row.xapi_client_id is None and learner is not None and row.learner_id == learner


def _index(session: Session, fresh: list[_Prepared], xapi_client_id: int | None) -> None:
    """The xAPI filters' index rows and voiding of the statements just stored."""
    if not fresh:
        return
    seqs = statement_index.seqs(session, [p.key for p in fresh])
    statement_index.record(
        session, [(seqs[p.key], p.key, p.statement) for p in fresh], xapi_client_id
    )


def _registration(statement: dict[str, Any]) -> str | None:
    context = statement.get("context")
    registration = context.get("registration") if isinstance(context, dict) else None
    return registration.lower() if isinstance(registration, str) else None


def _uuid_bytes(text: str | None) -> bytes | None:
    return None if text is None else uuid.UUID(text).bytes


_COLUMNS = (
    "statement_id, learner_id, device_id, xapi_client_id, body, content_hash, verb, "
    "object_id, timestamp, stored, registration, voided"
)


def _insert_returning(
    session: Session,
    items: list[_Prepared],
    learner_of: dict[str, str | None],
    device_id: str | None,
    xapi_client_id: int | None,
    now: datetime,
) -> set[str]:
    """PostgreSQL: one multi-row `INSERT … ON CONFLICT DO NOTHING RETURNING` per chunk,
    safe under any number of concurrent writers; the ids returned are the ones this
    transaction stored. Sent through psycopg directly: building 5,000 bound values
    through SQLAlchemy's type processing cost more than the insert."""
    cursor = session.connection().connection.driver_connection.cursor()
    inserted: set[str] = set()
    for start in range(0, len(items), _CHUNK):
        chunk = items[start : start + _CHUNK]
        params: list[Any] = []
        for p in chunk:
            params += (
                p.key,
                learner_of.get(p.actor_key or ""),
                device_id,
                xapi_client_id,
                p.body,
                p.digest,
                p.statement["verb"]["id"],
                p.statement["object"].get("id", ""),
                results.statement_time(p.statement),
                now,
                _registration(p.statement),
            )
        row = "(%s::uuid,%s::uuid,%s::uuid,%s,%s,%s,%s,%s,%s,%s,%s::uuid,false)"
        rows = ",".join([row] * len(chunk))
        cursor.execute(
            f"INSERT INTO statements ({_COLUMNS}) VALUES {rows} "
            "ON CONFLICT (statement_id) DO NOTHING RETURNING statement_id",
            params,
        )
        inserted.update(str(row[0]) for row in cursor.fetchall())
    cursor.close()
    return inserted


_SQLITE_INSERT = f"INSERT OR IGNORE INTO statements ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,0)"


def _sqlite_time(value: datetime | None) -> str | None:
    # The text form SQLAlchemy's SQLite DateTime reads back (UTC, no zone); isoformat
    # is several times faster than strftime.
    if value is None:
        return None
    return value.replace(tzinfo=None).isoformat(" ", "microseconds")


def _insert_sqlite(
    session: Session,
    items: list[_Prepared],
    learner_of: dict[str, str | None],
    device_id: str | None,
    xapi_client_id: int | None,
    now: datetime,
) -> set[str]:
    """SQLite: one look-up of the batch's ids, then one `executemany` on the driver.

    The transaction began with BEGIN IMMEDIATE (`Database.write`), so it holds the
    write lock: no other writer can store one of these ids between the look-up and
    the insert. Going to the driver directly skips SQLAlchemy's per-value type
    processing, which was a third of the time of a push.
    """
    cursor = session.connection().connection.driver_connection.cursor()
    ids = [uuid.UUID(p.key).bytes for p in items]
    present: set[bytes] = set()
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        marks = ",".join("?" * len(chunk))
        cursor.execute(
            f"SELECT statement_id FROM statements WHERE statement_id IN ({marks})", chunk
        )
        present.update(bytes(row[0]) for row in cursor.fetchall())
    learners = {k: uuid.UUID(v).bytes for k, v in learner_of.items() if v}
    device = uuid.UUID(device_id).bytes if device_id else None
    stored = _sqlite_time(now.astimezone(UTC))
    rows = []
    inserted: set[str] = set()
    for p, key in zip(items, ids, strict=True):
        if key in present:
            continue
        inserted.add(p.key)
        rows.append(
            (
                key,
                learners.get(p.actor_key or ""),
                device,
                xapi_client_id,
                p.body,
                p.digest,
                p.statement["verb"]["id"],
                p.statement["object"].get("id", ""),
                _sqlite_time(results.statement_time(p.statement)),
                stored,
                _uuid_bytes(_registration(p.statement)),
            )
        )
    cursor.executemany(_SQLITE_INSERT, rows)
    cursor.close()
    return inserted
