"""Certificates for passed level exams, kept encrypted in the profile.

When the learner passes a level exam the store writes a *provisional*
certificate in the same transaction as the exam's `passed` statement. The
ministry server signs certificates when that statement reaches it; the signed
record it hands back (opaque to the store: a JSON object as received) replaces
the provisional one under the same key, the exam statement's id, with the
status "signed". A certificate row may be rewritten (unlike statements): it is
a document the server completes, not part of the learning log.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.xapi import Activity

from .crypto import RowCipher
from .errors import IntegrityError
from .schema import CertificateRow

TABLE = "certificates"


class CertificateStatus(StrEnum):
    PROVISIONAL = "provisional"
    SIGNED = "signed"


@dataclass(frozen=True)
class Certificate:
    statement_id: str  # the exam's passed statement
    pack_id: str
    exam_slug: str
    level: int | None
    score: float | None
    passed_at: str  # the statement's timestamp (ISO 8601)
    status: CertificateStatus
    signed: dict[str, Any] | None = None

    @classmethod
    def provisional(cls, statement: dict[str, Any], level: int | None) -> Certificate:
        activity = Activity.parse(statement["object"]["id"])
        score = ((statement.get("result") or {}).get("score") or {}).get("scaled")
        return cls(
            statement["id"],
            activity.pack_id,
            activity.local_id,
            level,
            score,
            statement.get("timestamp", ""),
            CertificateStatus.PROVISIONAL,
        )


class CertificateBook:
    def __init__(self, path: Path, cipher: RowCipher) -> None:
        self._path = path
        self._cipher = cipher

    def put(self, session: Session, certificate: Certificate) -> None:
        body = self._cipher.encrypt(
            TABLE, certificate.statement_id, json.dumps(asdict(certificate)).encode()
        )
        session.merge(
            CertificateRow(
                profile_id=self._cipher.profile_id,
                statement_id=certificate.statement_id,
                body=body,
            )
        )

    def get(self, session: Session, statement_id: str) -> Certificate | None:
        row = session.get(CertificateRow, (self._cipher.profile_id, statement_id))
        return None if row is None else self._decrypt(row.statement_id, row.body)

    def all(self, session: Session) -> list[Certificate]:
        rows = session.execute(
            select(CertificateRow.statement_id, CertificateRow.body).where(
                CertificateRow.profile_id == self._cipher.profile_id
            )
        )
        found = [self._decrypt(sid, body) for sid, body in rows]
        found.sort(key=lambda c: (c.passed_at, c.statement_id))
        return found

    def _decrypt(self, statement_id: str, body: bytes) -> Certificate:
        try:
            fields = json.loads(self._cipher.decrypt(TABLE, statement_id, body))
        except InvalidTag:
            raise IntegrityError(self._path, TABLE, statement_id) from None
        fields["status"] = CertificateStatus(fields["status"])
        return Certificate(**fields)
