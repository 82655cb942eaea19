"""Building a signed `.hvpack` from a source folder, reproducibly.

The same sources, key and trust list give a byte-identical pack: entries are
sorted, every entry carries the pack's `created` time and fixed permissions, and
JSON is written with sorted keys.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from content import keys, sealing, trust
from content.errors import PackRefused
from content.sources import read_sources
from content.trust import format_time

MANIFEST = "manifest.json"
SIGNATURE = "signature.json"
TRUST = "trust.json"
_STORED = (".png", ".jpg", ".jpeg")  # already compressed: deflating them only costs time


@dataclass(frozen=True)
class BuildResult:
    path: Path
    manifest: dict[str, Any]
    warnings: list[str]
    sha256: str


def json_bytes(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=True).encode() + b"\n"


def _zip_time(created: datetime) -> tuple[int, int, int, int, int, int]:
    when = max(created.astimezone(UTC), datetime(1980, 1, 1, tzinfo=UTC))
    return (when.year, when.month, when.day, when.hour, when.minute, when.second)


def write_pack(
    out: Path,
    manifest: dict[str, Any],
    entries: dict[str, bytes],
    private: Ed25519PrivateKey,
    trust_bytes: bytes,
    created: datetime,
) -> tuple[bytes, str]:
    """Sign `manifest` (with `files` filled in from `entries`) and write the ZIP atomically.

    Returns the manifest bytes and the pack's SHA-256. Also used by tests to write packs
    that break one rule on purpose.
    """
    manifest = dict(manifest)
    manifest["created"] = format_time(created)
    manifest["files"] = {
        path: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for path, data in sorted(entries.items())
    }
    manifest_bytes = json_bytes(manifest)
    signature = {
        "algorithm": "ed25519",
        "key_id": keys.key_id(private.public_key()),
        "signature": keys.sign(private, manifest_bytes),
    }
    everything = {MANIFEST: manifest_bytes, SIGNATURE: json_bytes(signature), TRUST: trust_bytes}
    everything.update(entries)
    stamp = _zip_time(created)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".build-", suffix=".hvpack", dir=out.parent)
    digest = hashlib.sha256()
    try:
        with os.fdopen(fd, "wb") as raw, zipfile.ZipFile(raw, "w") as archive:
            for name in sorted(everything):
                info = zipfile.ZipInfo(name, date_time=stamp)
                info.external_attr = 0o644 << 16
                info.create_system = 3
                info.compress_type = (
                    zipfile.ZIP_STORED if name.lower().endswith(_STORED) else zipfile.ZIP_DEFLATED
                )
                archive.writestr(info, everything[name], compresslevel=6)
        with open(tmp, "rb") as done:
            for chunk in iter(lambda: done.read(1 << 20), b""):
                digest.update(chunk)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a pack is meant to be handed out
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return manifest_bytes, digest.hexdigest()


class SealingError(ValueError):
    """A pack with an exam that cannot be sealed (no grading key in its trust list)."""


def seal_exam(
    manifest: dict[str, Any],
    entries: dict[str, bytes],
    private: Ed25519PrivateKey,
    trust_bytes: bytes,
    now: datetime,
) -> None:
    """Seal the exam's items in `entries` to the newest grading key of the trust list
    (docs/assessment.md section 3). The list is the one the pack will carry; the app
    verifies it against its roots on install, as for every pack."""
    exam = (manifest.get("exam") or {}).get("quiz")
    if exam is None:
        return
    rel = f"quizzes/{exam}.json"
    try:
        listed = trust.parse(trust_bytes, roots=None)
    except PackRefused as exc:
        raise SealingError(f"trust.json: {exc.detail}") from None
    grading = listed.grading_key(now)
    if grading is None:
        raise SealingError(
            f"{rel}: the exam cannot be sealed: the trust list (version {listed.version}) names "
            "no grading key valid now. Ask the ministry for a trust list with one "
            "(hocvu keys add-grading-key)."
        )
    secret = sealing.pack_secret(private, manifest["id"], manifest["version"])
    sealed = sealing.seal_quiz(json.loads(entries[rel]), grading.public_key, grading.key_id, secret)
    entries[rel] = json.dumps(sealed, ensure_ascii=False, indent=1, sort_keys=True).encode() + b"\n"


def build_pack(
    folder: Path, private: Ed25519PrivateKey, trust_bytes: bytes, out: Path
) -> BuildResult:
    source = read_sources(folder)
    seal_exam(source.manifest, source.entries, private, trust_bytes, source.created)
    manifest_bytes, digest = write_pack(
        out, source.manifest, source.entries, private, trust_bytes, source.created
    )
    return BuildResult(out, json.loads(manifest_bytes), source.warnings, digest)
