"""Revoking certificates, and the signed revocation list the server hands out.

A revocation is for good: the columns are set once and never cleared, so the number
of revoked certificates is a version that only grows, the same on every server
process, with no sequence to keep. The list names certificate ids (random UUIDs),
dates and reasons, never a learner: every device receives the whole list, and a
device may be handed only a list at least as new as the one it holds.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.certificates import Revocation, sign_revocation_list
from sync.problems import Problem
from sync.server.admin import AdminError, audit
from sync.server.db import aware, now
from sync.server.derived import progress
from sync.server.models import Certificate, Learner

MAX_REASON = 500


def _iso(moment: datetime | None) -> str:
    value = aware(moment)
    return "" if value is None else value.isoformat(timespec="seconds")


def find_certificate(
    session: Session, certificate_id: str, scope: set[int] | frozenset[int] | None = None
) -> Certificate:
    """The certificate `certificate_id`, if it exists (and its learner is in `scope`,
    when one is given: outside it, a certificate is as unknown as a missing one)."""
    try:
        key = str(uuid.UUID(str(certificate_id).strip()))
    except ValueError:
        key = None
    certificate = session.get(Certificate, key) if key else None
    if certificate is not None and scope is not None:
        unit = session.scalar(select(Learner.unit_id).where(Learner.id == certificate.learner_id))
        if unit not in scope:
            certificate = None
    if certificate is None:
        raise AdminError(
            Problem.ADMIN_NO_CERTIFICATE,
            f"no certificate {certificate_id}; the id is the UUID printed on the certificate",
            certificate=certificate_id,
        )
    return certificate


def revoke_certificate(
    session: Session,
    actor: str,
    certificate_id: str,
    reason: str,
    scope: set[int] | frozenset[int] | None = None,
) -> Certificate:
    """Revoke a certificate, audited in the same transaction. Refuses an unknown id
    (or one outside `scope`), one revoked already, and a missing reason."""
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise AdminError(
            Problem.ADMIN_REASON_NEEDED, "give the reason for the revocation (--reason TEXT)"
        )
    if len(reason) > MAX_REASON:
        raise AdminError(
            Problem.ADMIN_REASON_TOO_LONG,
            f"the reason is longer than {MAX_REASON} characters",
            limit=MAX_REASON,
        )
    certificate = find_certificate(session, certificate_id, scope)
    # Locked for the rest of the transaction: two admins revoking at once get one
    # revocation and one refusal, never two audit entries for one change.
    session.refresh(certificate, with_for_update=True)
    if certificate.revoked_at is not None:
        raise AdminError(
            Problem.ADMIN_CERTIFICATE_REVOKED,
            f"certificate {certificate.id} was revoked already on "
            f"{_iso(certificate.revoked_at)[:10]} by {certificate.revoked_by}: "
            f"{certificate.revoked_reason}",
            certificate=certificate.id,
        )
    certificate.revoked_at = now()
    certificate.revoked_reason = reason
    certificate.revoked_by = actor
    session.flush()
    # The pass behind it no longer counts: the learner's level progress changes.
    progress.recompute(session, [certificate.learner_id])
    audit(
        session,
        actor,
        "revoke-certificate",
        f"certificate:{certificate.id}",
        learner=certificate.learner_id,
        level=certificate.level,
        reason=reason,
    )
    return certificate


def revocations(session: Session) -> list[Revocation]:
    rows = session.execute(
        select(Certificate.id, Certificate.revoked_at, Certificate.revoked_reason)
        .where(Certificate.revoked_at.is_not(None))
        .order_by(Certificate.revoked_at, Certificate.id)
    )
    return [Revocation(cid, _iso(at), reason or "") for cid, at, reason in rows]


def revocation_version(session: Session) -> int:
    return int(
        session.scalar(
            select(func.count()).select_from(Certificate).where(Certificate.revoked_at.is_not(None))
        )
        or 0
    )


def revocation_list(session: Session, signing_key: Ed25519PrivateKey) -> dict[str, Any]:
    """The signed list of every revoked certificate, as devices and exports carry it."""
    return sign_revocation_list(revocations(session), _iso(now()), signing_key)
