"""Certificates for passed level exams, kept encrypted in the profile.

When the learner passes a level exam the store writes a *provisional*
certificate in the same transaction as the exam's `passed` statement. The
ministry server signs certificates when that statement reaches it; the signed
record it hands back (opaque to the store: a JSON object as received) replaces
the provisional one under the same key, the exam statement's id, with the
status "signed". A certificate row may be rewritten (unlike statements): it is
a document the server completes, not part of the learning log.

The server may later revoke a signed certificate. The newest revocation list it
signed (`sync.certificates`) is kept with the profile's encrypted settings under
`REVOCATIONS` (it names no one, but keeping it in the profile keeps each profile
with its own server's list); a certificate read from the book carries its
revocation (`revoked`), never stored in its row, so a newer list always wins.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.certificates import Revocation, RevocationList
from sync.xapi import Activity

from .crypto import RowCipher
from .errors import IntegrityError
from .schema import CertificateRow

TABLE = "certificates"
# The setting that holds the server's newest signed revocation list.
REVOCATIONS = "certificates.revocations"


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
    # Filled when read, from the profile's revocation list; never stored in the row.
    revoked: Revocation | None = None

    @property
    def certificate_id(self) -> str | None:
        """The server's id of a signed certificate (inside its signed document)."""
        body = (self.signed or {}).get("certificate")
        value = body.get("id") if isinstance(body, dict) else None
        return value if isinstance(value, str) else None

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
        fields = asdict(certificate)
        fields.pop("revoked")
        body = self._cipher.encrypt(TABLE, certificate.statement_id, json.dumps(fields).encode())
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
        fields.pop("revoked", None)
        return Certificate(**fields)


def with_revocations(
    certificates: list[Certificate], revocations: RevocationList | None
) -> list[Certificate]:
    """The certificates, each revoked one carrying its revocation (when and why)."""
    if revocations is None:
        return certificates
    return [
        replace(c, revoked=revocations.revocation(c.certificate_id)) if c.certificate_id else c
        for c in certificates
    ]
