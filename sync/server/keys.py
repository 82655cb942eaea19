"""The server's own keys, made on first start in the data folder.

- `server-signing.key`: Ed25519, signs certificates and reverse bundles.
- `server-bundle.key`: X25519, devices encrypt offline bundles to it.

Both are PKCS#8 PEM, encrypted when a passphrase is given. The public halves are
what an admin hands to a mission with its enrolment codes (`hocvu admin
server-keys`), and what `/api/v1/about` and enrolment return.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from content import keys as content_keys
from sync.server_keys import PublicServerKeys, ServerKeyError, x25519_key_id, x25519_raw

SIGNING_FILE = "server-signing.key"
BUNDLE_FILE = "server-bundle.key"


@dataclass
class ServerKeys:
    signing: Ed25519PrivateKey
    bundle: X25519PrivateKey

    @property
    def signing_key_id(self) -> str:
        return content_keys.key_id(self.signing.public_key())

    @property
    def bundle_key_id(self) -> str:
        return x25519_key_id(self.bundle.public_key())

    def public_keys(self) -> PublicServerKeys:
        return PublicServerKeys(
            self.signing_key_id,
            content_keys.public_b64(self.signing.public_key()),
            self.bundle_key_id,
            base64.b64encode(x25519_raw(self.bundle.public_key())).decode(),
        )

    def public(self) -> dict[str, Any]:
        """The public keys as devices receive them (JSON, see `sync.server_keys`)."""
        return self.public_keys().to_json()

    def public_json(self) -> str:
        return json.dumps(self.public(), indent=2, sort_keys=True) + "\n"


def _write_new(path: Path, pem: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)


def _encryption(passphrase: str | None) -> serialization.KeySerializationEncryption:
    if passphrase:
        return serialization.BestAvailableEncryption(passphrase.encode())
    return serialization.NoEncryption()


def _load(path: Path, passphrase: str | None):
    try:
        return serialization.load_pem_private_key(
            path.read_bytes(), passphrase.encode() if passphrase else None
        )
    except TypeError:
        raise ServerKeyError(
            f"{path}: the key is protected by a passphrase; give it with --key-passphrase-env"
        ) from None
    except ValueError:
        raise ServerKeyError(f"{path}: wrong passphrase, or not a PEM private key") from None


def load_or_create(folder: Path, passphrase: str | None = None) -> ServerKeys:
    """The server's keys from `folder`, made there (mode 0600) when absent."""
    folder.mkdir(parents=True, exist_ok=True)
    found = []
    for name, make in ((SIGNING_FILE, Ed25519PrivateKey), (BUNDLE_FILE, X25519PrivateKey)):
        path = folder / name
        if not path.exists():
            key = make.generate()
            pem = key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                _encryption(passphrase),
            )
            # Another server process may have made it first: then use theirs.
            with contextlib.suppress(FileExistsError):
                _write_new(path, pem)
        key = _load(path, passphrase)
        if not isinstance(key, make):
            raise ServerKeyError(f"{path}: not an {make.__name__.removesuffix('PrivateKey')} key")
        found.append(key)
    return ServerKeys(found[0], found[1])
