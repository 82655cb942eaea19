"""Encryption to an X25519 public key: the one construction behind offline bundles and
sealed exam items.

A fresh (ephemeral) X25519 key agrees a secret with the recipient's key; HKDF-SHA256
(salt: both public keys, info: what the envelope is for) turns it into an AES-256-GCM
key. Only the holder of the recipient's private key can open it, and the associated
data binds the ciphertext to where it belongs.
"""

from __future__ import annotations

import hashlib

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def x25519_raw(public: X25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def x25519_key_id(public: X25519PublicKey) -> str:
    return hashlib.sha256(x25519_raw(public)).hexdigest()[:16]


def derive_key(shared: bytes, ephemeral: bytes, recipient: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient, info=info).derive(
        shared
    )


def encrypt(
    recipient: X25519PublicKey,
    plaintext: bytes,
    aad: bytes,
    info: bytes,
    *,
    ephemeral: X25519PrivateKey,
    nonce: bytes,
) -> tuple[bytes, bytes]:
    """(ephemeral public key raw, ciphertext). The caller chooses the ephemeral key and
    the nonce: random for bundles, derived from the plaintext for reproducible packs."""
    ephemeral_raw = x25519_raw(ephemeral.public_key())
    key = derive_key(ephemeral.exchange(recipient), ephemeral_raw, x25519_raw(recipient), info)
    return ephemeral_raw, AESGCM(key).encrypt(nonce, plaintext, aad)


def decrypt(
    private: X25519PrivateKey,
    ephemeral_raw: bytes,
    nonce: bytes,
    ciphertext: bytes,
    aad: bytes,
    info: bytes,
) -> bytes:
    """The plaintext; raises cryptography's InvalidTag (or ValueError for a malformed
    ephemeral key) when the envelope was not made for this key or was changed."""
    ephemeral = X25519PublicKey.from_public_bytes(ephemeral_raw)
    key = derive_key(
        private.exchange(ephemeral), ephemeral_raw, x25519_raw(private.public_key()), info
    )
    return AESGCM(key).decrypt(nonce, ciphertext, aad)
