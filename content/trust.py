"""The trust list: which trainer keys may sign which packs, signed by a ministry root.

`trust.json` is `{"trust": {...}, "signatures": [{"key_id", "signature"}]}`, each
signature Ed25519 over the canonical JSON of `trust`. A list is accepted only
under a pinned root; among accepted lists the highest `version` wins, and a
library never goes back to a lower one (DESIGN section 3).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey

from content import keys
from content.envelope import x25519_key_id, x25519_raw
from content.errors import KeyFileError, PackRefused, Rule

TRUST_FILE = "trust.json"


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def parse_time(text: str) -> datetime:
    value = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def format_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class TrainerKey:
    key_id: str
    public_key: Ed25519PublicKey
    name: str
    prefixes: tuple[str, ...]
    not_before: datetime
    not_after: datetime

    def covers(self, pack_id: str) -> bool:
        return any(
            pack_id == p.rstrip(".") or pack_id.startswith(p.rstrip(".") + ".")
            for p in self.prefixes
        )


@dataclass(frozen=True)
class GradingKey:
    """The ministry's key that exam items are sealed to (X25519, DESIGN section 9)."""

    key_id: str
    public_key: X25519PublicKey
    not_before: datetime
    not_after: datetime


@dataclass(frozen=True)
class TrustList:
    version: int
    issued: datetime
    expires: datetime
    grace_days: int
    trainers: Mapping[str, TrainerKey]
    revoked: frozenset[str]
    document: Mapping[str, Any] = field(repr=False)
    grading_keys: Mapping[str, GradingKey] = field(default_factory=dict)

    def grading_key(self, now: datetime) -> GradingKey | None:
        """The key to seal exams to at `now`: the newest one valid then."""
        valid = [k for k in self.grading_keys.values() if k.not_before <= now <= k.not_after]
        return max(valid, key=lambda k: (k.not_before, k.key_id)) if valid else None

    def to_bytes(self) -> bytes:
        return (
            json.dumps(self.document, ensure_ascii=False, indent=2, sort_keys=True).encode() + b"\n"
        )

    def expiry_state(self, now: datetime) -> str:
        """'valid', 'grace' (expired, still accepted with a warning) or 'expired'."""
        if now <= self.expires:
            return "valid"
        if now <= self.expires + timedelta(days=self.grace_days):
            return "grace"
        return "expired"

    def signer(self, key_id: str, pack_id: str, created: datetime, path: str) -> TrainerKey:
        """The trainer key allowed to sign `pack_id` at `created`, or a refusal naming why."""
        if key_id in self.revoked:
            raise PackRefused(path, Rule.KEY_REVOKED, f"key {key_id} (trust list v{self.version})")
        trainer = self.trainers.get(key_id)
        if trainer is None:
            raise PackRefused(path, Rule.UNKNOWN_KEY, f"key {key_id} (trust list v{self.version})")
        if not trainer.not_before <= created <= trainer.not_after:
            raise PackRefused(
                path,
                Rule.KEY_NOT_VALID,
                f"key {key_id} ({trainer.name}) is valid from {format_time(trainer.not_before)} "
                f"to {format_time(trainer.not_after)}, pack created {format_time(created)}",
            )
        if not trainer.covers(pack_id):
            raise PackRefused(
                path,
                Rule.ID_OUTSIDE_PREFIXES,
                f"{pack_id!r} is not under {', '.join(trainer.prefixes)} ({trainer.name})",
            )
        return trainer


def load_roots(files: Iterable[Path]) -> dict[str, Ed25519PublicKey]:
    """Pinned root public keys from public key files."""
    roots: dict[str, Ed25519PublicKey] = {}
    for path in files:
        record = keys.load_public(path)
        roots[record.key_id] = record.key
    return roots


def parse(
    data: bytes, roots: Mapping[str, Ed25519PublicKey] | None, path: str = TRUST_FILE
) -> TrustList:
    """Parse and verify a trust list under the pinned roots. `roots=None` reads it
    without verifying: only the pack builder does, to find the grading key of the list
    a pack will carry (the app verifies that list when it installs the pack)."""
    try:
        document = json.loads(data.decode("utf-8"))
        body = document["trust"]
        signatures = document["signatures"]
        if not isinstance(body, dict) or not isinstance(signatures, list):
            raise TypeError("'trust' must be an object and 'signatures' a list")
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        raise PackRefused(path, Rule.MALFORMED, f"not a trust list ({exc})") from None
    signed = canonical_json(body)
    if roots is not None and not any(
        isinstance(sig, dict)
        and sig.get("key_id") in roots
        and keys.verify(roots[sig["key_id"]], str(sig.get("signature", "")), signed)
        for sig in signatures
    ):
        raise PackRefused(
            path, Rule.UNTRUSTED_TRUST_LIST, "no signature by a pinned root key verifies"
        )
    try:
        trainers = {}
        for entry in body.get("trainers", []):
            trainer = TrainerKey(
                key_id=entry["key_id"],
                public_key=keys.public_from_b64(entry["public_key"]),
                name=entry.get("name", ""),
                prefixes=tuple(entry["prefixes"]),
                not_before=parse_time(entry["not_before"]),
                not_after=parse_time(entry["not_after"]),
            )
            if keys.key_id(trainer.public_key) != trainer.key_id:
                raise ValueError(f"key_id {trainer.key_id} does not match its public key")
            trainers[trainer.key_id] = trainer
        grading = {}
        for entry in body.get("grading_keys", []):
            grading_key = GradingKey(
                key_id=entry["key_id"],
                public_key=X25519PublicKey.from_public_bytes(
                    base64.b64decode(entry["public_key"], validate=True)
                ),
                not_before=parse_time(entry["not_before"]),
                not_after=parse_time(entry["not_after"]),
            )
            if x25519_key_id(grading_key.public_key) != grading_key.key_id:
                raise ValueError(f"key_id {grading_key.key_id} does not match its public key")
            grading[grading_key.key_id] = grading_key
        return TrustList(
            version=int(body["version"]),
            issued=parse_time(body["issued"]),
            expires=parse_time(body["expires"]),
            grace_days=int(body.get("grace_days", 0)),
            trainers=trainers,
            revoked=frozenset(body.get("revoked", [])),
            document=document,
            grading_keys=grading,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise PackRefused(path, Rule.MALFORMED, f"trust list field: {exc}") from None


def newest(candidates: Iterable[TrustList | None]) -> TrustList | None:
    lists = [c for c in candidates if c is not None]
    return max(lists, key=lambda t: t.version) if lists else None


# --- issuing (the root holder's side) -------------------------------------------------


def new_body(version: int, valid_days: int, grace_days: int, now: datetime | None = None) -> dict:
    now = now or datetime.now(UTC)
    return {
        "version": version,
        "issued": format_time(now),
        "expires": format_time(now + timedelta(days=valid_days)),
        "grace_days": grace_days,
        "trainers": [],
        "revoked": [],
    }


def sign_body(body: dict, root: Ed25519PrivateKey) -> bytes:
    document = {
        "trust": body,
        "signatures": [
            {
                "key_id": keys.key_id(root.public_key()),
                "signature": keys.sign(root, canonical_json(body)),
            }
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True).encode() + b"\n"


def next_body(current: TrustList, valid_days: int, grace_days: int | None = None) -> dict:
    """A copy of the current list's body with a higher version and fresh dates."""
    body = json.loads(json.dumps(current.document["trust"]))
    fresh = new_body(
        current.version + 1, valid_days, current.grace_days if grace_days is None else grace_days
    )
    body.update({k: fresh[k] for k in ("version", "issued", "expires", "grace_days")})
    return body


def add_trainer(
    body: dict,
    trainer: keys.PublicKeyFile,
    prefixes: list[str],
    not_before: datetime,
    not_after: datetime,
) -> None:
    if not prefixes:
        raise KeyFileError("a trainer key needs at least one allowed pack-id prefix")
    if trainer.key_id in body.get("revoked", []):
        raise KeyFileError(f"key {trainer.key_id} was revoked; a revoked key cannot come back")
    body["trainers"] = [t for t in body.get("trainers", []) if t["key_id"] != trainer.key_id]
    body["trainers"].append(
        {
            "key_id": trainer.key_id,
            "public_key": trainer.public_key,
            "name": trainer.name,
            "prefixes": sorted(prefixes),
            "not_before": format_time(not_before),
            "not_after": format_time(not_after),
        }
    )
    body["trainers"].sort(key=lambda t: t["key_id"])


def add_grading_key(
    body: dict, public: X25519PublicKey, not_before: datetime, not_after: datetime
) -> str:
    """List a grading key (the newest valid one seals new exams); returns its key id.
    Older grading keys stay listed: the server still grades packs sealed to them."""
    key_id = x25519_key_id(public)
    body["grading_keys"] = [g for g in body.get("grading_keys", []) if g["key_id"] != key_id]
    body["grading_keys"].append(
        {
            "key_id": key_id,
            "public_key": base64.b64encode(x25519_raw(public)).decode(),
            "not_before": format_time(not_before),
            "not_after": format_time(not_after),
        }
    )
    body["grading_keys"].sort(key=lambda g: (g["not_before"], g["key_id"]))
    return key_id


def revoke(body: dict, key_id: str) -> None:
    body["trainers"] = [t for t in body.get("trainers", []) if t["key_id"] != key_id]
    body["revoked"] = sorted(set(body.get("revoked", [])) | {key_id})
