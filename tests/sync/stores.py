"""A small learner store for the sync tests: the `sync.engine.SyncStore` protocol over
sqlite3 (a file, so a killed client process can be restarted on it, or memory)."""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sync.certificates import RevocationList, read_revocation_list
from sync.xapi import canonical, make_statement, validate


class TestStore:
    __test__ = False

    def __init__(self, path: Path | str = ":memory:", profile_id: str | None = None) -> None:
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        self._db.executescript(
            """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS statements (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT UNIQUE, body TEXT,
                synced INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE IF NOT EXISTS settings (name TEXT PRIMARY KEY, value TEXT);
            CREATE TABLE IF NOT EXISTS certificates (statement_id TEXT PRIMARY KEY, doc TEXT);
            """
        )
        stored = self.setting("profile_id")
        self.profile_id = stored or profile_id or str(uuid.uuid4())
        if not stored:
            self.set_setting("profile_id", self.profile_id)
            self.set_setting("device_id", str(uuid.uuid4()))

    @property
    def device_id(self) -> str:
        return self.setting("device_id")

    @property
    def device_token(self) -> str | None:
        return self.setting("device_token")

    def set_device_token(self, token: str | None) -> None:
        self.set_setting("device_token", token)

    def setting(self, name: str, default: Any = None) -> Any:
        with self._lock:
            row = self._db.execute("SELECT value FROM settings WHERE name = ?", (name,)).fetchone()
        return default if row is None else json.loads(row[0])

    def set_setting(self, name: str, value: Any) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO settings (name, value) VALUES (?, ?)",
                (name, json.dumps(value)),
            )

    def record(self, statement: dict[str, Any]) -> dict[str, Any]:
        validate(statement)
        with self._lock:
            self._db.execute(
                "INSERT INTO statements (id, body) VALUES (?, ?)",
                (statement["id"], canonical(statement).decode()),
            )
        return statement

    def record_many(self, count: int, **kwargs: Any) -> list[dict[str, Any]]:
        made = [self.new_statement(i, **kwargs) for i in range(count)]
        with self._lock:
            self._db.execute("BEGIN")
            self._db.executemany(
                "INSERT INTO statements (id, body) VALUES (?, ?)",
                [(s["id"], canonical(s).decode()) for s in made],
            )
            self._db.execute("COMMIT")
        return made

    def new_statement(self, index: int = 0, **kwargs: Any) -> dict[str, Any]:
        fields = {
            "profile_id": self.profile_id,
            "verb": "experienced",
            "pack_id": "vn.mofa.dl.demo",
            "kind": "lesson",
            "local_id": f"lesson-{index}",
            "pack_version": 1,
            "app_version": "0.1.0",
            "device_id": self.device_id,
        }
        fields.update(kwargs)
        return make_statement(**fields)

    def pending(self, limit: int | None = None) -> list[dict[str, Any]]:
        query = "SELECT body FROM statements WHERE synced = 0 ORDER BY seq"
        if limit is not None:
            query += f" LIMIT {int(limit)}"
        with self._lock:
            return [json.loads(b) for (b,) in self._db.execute(query)]

    def pending_count(self) -> int:
        with self._lock:
            return self._db.execute("SELECT count(*) FROM statements WHERE synced = 0").fetchone()[
                0
            ]

    def mark_synced(self, ids: Iterable[str]) -> int:
        ids = list(ids)
        with self._lock:
            self._db.execute("BEGIN")
            changed = 0
            for sid in ids:
                changed += self._db.execute(
                    "UPDATE statements SET synced = 1 WHERE id = ? AND synced = 0", (sid,)
                ).rowcount
            self._db.execute("COMMIT")
        return changed

    def insert_pulled(self, statements: Iterable[dict[str, Any]]) -> int:
        added = 0
        with self._lock:
            self._db.execute("BEGIN")
            for statement in statements:
                validate(statement)
                added += self._db.execute(
                    "INSERT OR IGNORE INTO statements (id, body, synced) VALUES (?, ?, 1)",
                    (statement["id"], canonical(statement).decode()),
                ).rowcount
            self._db.execute("COMMIT")
        return added

    def statements(self) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._db.execute("SELECT body FROM statements ORDER BY seq").fetchall()
        return [json.loads(b) for (b,) in rows]

    def attach_signed_certificate(self, statement_id: str, signed: dict[str, Any]) -> None:
        with self._lock:
            known = self._db.execute(
                "SELECT 1 FROM statements WHERE id = ?", (statement_id,)
            ).fetchone()
            if known is None:
                raise LookupError(f"no exam statement {statement_id} in this profile")
            self._db.execute(
                "INSERT OR REPLACE INTO certificates VALUES (?, ?)",
                (statement_id, json.dumps(signed)),
            )

    def revocations(self) -> RevocationList | None:
        document = self.setting("revocations")
        return None if document is None else read_revocation_list(document)

    def adopt_revocations(self, revocations: RevocationList) -> bool:
        if not revocations.newer_than(self.revocations()):
            return False
        self.set_setting("revocations", revocations.document)
        return True

    def certificates(self) -> dict[str, dict[str, Any]]:
        with self._lock:
            rows = self._db.execute("SELECT statement_id, doc FROM certificates").fetchall()
        return {sid: json.loads(doc) for sid, doc in rows}

    def close(self) -> None:
        self._db.close()
