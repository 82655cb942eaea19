"""Keys: the ministry root and the trainers' signing keys (Ed25519), and the
ministry's grading keys (X25519) that exams are sealed to.

Private keys are PKCS#8 PEM files, encrypted with a passphrase (the root always, a
trainer's key when the trainer chooses one). Public keys travel as small JSON
files: `{"key_id", "public_key", "name"}`.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from content.envelope import x25519_key_id, x25519_raw
from content.errors import KeyFileError


def key_id(public: Ed25519PublicKey) -> str:
    return hashlib.sha256(raw_public(public)).hexdigest()[:16]


def raw_public(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def public_b64(public: Ed25519PublicKey) -> str:
    return base64.b64encode(raw_public(public)).decode()


def public_from_b64(text: str) -> Ed25519PublicKey:
    raw = base64.b64decode(text, validate=True)
    if len(raw) != 32:
        raise ValueError("an Ed25519 public key is 32 bytes")
    return Ed25519PublicKey.from_public_bytes(raw)


def sign(private: Ed25519PrivateKey, data: bytes) -> str:
    return base64.b64encode(private.sign(data)).decode()


def verify(public: Ed25519PublicKey, signature_b64: str, data: bytes) -> bool:
    try:
        public.verify(base64.b64decode(signature_b64, validate=True), data)
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True)
class PublicKeyFile:
    key_id: str
    public_key: str
    name: str

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, indent=2) + "\n"

    @property
    def key(self) -> Ed25519PublicKey:
        return public_from_b64(self.public_key)


def new_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def write_private(
    path: Path, private: Ed25519PrivateKey | X25519PrivateKey, passphrase: str | None
) -> None:
    """Write a PKCS#8 PEM readable only by its owner; refuses to overwrite a key."""
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase.encode())
        if passphrase
        else serialization.NoEncryption()
    )
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(pem)


def write_public(path: Path, private: Ed25519PrivateKey, name: str) -> PublicKeyFile:
    public = private.public_key()
    record = PublicKeyFile(key_id(public), public_b64(public), name)
    path.write_text(record.to_json(), encoding="utf-8")
    return record


def is_encrypted(path: Path) -> bool:
    try:
        return b"ENCRYPTED" in path.read_bytes()[:64]
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot read the key file ({exc.strerror})") from None


def _load_pem(path: Path, passphrase: str | None):
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot read the key file ({exc.strerror})") from None
    try:
        key = serialization.load_pem_private_key(data, passphrase.encode() if passphrase else None)
    except TypeError:
        raise KeyFileError(
            f"{path}: this key is protected by a passphrase; give it with --passphrase-env "
            "or type it when asked"
        ) from None
    except ValueError:
        raise KeyFileError(f"{path}: wrong passphrase, or not a PEM private key") from None
    return key


def load_private(path: Path, passphrase: str | None) -> Ed25519PrivateKey:
    key = _load_pem(path, passphrase)
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"{path}: not an Ed25519 key")
    return key


# --- grading keys (X25519): exams are sealed to them, the server opens them ----------


def load_grading_private(path: Path, passphrase: str | None) -> X25519PrivateKey:
    key = _load_pem(path, passphrase)
    if not isinstance(key, X25519PrivateKey):
        raise KeyFileError(f"{path}: not a grading key (X25519)")
    return key


def write_grading_public(path: Path, private: X25519PrivateKey, name: str) -> str:
    """Write NAME.pub.json for a grading key; returns its key id."""
    public = private.public_key()
    record = {
        "kind": "grading",
        "key_id": x25519_key_id(public),
        "public_key": base64.b64encode(x25519_raw(public)).decode(),
        "name": name,
    }
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return record["key_id"]


def load_grading_public(path: Path) -> X25519PublicKey:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("kind") != "grading":
            raise ValueError("it is not a grading key's public file")
        key = X25519PublicKey.from_public_bytes(base64.b64decode(data["public_key"], validate=True))
        if x25519_key_id(key) != data["key_id"]:
            raise ValueError("key_id does not match the public key")
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise KeyFileError(f"{path}: not a grading public key file ({exc})") from None
    return key


def load_public(path: Path) -> PublicKeyFile:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        record = PublicKeyFile(data["key_id"], data["public_key"], data.get("name", ""))
        if key_id(record.key) != record.key_id:
            raise ValueError("key_id does not match the public key")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise KeyFileError(f"{path}: not a public key file ({exc})") from None
    return record
