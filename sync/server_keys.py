"""The public keys of a ministry server as a device knows them.

The signing key (Ed25519) verifies certificates and reverse bundles; the bundle key
(X25519) is what offline bundles are encrypted to. A device receives both at
enrolment, or on the small file an admin hands out with an enrolment code.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from content import keys as content_keys
from content.envelope import x25519_key_id


class ServerKeyError(Exception):
    """A server key that cannot be read (wrong passphrase, damaged or foreign file)."""


@dataclass(frozen=True)
class PublicServerKeys:
    """What a device knows of a server: its signing key and its bundle key."""

    signing_key_id: str
    signing_public: str
    bundle_key_id: str
    bundle_public: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PublicServerKeys:
        try:
            signing, bundle = data["signing"], data["bundle"]
            keys = cls(
                signing["key_id"], signing["public_key"], bundle["key_id"], bundle["public_key"]
            )
            signing_key = content_keys.public_from_b64(keys.signing_public)
            raw = base64.b64decode(keys.bundle_public, validate=True)
            bundle_key = X25519PublicKey.from_public_bytes(raw)
        except (KeyError, TypeError, ValueError) as exc:
            raise ServerKeyError(f"not a server public key file ({exc})") from None
        if content_keys.key_id(signing_key) != keys.signing_key_id or (
            x25519_key_id(bundle_key) != keys.bundle_key_id
        ):
            raise ServerKeyError("a key id does not match its public key")
        return keys

    def to_json(self) -> dict[str, Any]:
        return {
            "signing": {
                "algorithm": "ed25519",
                "key_id": self.signing_key_id,
                "public_key": self.signing_public,
            },
            "bundle": {
                "algorithm": "x25519",
                "key_id": self.bundle_key_id,
                "public_key": self.bundle_public,
            },
        }

    @property
    def signing_key(self) -> Ed25519PublicKey:
        return content_keys.public_from_b64(self.signing_public)

    @property
    def bundle_key(self) -> X25519PublicKey:
        return X25519PublicKey.from_public_bytes(base64.b64decode(self.bundle_public))


def load_public_keys(path: Path) -> PublicServerKeys:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ServerKeyError(f"{path}: cannot read the server key file ({exc})") from None
    return PublicServerKeys.from_json(data)
