"""The statement log of one profile: encrypted, append-only, in insertion order.

Each row holds the statement's canonical JSON (`sync.xapi.canonical`) encrypted
with the profile's data key, bound by associated data to
`"<profile id>|statements|<statement id>"`; a row's ciphertext pasted into
another row does not decrypt. Rows are inserted and never changed, except the
`synced` mark. The plain `seq` column gives the insertion order, which is the
order the sync client pushes pending statements in.

For the sync client:
    pending(limit)          unsynced statements, oldest recorded first
    mark_synced(ids)        after the server accepted them
    insert_pulled(batch)    statements from the learner's other devices; a statement
                            id already present is skipped, so pulling twice is harmless

While the profile is unlocked the log keeps the engine's facts of its
statements in memory and reads only rows it has not seen yet (by `seq`).
"""

from __future__ import annotations

import gc
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from sync.progress import Fact, fact_of
from sync.xapi import StatementError, canonical, validate

from .crypto import RowCipher
from .errors import IntegrityError, StatementRefused
from .schema import StatementRow

TABLE = "statements"
# Well under SQLite's limit on bound parameters, for `IN (...)` lists.
_CHUNK = 500


class StatementLog:
    def __init__(self, path: Path, cipher: RowCipher) -> None:
        self._path = path
        self._cipher = cipher
        self._profile_id = cipher.profile_id
        self._seen_seq = 0
        self._facts: list[Fact] = []

    # -------------------------------------------------------------- writing

    def append(self, session: Session, statement: dict[str, Any]) -> None:
        """Add a statement this device made; the caller commits."""
        _check(statement)
        session.execute(insert(StatementRow), [self._row(statement, synced=False)])

    def insert_pulled(self, session: Session, statements: Iterable[dict[str, Any]]) -> int:
        """Add statements from the server, already synced; skip ids present. Returns how
        many were new. The caller commits."""
        batch: dict[str, dict[str, Any]] = {}
        for statement in statements:
            _check(statement)
            batch.setdefault(statement["id"], statement)
        present = self._present(session, list(batch))
        rows = [self._row(s, synced=True) for sid, s in batch.items() if sid not in present]
        if rows:
            session.execute(insert(StatementRow), rows)
        return len(rows)

    def mark_synced(self, session: Session, ids: Sequence[str]) -> int:
        """Set the synced mark on these statements; returns how many were pending."""
        changed = 0
        for start in range(0, len(ids), _CHUNK):
            chunk = list(ids[start : start + _CHUNK])
            result = session.execute(
                update(StatementRow)
                .where(
                    StatementRow.profile_id == self._profile_id,
                    StatementRow.id.in_(chunk),
                    StatementRow.synced.is_(False),
                )
                .values(synced=True)
            )
            changed += result.rowcount
        return changed

    def _row(self, statement: dict[str, Any], *, synced: bool) -> dict[str, Any]:
        sid = statement["id"]
        body = self._cipher.encrypt(TABLE, sid, canonical(statement))
        return {"profile_id": self._profile_id, "id": sid, "synced": synced, "body": body}

    def _present(self, session: Session, ids: list[str]) -> set[str]:
        present: set[str] = set()
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            present.update(
                session.scalars(
                    select(StatementRow.id).where(
                        StatementRow.profile_id == self._profile_id, StatementRow.id.in_(chunk)
                    )
                )
            )
        return present

    # -------------------------------------------------------------- reading

    def statements(self, session: Session) -> list[dict[str, Any]]:
        """Every statement of the profile, decrypted, in insertion order."""
        rows = session.execute(
            select(StatementRow.id, StatementRow.body)
            .where(StatementRow.profile_id == self._profile_id)
            .order_by(StatementRow.seq)
        )
        return [self._decrypt(sid, body) for sid, body in rows]

    def get(self, session: Session, statement_id: str) -> dict[str, Any] | None:
        body = session.scalar(
            select(StatementRow.body).where(
                StatementRow.profile_id == self._profile_id, StatementRow.id == statement_id
            )
        )
        return None if body is None else self._decrypt(statement_id, body)

    def facts(self, session: Session) -> list[Fact]:
        """The engine's facts of every statement, in insertion order. Kept in memory
        while unlocked; only rows not seen yet are read and decrypted."""
        rows = session.execute(
            select(StatementRow.seq, StatementRow.id, StatementRow.body)
            .where(StatementRow.profile_id == self._profile_id, StatementRow.seq > self._seen_seq)
            .order_by(StatementRow.seq)
        )
        # Only the small fact tuples are kept, not the parsed statements (a dozen dicts
        # and lists each). The parsed statements die as soon as their fact is made and
        # form no cycles, so the cyclic collector has nothing to find during the loop;
        # pausing it there saves it from walking every fact again and again.
        decrypt = self._decrypt
        facts = self._facts
        seq = self._seen_seq
        paused = gc.isenabled()
        gc.disable()
        try:
            for row_seq, sid, body in rows:
                fact = fact_of(decrypt(sid, body))
                if fact is not None:
                    facts.append(fact)
                seq = row_seq
        finally:
            if paused:
                gc.enable()
        self._seen_seq = seq
        return facts

    def pending(self, session: Session, limit: int | None = None) -> list[dict[str, Any]]:
        query = (
            select(StatementRow.id, StatementRow.body)
            .where(StatementRow.profile_id == self._profile_id, StatementRow.synced.is_(False))
            .order_by(StatementRow.seq)
        )
        if limit is not None:
            query = query.limit(limit)
        return [self._decrypt(sid, body) for sid, body in session.execute(query)]

    def pending_count(self, session: Session) -> int:
        return session.scalar(
            select(func.count())
            .select_from(StatementRow)
            .where(StatementRow.profile_id == self._profile_id, StatementRow.synced.is_(False))
        )

    def _decrypt(self, sid: str, body: bytes) -> dict[str, Any]:
        try:
            statement = json.loads(self._cipher.decrypt(TABLE, sid, body))
        except InvalidTag:
            raise IntegrityError(self._path, TABLE, sid) from None
        if statement.get("id") != sid:
            raise IntegrityError(self._path, TABLE, sid)
        return statement

    def forget(self) -> None:
        """Drop the decrypted facts (on lock)."""
        self._facts = []
        self._seen_seq = 0


def _check(statement: Any) -> None:
    try:
        validate(statement)
    except StatementError as error:
        sid = statement.get("id") if isinstance(statement, dict) else None
        raise StatementRefused(sid, str(error)) from None
