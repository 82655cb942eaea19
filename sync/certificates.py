"""Certificates the ministry server signs when a learner passes a level exam.

A certificate document is JSON:

    {"certificate": {format, id, learner_id, learner_name, level, pack_id, exam,
                     score, issued, statement_id},
     "signature": {"algorithm": "ed25519", "key_id", "signature"}}

The signature is Ed25519 over the canonical JSON of `certificate` (sorted keys, no
spaces), so it verifies offline with nothing but the server's public key: in the
app, on a printed copy's QR code, or by `hocvu admin verify-cert`.

A certificate can be revoked. The server then signs, with the same key, a
revocation list naming every certificate it has revoked:

    {"revocations": {"kind": "hocvu.revocations", "version", "issued",
                     "revoked": [{"id", "revoked_at", "reason"}]},
     "key_id", "signature"}

Revocations are never undone, so `version` (the number of revocations) only grows:
a device keeps the list with the highest version it has seen and never goes back
to an older one. Devices pull it, return bundles and certificate exports carry it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from content import keys
from sync.problems import Problem, Refusal

FORMAT = 1
REVOCATIONS_KIND = "hocvu.revocations"


class CertificateInvalid(Refusal, ValueError):
    """A certificate that does not verify: its `problem` code (`certificate.*`), and the
    English `detail` that says what is wrong."""


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def _signature(body: dict[str, Any], signing_key: Ed25519PrivateKey) -> dict[str, str]:
    return {
        "key_id": keys.key_id(signing_key.public_key()),
        "signature": keys.sign(signing_key, canonical_json(body)),
    }


def _signature_fault(
    body: dict[str, Any], signature: dict[str, Any], server_public_key: Ed25519PublicKey
) -> str | None:
    """What is wrong with `signature` (its `key_id` and `signature`) over `body`:
    "other_key", "changed", or None when it verifies with `server_public_key`."""
    if signature.get("key_id") != keys.key_id(server_public_key):
        return "other_key"
    if not keys.verify(
        server_public_key, str(signature.get("signature", "")), canonical_json(body)
    ):
        return "changed"
    return None


def sign_certificate(body: dict[str, Any], signing_key: Ed25519PrivateKey) -> dict[str, Any]:
    body = {"format": FORMAT, **body}
    return {
        "certificate": body,
        "signature": {"algorithm": "ed25519", **_signature(body, signing_key)},
    }


def verify_certificate(document: Any, server_public_key: Ed25519PublicKey) -> dict[str, Any]:
    """The certificate's fields if `document` was signed by `server_public_key`;
    otherwise CertificateInvalid naming the fault."""
    if isinstance(document, str | bytes):
        try:
            document = json.loads(document)
        except ValueError:
            raise CertificateInvalid(
                Problem.CERTIFICATE_NOT_JSON, "the certificate is not JSON"
            ) from None
    if not isinstance(document, dict):
        raise CertificateInvalid(Problem.CERTIFICATE_SHAPE, "a certificate is a JSON object")
    body = document.get("certificate")
    signature = document.get("signature")
    if not isinstance(body, dict) or not isinstance(signature, dict):
        raise CertificateInvalid(
            Problem.CERTIFICATE_SHAPE, "a certificate has 'certificate' and 'signature' parts"
        )
    if body.get("format") != FORMAT:
        raise CertificateInvalid(
            Problem.CERTIFICATE_FORMAT, f"unknown certificate format {body.get('format')!r}"
        )
    fault = _signature_fault(body, signature, server_public_key)
    if fault == "other_key":
        raise CertificateInvalid(
            Problem.CERTIFICATE_OTHER_KEY,
            f"signed by key {signature.get('key_id')!r}, not by this server's key "
            f"{keys.key_id(server_public_key)}",
            key=keys.key_id(server_public_key),
        )
    if fault == "changed":
        raise CertificateInvalid(
            Problem.CERTIFICATE_ALTERED,
            "the signature does not verify: the certificate was changed",
        )
    return body


# ------------------------------------------------------------------ revocation lists


class RevocationListInvalid(Refusal, ValueError):
    """A revocation list that does not verify or is malformed (`revocations.invalid`);
    the English `detail` says what."""

    def __init__(self, detail: str) -> None:
        super().__init__(Problem.REVOCATIONS_INVALID, detail)


@dataclass(frozen=True)
class Revocation:
    certificate_id: str
    revoked_at: str  # ISO 8601, UTC
    reason: str


@dataclass(frozen=True)
class RevocationList:
    """A verified (or, read back from the device's own store, once verified) list."""

    version: int
    issued: str
    revoked: dict[str, Revocation]
    # The signed document exactly as received, to keep and to hand on.
    document: dict[str, Any]

    def is_revoked(self, certificate_id: str) -> bool:
        return self.revocation(certificate_id) is not None

    def revocation(self, certificate_id: str) -> Revocation | None:
        return self.revoked.get(str(certificate_id).lower())

    def newer_than(self, other: RevocationList | None) -> bool:
        return other is None or self.version > other.version


def sign_revocation_list(
    revoked: list[Revocation], issued: str, signing_key: Ed25519PrivateKey
) -> dict[str, Any]:
    """The signed list of every revocation (each revocation is kept for ever, so their
    number is the list's version)."""
    body = {
        "kind": REVOCATIONS_KIND,
        "version": len(revoked),
        "issued": issued,
        "revoked": [
            {"id": r.certificate_id, "revoked_at": r.revoked_at, "reason": r.reason}
            for r in sorted(revoked, key=lambda r: (r.revoked_at, r.certificate_id))
        ],
    }
    return {"revocations": body, **_signature(body, signing_key)}


def read_revocation_list(document: Any) -> RevocationList:
    """The list's contents without checking the signature: only for a list this
    program verified before and kept where nobody else writes (the encrypted profile)."""
    document = _revocation_json(document)
    body = document.get("revocations") if isinstance(document, dict) else None
    if not isinstance(body, dict) or body.get("kind") != REVOCATIONS_KIND:
        raise RevocationListInvalid("not a certificate revocation list")
    version, rows = body.get("version"), body.get("revoked")
    if not isinstance(version, int) or isinstance(version, bool) or not isinstance(rows, list):
        raise RevocationListInvalid("the revocation list has no version or no list")
    revoked: dict[str, Revocation] = {}
    for row in rows:
        if not isinstance(row, dict) or not isinstance(row.get("id"), str):
            raise RevocationListInvalid("an entry of the revocation list names no certificate")
        revoked[row["id"].lower()] = Revocation(
            row["id"].lower(), str(row.get("revoked_at", "")), str(row.get("reason", ""))
        )
    if len(revoked) != version:
        raise RevocationListInvalid(
            f"the revocation list says version {version} but names {len(revoked)} certificate(s)"
        )
    return RevocationList(version, str(body.get("issued", "")), revoked, document)


def _revocation_json(document: Any) -> Any:
    if isinstance(document, str | bytes):
        try:
            return json.loads(document)
        except ValueError:
            raise RevocationListInvalid("the revocation list is not JSON") from None
    return document


def verify_revocation_list(document: Any, server_public_key: Ed25519PublicKey) -> RevocationList:
    """The list if `document` was signed by `server_public_key`; otherwise
    RevocationListInvalid naming the fault."""
    document = _revocation_json(document)
    if not isinstance(document, dict) or not isinstance(document.get("revocations"), dict):
        raise RevocationListInvalid("not a certificate revocation list")
    fault = _signature_fault(document["revocations"], document, server_public_key)
    if fault == "other_key":
        raise RevocationListInvalid(
            f"signed by key {document.get('key_id')!r}, not by this server's key "
            f"{keys.key_id(server_public_key)}"
        )
    if fault == "changed":
        raise RevocationListInvalid(
            "the signature does not verify: the revocation list was changed"
        )
    return read_revocation_list(document)
