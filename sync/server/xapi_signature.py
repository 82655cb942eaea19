"""Signed statements (xAPI 1.0.3, Data 2.6): the JWS in a signature attachment.

A signed statement carries an attachment whose usageType is
`http://adlnet.gov/expapi/attachments/signature` and whose part holds a JWS in
compact serialisation. The LRS refuses (400) a signature that is not such a JWS,
whose algorithm is not RS256, RS384 or RS512, whose payload is not the statement as
it was before the signature was added (the same statement, ignoring what the LRS may
set: id when the payload has none, authority, stored, version), or, when its header
carries an X.509 certificate (`x5c`), whose signature does not verify with that
certificate's key. Without a certificate the LRS cannot check who signed, only that
the payload is the statement; the specification allows that.

Only the `cryptography` package is used: the compact form is three base64url parts,
and a JWS library would add a dependency for those few lines.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from sync.problems import Problem, Refusal
from sync.server.xapi_attachments import Part
from sync.xapi_validation import SIGNATURE_USAGE

_HASHES = {"RS256": hashes.SHA256, "RS384": hashes.SHA384, "RS512": hashes.SHA512}
_LRS_SET = ("authority", "stored", "version")


def _refused(detail: str) -> Refusal:
    return Refusal(Problem.XAPI_SIGNATURE, detail)


def _b64(text: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise _refused("the signature is not base64url") from None


def _comparable(statement: dict[str, Any], drop_id: bool) -> dict[str, Any]:
    out = {k: v for k, v in statement.items() if k not in _LRS_SET}
    if drop_id:
        out.pop("id", None)
    attachments = [
        a
        for a in out.get("attachments") or []
        if not (isinstance(a, dict) and a.get("usageType") == SIGNATURE_USAGE)
    ]
    if attachments:
        out["attachments"] = attachments
    else:
        out.pop("attachments", None)
    return out


def check(statement: dict[str, Any], parts: dict[str, Part]) -> None:
    """Raise a 400 refusal unless the statement's signatures (if any) are sound."""
    for attachment in statement.get("attachments") or []:
        if not isinstance(attachment, dict) or attachment.get("usageType") != SIGNATURE_USAGE:
            continue
        if attachment.get("contentType") != "application/octet-stream":
            raise _refused("a signature attachment's contentType is application/octet-stream")
        part = parts.get(attachment["sha2"].lower())
        if part is None:
            raise _refused("a signature must be sent as a part, not only a fileUrl")
        _verify(statement, part.content)


def _verify(statement: dict[str, Any], jws: bytes) -> None:
    try:
        header_b64, payload_b64, signature_b64 = jws.decode("ascii").strip().split(".")
        header = json.loads(_b64(header_b64))
        payload = json.loads(_b64(payload_b64))
    except (UnicodeDecodeError, ValueError):
        raise _refused("the signature is not a JWS in compact serialisation") from None
    if not isinstance(header, dict) or not isinstance(payload, dict):
        raise _refused("the JWS header and payload must be JSON objects")
    algorithm = header.get("alg")
    if algorithm not in _HASHES:
        raise _refused(f"the JWS algorithm {str(algorithm)[:20]!r} is not RS256, RS384 or RS512")
    drop_id = "id" not in payload
    if _comparable(payload, drop_id) != _comparable(statement, drop_id):
        raise _refused("the signed payload is not this statement")
    chain = header.get("x5c")
    if chain is None:
        return
    try:
        certificate = x509.load_der_x509_certificate(base64.b64decode(chain[0]))
        key = certificate.public_key()
    except (ValueError, TypeError, IndexError, KeyError, binascii.Error):
        raise _refused("the JWS x5c certificate cannot be read") from None
    if not isinstance(key, rsa.RSAPublicKey):
        raise _refused("the JWS certificate's key is not an RSA key")
    try:
        key.verify(
            _b64(signature_b64),
            f"{header_b64}.{payload_b64}".encode("ascii"),
            padding.PKCS1v15(),
            _HASHES[algorithm](),
        )
    except InvalidSignature:
        raise _refused("the JWS signature does not verify with its certificate") from None
