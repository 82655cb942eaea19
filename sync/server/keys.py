"""The server's own keys, made on first start in the data folder.

- `server-signing.key`: Ed25519, signs certificates and reverse bundles.
- `server-bundle.key`: X25519, devices encrypt offline bundles to it.
- `grading/<key id>.key`: the ministry's grading keys (X25519), which open sealed
  exam items; installed by `hocvu admin add-grading-key`, never made here.

Both are PKCS#8 PEM, encrypted when a passphrase is given. The public halves are
what an admin hands to a mission with its enrolment codes (`hocvu admin
server-keys`), and what `/api/v1/about` and enrolment return.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from content import keys as content_keys
from content.envelope import x25519_key_id, x25519_raw
from sync.server_keys import PublicServerKeys, ServerKeyError

SIGNING_FILE = "server-signing.key"
BUNDLE_FILE = "server-bundle.key"
GRADING_FOLDER = "grading"


@dataclass
class ServerKeys:
    signing: Ed25519PrivateKey
    bundle: X25519PrivateKey
    # Every grading key this server was given, by key id: exams sealed to an older key
    # are still graded after the ministry rotates to a new one.
    grading: dict[str, X25519PrivateKey] = field(default_factory=dict)

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
    return ServerKeys(found[0], found[1], load_grading_keys(folder / GRADING_FOLDER, passphrase))


def load_grading_keys(folder: Path, passphrase: str | None = None) -> dict[str, X25519PrivateKey]:
    grading = {}
    for path in sorted(folder.glob("*.key")) if folder.is_dir() else []:
        key = _load(path, passphrase)
        if not isinstance(key, X25519PrivateKey):
            raise ServerKeyError(f"{path}: not a grading key (X25519)")
        grading[x25519_key_id(key.public_key())] = key
    return grading


def install_grading_key(folder: Path, source: Path, passphrase: str | None = None) -> str:
    """Copy a grading private key into the server's key folder (mode 0600), re-encrypted
    with the server's key passphrase; returns its key id. Installing it twice is harmless."""
    key = content_keys.load_grading_private(source, None)
    key_id = x25519_key_id(key.public_key())
    target = folder / GRADING_FOLDER
    target.mkdir(parents=True, exist_ok=True, mode=0o700)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, _encryption(passphrase)
    )
    with contextlib.suppress(FileExistsError):
        _write_new(target / f"{key_id}.key", pem)
    return key_id
