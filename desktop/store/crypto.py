"""The store's cryptography (DESIGN section 4).

A profile's passphrase never encrypts data itself. Argon2id turns it into a
*wrapping key*, which wraps (AES-256-GCM) a random 256-bit *data key*; the data
key encrypts every personal row. Changing the passphrase re-wraps the data key
and leaves the rows alone.

Every encrypted row is ``FORMAT | nonce (12 bytes) | ciphertext and tag`` with
the associated data ``"<profile id>|<table>|<row id>"``: a ciphertext copied to
another row, table or profile fails authentication instead of decrypting to the
wrong content.
"""

from __future__ import annotations

import hashlib
import math
import os
import time
import unicodedata
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

KEY_BYTES = 32
SALT_BYTES = 16
NONCE_BYTES = 12
# The first byte of every ciphertext, so that a later algorithm can sit beside this one.
FORMAT = b"\x01"


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: memory in KiB, iterations (t) and lanes (p)."""

    memory_kib: int
    iterations: int
    lanes: int = 1

    def at_least(self, other: KdfParams) -> KdfParams:
        return KdfParams(
            max(self.memory_kib, other.memory_kib),
            max(self.iterations, other.iterations),
            max(self.lanes, other.lanes),
        )


# RFC 9106 section 4, second recommended option: 64 MiB, t=3, p=1.
MINIMUM_KDF = KdfParams(memory_kib=64 * 1024, iterations=3, lanes=1)
# Unlocking should take 0.3 to 1 s on a two-core laptop (DESIGN section 4). Tuning aims a
# little above 0.3 s, so that a busy moment while it measures does not leave the cost under.
UNLOCK_TARGET_S = 0.4
UNLOCK_LIMIT_S = 1.0


def normalise_passphrase(passphrase: str) -> bytes:
    # Vietnamese input methods differ in whether they type "ộ" as one code point or as
    # "o" plus two combining marks; NFC makes the same passphrase the same bytes.
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive_wrapping_key(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    kdf = Argon2id(
        salt=salt,
        length=KEY_BYTES,
        iterations=params.iterations,
        lanes=params.lanes,
        memory_cost=params.memory_kib,
    )
    return kdf.derive(normalise_passphrase(passphrase))


def time_kdf(params: KdfParams) -> float:
    """Seconds one derivation with these parameters takes on this computer."""
    start = time.perf_counter()
    derive_wrapping_key("timing run", os.urandom(SALT_BYTES), params)
    return time.perf_counter() - start


def tune_kdf(
    base: KdfParams = MINIMUM_KDF,
    target_s: float = UNLOCK_TARGET_S,
    limit_s: float = UNLOCK_LIMIT_S,
) -> KdfParams:
    """Raise the iterations of `base` until one derivation takes at least `target_s`,
    without going past about `limit_s`. Never returns less than `base`."""
    params = base
    elapsed = time_kdf(params)
    for _ in range(4):
        if elapsed >= target_s:
            break
        per_iteration = elapsed / params.iterations
        wanted = math.ceil(target_s / per_iteration)
        affordable = max(params.iterations, math.floor(limit_s / per_iteration))
        iterations = min(max(wanted, params.iterations + 1), affordable)
        if iterations <= params.iterations:
            break
        params = KdfParams(params.memory_kib, iterations, params.lanes)
        elapsed = time_kdf(params)
    return params


def _ad(profile_id: str, table: str, row_id: str) -> bytes:
    return f"{profile_id}|{table}|{row_id}".encode()


def seal(key: bytes, associated: bytes, plaintext: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return FORMAT + nonce + AESGCM(key).encrypt(nonce, plaintext, associated)


def open_sealed(key: bytes, associated: bytes, blob: bytes) -> bytes:
    """Raise InvalidTag when the blob was not sealed with this key and associated data."""
    if len(blob) < 1 + NONCE_BYTES + 16 or blob[:1] != FORMAT:
        raise InvalidTag
    nonce = blob[1 : 1 + NONCE_BYTES]
    return AESGCM(key).decrypt(nonce, blob[1 + NONCE_BYTES :], associated)


def new_data_key() -> bytes:
    return AESGCM.generate_key(bit_length=KEY_BYTES * 8)


def wrap_data_key(wrapping_key: bytes, profile_id: str, data_key: bytes) -> bytes:
    return seal(wrapping_key, _ad(profile_id, "profiles", "data_key"), data_key)


def unwrap_data_key(wrapping_key: bytes, profile_id: str, wrapped: bytes) -> bytes:
    return open_sealed(wrapping_key, _ad(profile_id, "profiles", "data_key"), wrapped)


def key_record_check(profile_id: str, salt: bytes, params: KdfParams, wrapped: bytes) -> bytes:
    """A digest of the key record that needs no passphrase. When it matches and the data
    key still does not unwrap, the passphrase is wrong; when it does not match, the record
    itself is damaged."""
    digest = hashlib.sha256(b"hocvu-key-record-v1\x00")
    digest.update(profile_id.encode() + b"\x00")
    digest.update(salt)
    digest.update(f"{params.memory_kib}:{params.iterations}:{params.lanes}".encode())
    digest.update(wrapped)
    return digest.digest()


class RowCipher:
    """Encrypts and decrypts one profile's rows with its data key."""

    __slots__ = ("_aead", "profile_id")

    def __init__(self, profile_id: str, data_key: bytes) -> None:
        self.profile_id = profile_id
        self._aead = AESGCM(data_key)

    def encrypt(self, table: str, row_id: str, plaintext: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return FORMAT + nonce + self._aead.encrypt(nonce, plaintext, self.associated(table, row_id))

    def decrypt(self, table: str, row_id: str, blob: bytes) -> bytes:
        """Raise InvalidTag for a ciphertext of another row, table, profile or key."""
        if len(blob) < 1 + NONCE_BYTES + 16 or blob[:1] != FORMAT:
            raise InvalidTag
        return self._aead.decrypt(
            blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :], self.associated(table, row_id)
        )

    def associated(self, table: str, row_id: str) -> bytes:
        return _ad(self.profile_id, table, row_id)
