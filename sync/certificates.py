"""Certificates the ministry server signs when a learner passes a level exam.

A certificate document is JSON:

    {"certificate": {format, id, learner_id, learner_name, level, pack_id, exam,
                     score, issued, statement_id},
     "signature": {"algorithm": "ed25519", "key_id", "signature"}}

The signature is Ed25519 over the canonical JSON of `certificate` (sorted keys, no
spaces), so it verifies offline with nothing but the server's public key: in the
app, on a printed copy's QR code, or by `hocvu admin verify-cert`.
"""

from __future__ import annotations

import json
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from content import keys

FORMAT = 1


class CertificateInvalid(ValueError):
    """A certificate that does not verify; the message says what is wrong."""


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def sign_certificate(body: dict[str, Any], signing_key: Ed25519PrivateKey) -> dict[str, Any]:
    body = {"format": FORMAT, **body}
    return {
        "certificate": body,
        "signature": {
            "algorithm": "ed25519",
            "key_id": keys.key_id(signing_key.public_key()),
            "signature": keys.sign(signing_key, canonical_json(body)),
        },
    }


def verify_certificate(document: Any, server_public_key: Ed25519PublicKey) -> dict[str, Any]:
    """The certificate's fields if `document` was signed by `server_public_key`;
    otherwise CertificateInvalid naming the fault."""
    if isinstance(document, str | bytes):
        try:
            document = json.loads(document)
        except ValueError:
            raise CertificateInvalid("the certificate is not JSON") from None
    if not isinstance(document, dict):
        raise CertificateInvalid("a certificate is a JSON object")
    body = document.get("certificate")
    signature = document.get("signature")
    if not isinstance(body, dict) or not isinstance(signature, dict):
        raise CertificateInvalid("a certificate has 'certificate' and 'signature' parts")
    if body.get("format") != FORMAT:
        raise CertificateInvalid(f"unknown certificate format {body.get('format')!r}")
    expected = keys.key_id(server_public_key)
    if signature.get("key_id") != expected:
        raise CertificateInvalid(
            f"signed by key {signature.get('key_id')!r}, not by this server's key {expected}"
        )
    signed = canonical_json(body)
    if not keys.verify(server_public_key, str(signature.get("signature", "")), signed):
        raise CertificateInvalid("the signature does not verify: the certificate was changed")
    return body
