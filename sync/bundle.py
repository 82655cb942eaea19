"""Offline sync bundles (`.hvsync`) for missions that cannot reach the server.

Statement bundle, device → server (one binary file):

    MAGIC (8 bytes: b"HVSYNC\\x00\\x01")
    header length (4 bytes, big-endian) | header (canonical JSON, UTF-8)
    ciphertext length (8 bytes, big-endian) | ciphertext
    signature (64 bytes): Ed25519 by the device key over everything before it

The header names the format, device, profile, the server key it is encrypted to,
the creation time, the ephemeral X25519 public key and the AES-GCM nonce. The
payload (JSON: the statements, and for a device that was never online the
enrolment code, its public key and profile id) is encrypted with AES-256-GCM
under a key from X25519(ephemeral, server) and HKDF-SHA256, with the header as
associated data: neither part can be changed without the import noticing.

Return bundle, server → device: a ZIP holding `bundle.json` (who it is for, and
every other file's SHA-256 and size), `bundle.sig` (Ed25519 by the server's
signing key over `bundle.json`), `trust.json`, `certificates.json`,
`statements.json` (the learner's statements on the server), `assignments.json`
(the packs assigned to the learner's unit, with due dates) and `packs/*.hvpack`.
Packs verify themselves as always; the signature ties the rest to the server.

`bundle.json`'s `version` says which parts a return bundle has: 1 (no field, before
assignments travelled) or 2 (`assignments.json`, required). The `format` stays 1,
so an app that predates version 2 still reads the rest and ignores the assignments.
`revocations.json` (the server's signed certificate revocation list,
`sync.certificates`) is optional in either version: listed and hashed like every
file when present, ignored by apps that predate it, absent from older bundles.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
import tempfile
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from content import envelope
from content import keys as content_keys
from content.envelope import x25519_key_id, x25519_raw
from sync.certificates import RevocationList, RevocationListInvalid, verify_revocation_list
from sync.problems import Problem, Refusal
from sync.server_keys import PublicServerKeys
from sync.xapi import clipped, now_iso

MAGIC = b"HVSYNC\x00\x01"
FORMAT = 1
_INFO = b"hocvu hvsync v1"
_MAX_HEADER = 64 * 1024
RETURN_INDEX = "bundle.json"
RETURN_SIGNATURE = "bundle.sig"
RETURN_VERSION = 2
ASSIGNMENTS_FILE = "assignments.json"
REVOCATIONS_FILE = "revocations.json"


class BundleRefused(Refusal):
    """A bundle that must not be used: `where` (the file), its `problem` code
    (`bundle.*`, or the enrolment's or the statements' own code for a bundle whose
    enrolment or statements the server refused), and the English `detail`.

    `kind` says it for the app, which tells the learner in their language: "not_bundle",
    "statements_bundle" (the learner's own file to the ministry, opened by mistake),
    "damaged", "altered", "other_server", "other_learner", "unknown_format",
    "unreadable"; "refused" for the server-side refusals an admin reads.
    """

    def __init__(self, where: str, problem: Problem, detail: str, **values: object) -> None:
        super().__init__(problem, detail, **values)
        self.where = where

    @property
    def kind(self) -> str:
        return self.problem.kind or "refused"

    def __str__(self) -> str:
        return f"{self.where}: {self.detail}"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _unb64(text: Any, what: str, where: str) -> bytes:
    try:
        return base64.b64decode(str(text), validate=True)
    except ValueError:
        raise BundleRefused(
            where, Problem.BUNDLE_HEADER, f"the header's {what} is not base64"
        ) from None


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


# ------------------------------------------------------------------ statement bundles


def seal(
    payload: dict[str, Any],
    *,
    device_id: str,
    profile_id: str,
    device_key: Ed25519PrivateKey,
    server: PublicServerKeys,
    enrolment: bool = False,
) -> bytes:
    """The bytes of a statement bundle for `server`, signed by `device_key`."""
    ephemeral = X25519PrivateKey.generate()
    nonce = os.urandom(12)
    header = _canonical(
        {
            "format": FORMAT,
            "kind": "statements",
            "device_id": device_id,
            "profile_id": profile_id,
            "device_public_key": content_keys.public_b64(device_key.public_key()),
            "server_key_id": server.bundle_key_id,
            "created": now_iso(),
            "enrolment": enrolment,
            "count": len(payload.get("statements", [])),
            "ephemeral_public": _b64(x25519_raw(ephemeral.public_key())),
            "nonce": _b64(nonce),
        }
    )
    _, ciphertext = envelope.encrypt(
        server.bundle_key, _canonical(payload), header, _INFO, ephemeral=ephemeral, nonce=nonce
    )
    signed = (
        MAGIC
        + struct.pack(">I", len(header))
        + header
        + struct.pack(">Q", len(ciphertext))
        + ciphertext
    )
    return signed + device_key.sign(signed)


@dataclass(frozen=True)
class SealedBundle:
    header: dict[str, Any]
    header_bytes: bytes
    ciphertext: bytes
    signed: bytes
    signature: bytes

    def signed_by(self, public_key: Ed25519PublicKey) -> bool:
        try:
            public_key.verify(self.signature, self.signed)
        except Exception:
            return False
        return True

    def decrypt(self, server_key: X25519PrivateKey, where: str) -> dict[str, Any]:
        if self.header.get("server_key_id") != x25519_key_id(server_key.public_key()):
            raise BundleRefused(
                where,
                Problem.BUNDLE_OTHER_SERVER,
                f"it is encrypted to server key {self.header.get('server_key_id')!r}, not to "
                f"this server's key {x25519_key_id(server_key.public_key())}: it was made "
                "for another server",
            )
        ephemeral_raw = _unb64(self.header.get("ephemeral_public"), "ephemeral key", where)
        nonce = _unb64(self.header.get("nonce"), "nonce", where)
        try:
            plain = envelope.decrypt(
                server_key, ephemeral_raw, nonce, self.ciphertext, self.header_bytes, _INFO
            )
        except (InvalidTag, ValueError):
            raise BundleRefused(
                where,
                Problem.BUNDLE_CANNOT_DECRYPT,
                "the contents cannot be decrypted: the bundle is damaged or was altered",
            ) from None
        try:
            payload = json.loads(plain)
        except ValueError:
            raise BundleRefused(
                where, Problem.BUNDLE_CONTENTS, "the decrypted contents are not JSON"
            ) from None
        if not isinstance(payload, dict) or not isinstance(payload.get("statements"), list):
            raise BundleRefused(
                where, Problem.BUNDLE_CONTENTS, "the contents hold no list of statements"
            )
        return payload


def open_sealed(data: bytes, where: str = "bundle") -> SealedBundle:
    """Split a statement bundle into its parts; refuse anything malformed or truncated."""
    if data[:2] == b"PK":
        raise BundleRefused(
            where,
            Problem.BUNDLE_RETURN_BUNDLE,
            "this is a return bundle from the server; open it in the app, not here",
        )
    if not data.startswith(MAGIC):
        raise BundleRefused(
            where, Problem.BUNDLE_NOT_BUNDLE, "not a Học Vụ Số sync bundle (.hvsync)"
        )
    try:
        (header_len,) = struct.unpack_from(">I", data, len(MAGIC))
        if header_len > _MAX_HEADER:
            raise ValueError
        start = len(MAGIC) + 4
        header_bytes = data[start : start + header_len]
        (cipher_len,) = struct.unpack_from(">Q", data, start + header_len)
        body_start = start + header_len + 8
        ciphertext = data[body_start : body_start + cipher_len]
        signature = data[body_start + cipher_len :]
        if len(header_bytes) != header_len or len(ciphertext) != cipher_len:
            raise ValueError
        if len(signature) != 64:
            raise ValueError
    except (struct.error, ValueError):
        raise BundleRefused(
            where, Problem.BUNDLE_TRUNCATED, "the file is truncated or damaged"
        ) from None
    try:
        header = json.loads(header_bytes)
    except ValueError:
        raise BundleRefused(where, Problem.BUNDLE_HEADER, "the header is not JSON") from None
    if not isinstance(header, dict):
        raise BundleRefused(where, Problem.BUNDLE_HEADER, "the header is not a JSON object")
    if header.get("format") != FORMAT:
        raise BundleRefused(
            where,
            Problem.BUNDLE_UNKNOWN_FORMAT,
            f"unknown bundle format {clipped(header.get('format'))}",
        )
    return SealedBundle(
        header, header_bytes, ciphertext, data[: body_start + cipher_len], signature
    )


# ------------------------------------------------------------------ return bundles


def write_return_bundle(
    out: Path,
    *,
    server_key: Ed25519PrivateKey,
    learner_id: str,
    profile_ids: list[str],
    trust: bytes | None,
    certificates: list[dict[str, Any]],
    statements: list[dict[str, Any]],
    packs: list[Path],
    assignments: list[dict[str, Any]],
    revocations: dict[str, Any] | None = None,
) -> None:
    """Write a return bundle. `assignments`: `{pack_id, version, due}` per pack assigned
    to the learner's unit (`due` an ISO date or None), as the online catalog lists them;
    `revocations`: the signed certificate revocation list."""
    files: dict[str, bytes | Path] = {
        "certificates.json": _canonical(certificates),
        "statements.json": _canonical(statements),
        ASSIGNMENTS_FILE: _canonical(assignments),
    }
    if revocations is not None:
        files[REVOCATIONS_FILE] = _canonical(revocations)
    if trust is not None:
        files["trust.json"] = trust
    for pack in packs:
        files[f"packs/{pack.name}"] = pack
    listing = {}
    for name, content in files.items():
        data = content.read_bytes() if isinstance(content, Path) else content
        listing[name] = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
    index = _canonical(
        {
            "format": FORMAT,
            "kind": "return",
            "version": RETURN_VERSION,
            "learner_id": learner_id,
            "profile_ids": sorted(profile_ids),
            "created": now_iso(),
            "server_key_id": content_keys.key_id(server_key.public_key()),
            "files": listing,
        }
    )
    signature = _canonical(
        {
            "key_id": content_keys.key_id(server_key.public_key()),
            "signature": content_keys.sign(server_key, index),
        }
    )
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.")
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(RETURN_INDEX, index)
            archive.writestr(RETURN_SIGNATURE, signature)
            for name, content in files.items():
                if isinstance(content, Path):
                    archive.write(content, name, compress_type=zipfile.ZIP_STORED)
                else:
                    archive.writestr(name, content)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass
class ReturnBundle:
    index: dict[str, Any]
    trust: bytes | None
    certificates: list[dict[str, Any]]
    statements: list[dict[str, Any]]
    packs: list[Path] = field(default_factory=list)
    # None for a version-1 bundle, which says nothing about assignments (an empty list
    # says that nothing is assigned).
    assignments: list[Assignment] | None = None
    # The server's verified revocation list; None in a bundle that carries none.
    revocations: RevocationList | None = None

    @property
    def version(self) -> int:
        return _return_version(self.index)

    @property
    def created(self) -> str:
        return str(self.index.get("created", ""))


@dataclass(frozen=True)
class Assignment:
    """A pack assigned to the learner's unit, as a return bundle carries it."""

    pack_id: str
    version: int
    due: date | None


def _return_version(index: dict[str, Any]) -> int:
    version = index.get("version", 1)
    return version if isinstance(version, int) and not isinstance(version, bool) else 0


def _assignments(data: bytes, where: str) -> list[Assignment]:
    try:
        rows = json.loads(data)
        if not isinstance(rows, list):
            raise TypeError
        return [
            Assignment(
                str(row["pack_id"]),
                int(row["version"]),
                date.fromisoformat(row["due"]) if row.get("due") else None,
            )
            for row in rows
        ]
    except (ValueError, KeyError, TypeError, AttributeError):
        raise BundleRefused(
            where, Problem.BUNDLE_DAMAGED, f"{ASSIGNMENTS_FILE} is not a list of assignments"
        ) from None


# A return bundle's own files are small; its packs are checked as packs when installed.
MAX_RETURN_META = 16 * 1024 * 1024
MAX_RETURN_FILE = 64 * 1024 * 1024
MAX_RETURN_PACK = 2 * 1024 * 1024 * 1024


def _check_sizes(archive: zipfile.ZipFile, where: str) -> None:
    """Refuse a bundle from its central directory alone, before any entry is read: too
    many entries, a name that could escape, an entry larger than its kind allows or
    inflating more than the pack rules allow (a zip bomb). zipfile never yields more
    than an entry's declared size, so checking the declared sizes bounds the reading."""
    from content.errors import PackRefused
    from content.verify import MAX_ENTRIES, MAX_RATIO, RATIO_FLOOR, check_path

    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise BundleRefused(
            where, Problem.BUNDLE_DAMAGED, f"{len(infos)} entries, at most {MAX_ENTRIES}"
        )
    for info in infos:
        try:
            check_path(info.filename)
        except PackRefused as exc:
            raise BundleRefused(where, Problem.BUNDLE_DAMAGED, str(exc)) from None
        limit = (
            MAX_RETURN_META
            if info.filename in (RETURN_INDEX, RETURN_SIGNATURE)
            else MAX_RETURN_PACK
            if info.filename.startswith("packs/")
            else MAX_RETURN_FILE
        )
        inflated = info.file_size >= RATIO_FLOOR and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        )
        if info.file_size > limit or inflated:
            raise BundleRefused(
                where,
                Problem.BUNDLE_DAMAGED,
                f"{clipped(info.filename)} unpacks to {info.file_size} bytes from "
                f"{info.compress_size}: more than a return bundle may hold",
            )


def _read_checked(
    archive: zipfile.ZipFile,
    where: str,
    server: PublicServerKeys,
    extract_to: Path,
    profile_id: str | None,
) -> tuple[dict[str, Any], int, dict[str, bytes], list[Path]]:
    """The checks of `read_return_bundle` on an open archive: index, signature, files."""
    from content.errors import PackRefused
    from content.verify import check_path

    _check_sizes(archive, where)
    names = archive.namelist()
    if RETURN_INDEX not in names or RETURN_SIGNATURE not in names:
        raise BundleRefused(
            where,
            Problem.BUNDLE_NOT_BUNDLE,
            "not a return bundle: bundle.json or bundle.sig missing",
        )
    index_bytes = archive.read(RETURN_INDEX)
    try:
        signature = json.loads(archive.read(RETURN_SIGNATURE))
        index = json.loads(index_bytes)
    except ValueError:
        raise BundleRefused(
            where, Problem.BUNDLE_DAMAGED, "bundle.json or bundle.sig is not JSON"
        ) from None
    if not isinstance(signature, dict) or not isinstance(index, dict):
        raise BundleRefused(
            where, Problem.BUNDLE_DAMAGED, "bundle.json or bundle.sig is not an object"
        )
    if signature.get("key_id") != server.signing_key_id:
        raise BundleRefused(
            where,
            Problem.BUNDLE_OTHER_SERVER,
            f"signed by key {clipped(signature.get('key_id'))}, not by this app's server "
            f"({server.signing_key_id}): it comes from another server",
        )
    if not content_keys.verify(
        server.signing_key, str(signature.get("signature", "")), index_bytes
    ):
        raise BundleRefused(
            where, Problem.BUNDLE_ALTERED, "the server's signature does not verify: it was altered"
        )
    if index.get("format") != FORMAT or index.get("kind") != "return":
        raise BundleRefused(
            where, Problem.BUNDLE_UNKNOWN_FORMAT, "not a return bundle of a format this app reads"
        )
    version = _return_version(index)
    if version < 1:
        raise BundleRefused(
            where, Problem.BUNDLE_DAMAGED, f"unknown return bundle version {version!r}"
        )
    if profile_id is not None and profile_id not in index.get("profile_ids", []):
        raise BundleRefused(
            where, Problem.BUNDLE_OTHER_LEARNER, "this bundle is for another learner's profile"
        )
    listed = index.get("files", {})
    if version >= 2 and ASSIGNMENTS_FILE not in listed:
        raise BundleRefused(where, Problem.BUNDLE_DAMAGED, f"{ASSIGNMENTS_FILE} is missing")
    for name in names:
        if name not in (RETURN_INDEX, RETURN_SIGNATURE) and name not in listed:
            raise BundleRefused(
                where, Problem.BUNDLE_ALTERED, f"{name} is not listed in bundle.json"
            )
    contents: dict[str, bytes] = {}
    packs: list[Path] = []
    for name, entry in listed.items():
        try:
            check_path(name)
        except PackRefused as exc:
            raise BundleRefused(where, Problem.BUNDLE_DAMAGED, str(exc)) from None
        if name not in names:
            raise BundleRefused(where, Problem.BUNDLE_ALTERED, f"{name} is listed but missing")
        if not isinstance(entry, dict) or archive.getinfo(name).file_size != entry.get("size"):
            raise BundleRefused(
                where, Problem.BUNDLE_ALTERED, f"{name} differs from bundle.json: it was altered"
            )
        if name.startswith("packs/"):
            target = extract_to / Path(name).name
            target.parent.mkdir(parents=True, exist_ok=True)
            # Streamed: a pack may be larger than the memory we want to spend on it.
            digest = hashlib.sha256()
            with archive.open(name) as source, open(target, "wb") as out:
                while chunk := source.read(1 << 20):
                    digest.update(chunk)
                    out.write(chunk)
            data_hash = digest.hexdigest()
            packs.append(target)
        else:
            data = archive.read(name)
            data_hash = hashlib.sha256(data).hexdigest()
            contents[name] = data
        if data_hash != entry.get("sha256"):
            raise BundleRefused(
                where, Problem.BUNDLE_ALTERED, f"{name} differs from bundle.json: it was altered"
            )
    return index, version, contents, packs


def read_return_bundle(
    path: Path, server: PublicServerKeys, extract_to: Path, profile_id: str | None = None
) -> ReturnBundle:
    """Check a return bundle's signature and every file's hash; packs are written to
    `extract_to`. Refuses a bundle for another learner when `profile_id` is given."""
    where = path.name
    try:
        with open(path, "rb") as head:
            if head.read(len(MAGIC)) == MAGIC:
                raise BundleRefused(
                    where,
                    Problem.BUNDLE_STATEMENTS_BUNDLE,
                    "this is a file of results for the ministry, not a return bundle from it",
                )
        archive = zipfile.ZipFile(path)
    except OSError as exc:
        raise BundleRefused(
            where, Problem.BUNDLE_UNREADABLE, f"cannot be read ({exc.strerror})"
        ) from None
    except zipfile.BadZipFile as exc:
        raise BundleRefused(
            where, Problem.BUNDLE_NOT_BUNDLE, f"not a return bundle from the server ({exc})"
        ) from None
    with archive:
        try:
            index, version, contents, packs = _read_checked(
                archive, where, server, extract_to, profile_id
            )
        except (zipfile.BadZipFile, zlib.error, EOFError, RecursionError) as exc:
            raise BundleRefused(
                where, Problem.BUNDLE_DAMAGED, f"the archive is damaged ({type(exc).__name__})"
            ) from None
    try:
        certificates = json.loads(contents.get("certificates.json", b"[]"))
        statements = json.loads(contents.get("statements.json", b"[]"))
    except ValueError:
        raise BundleRefused(
            where, Problem.BUNDLE_DAMAGED, "certificates.json or statements.json is not JSON"
        ) from None
    assignments = None
    if version >= 2:
        assignments = _assignments(contents[ASSIGNMENTS_FILE], where)
    revocations = None
    if REVOCATIONS_FILE in contents:
        try:
            revocations = verify_revocation_list(contents[REVOCATIONS_FILE], server.signing_key)
        except RevocationListInvalid as exc:
            raise BundleRefused(
                where, Problem.BUNDLE_ALTERED, f"{REVOCATIONS_FILE}: {exc}"
            ) from None
    return ReturnBundle(
        index, contents.get("trust.json"), certificates, statements, packs, assignments, revocations
    )


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise BundleRefused(
            path.name, Problem.BUNDLE_UNREADABLE, f"cannot be read ({exc.strerror})"
        ) from None
