"""The certificate export for the national identity platform (docs/certificate-export.md).

One JSON document per export: the issuer (the server's signing key id and public
key), the scope, and every certificate of the scope's learners with the signed
document exactly as it was handed out, so the platform can verify each one offline
with `sync.certificates.verify_certificate` (or any Ed25519 library). A revoked
certificate says so (`revoked`), and the export carries the server's signed
revocation list, which the platform checks with
`sync.certificates.verify_revocation_list`.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from content import keys
from sync.server.db import aware
from sync.server.models import Certificate, Learner, Pack
from sync.server.reporting.curriculum import AREAS
from sync.server.reporting.scope import UnitTree, scope_unit_ids
from sync.server.revocations import revocation_list

SCHEMA = "urn:hocvu:certificate-export"
SCHEMA_VERSION = 1


def _areas_by_pack(session: Session) -> dict[str, list[int]]:
    """The competence areas a level pack's modules cover (its newest version)."""
    areas: dict[str, list[int]] = {}
    rows = session.execute(select(Pack.pack_id, Pack.manifest).order_by(Pack.pack_id, Pack.version))
    for pack_id, manifest in rows:
        modules = json.loads(manifest).get("modules") or []
        areas[pack_id] = sorted({m.get("area") for m in modules if m.get("area") in AREAS})
    return areas


def export(
    session: Session,
    root_unit_id: int,
    signing_key: Ed25519PrivateKey,
    *,
    generated: datetime | None = None,
) -> dict[str, Any]:
    """The export of every certificate held by a learner of the scope, with the signed
    revocation list (the whole server's: it names certificate ids, never people)."""
    public_key = signing_key.public_key()
    tree = UnitTree(session)
    scope = scope_unit_ids(session, root_unit_id)
    root = tree.units[root_unit_id]
    areas = _areas_by_pack(session)
    rows = session.execute(
        select(Certificate, Learner.staff_ref, Learner.name, Learner.unit_id)
        .join(Learner, Learner.id == Certificate.learner_id)
        .where(Learner.unit_id.in_(scope))
        .order_by(Certificate.issued, Certificate.id)
    ).all()
    certificates = []
    for certificate, staff_ref, name, unit_id in rows:
        document = json.loads(certificate.document)
        body = document.get("certificate") or {}
        certificates.append(
            {
                "certificate_id": certificate.id,
                "learner": {"staff_ref": staff_ref, "name": name},
                "unit": {"id": unit_id, "name": tree.units[unit_id].name},
                "level": certificate.level,
                "competence_areas": areas.get(certificate.pack_id, []),
                "pack_id": certificate.pack_id,
                "issued": aware(certificate.issued).date().isoformat(),
                "passed_at": body.get("passed_at"),
                "score": certificate.score,
                "revoked": None
                if certificate.revoked_at is None
                else {
                    "revoked_at": aware(certificate.revoked_at).isoformat(timespec="seconds"),
                    "reason": certificate.revoked_reason or "",
                },
                "document": document,
            }
        )
    return {
        "schema": SCHEMA,
        "schema_version": SCHEMA_VERSION,
        "generated": (generated or datetime.now(UTC)).isoformat(timespec="seconds"),
        "issuer": {
            "algorithm": "ed25519",
            "key_id": keys.key_id(public_key),
            "public_key": keys.public_b64(public_key),
        },
        "scope": {"unit_id": root.id, "name": root.name, "kind": root.kind},
        "certificates": certificates,
        "revocations": revocation_list(session, signing_key),
    }


def to_json(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def export_json(session: Session, root_unit_id: int, signing_key: Ed25519PrivateKey) -> bytes:
    return to_json(export(session, root_unit_id, signing_key))
