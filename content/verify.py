"""Opening a `.hvpack` and deciding whether to trust it (DESIGN section 3).

Checks run cheapest first, and nothing is written anywhere until all of them have
passed for the entry at hand: the ZIP's directory (names, links, counts, sizes,
ratios), then the trust list, the signer and the manifest signature, then every
entry's size and SHA-256 while it is read (and, for an install, written to a
staging folder the caller throws away on refusal).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import struct
import threading
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from content import keys, trust
from content.build import MANIFEST, SIGNATURE, TRUST
from content.errors import PackRefused, Rule
from content.lesson import LessonError, split_front_matter
from content.media import MediaError, check_media
from content.quiz import Quiz, QuizError
from hocvu import APP_VERSION, PACK_FORMAT

MAX_ENTRIES = 10_000
MAX_ENTRY_SIZE = 200 * 1024 * 1024
MAX_RATIO = 100
# Small text entries can compress very well without being bombs; the ratio rule bites
# from this size on, which still stops any entry that would expand to something large.
RATIO_FLOOR = 1024 * 1024
MAX_META_SIZE = 16 * 1024 * 1024
FRONT_MATTER_LIMIT = 16 * 1024
_PARALLEL_FROM = 256 * 1024
_CHUNK = 1 << 20
_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTENT_DIRS = ("lessons/", "quizzes/", "media/")


@dataclass
class VerifiedPack:
    path: Path
    manifest: dict[str, Any]
    manifest_bytes: bytes
    trust: trust.TrustList
    signer: trust.TrainerKey
    warnings: list[str] = field(default_factory=list)

    @property
    def pack_id(self) -> str:
        return self.manifest["id"]

    @property
    def version(self) -> int:
        return self.manifest["version"]


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def check_entry_names(infos: list[zipfile.ZipInfo], where: str) -> None:
    if len(infos) > MAX_ENTRIES:
        raise PackRefused(
            where, Rule.TOO_MANY_ENTRIES, f"{len(infos)} entries, at most {MAX_ENTRIES}"
        )
    seen: set[str] = set()
    folded: dict[str, str] = {}
    for info in infos:
        name = info.filename
        check_path(name)
        mode = info.external_attr >> 16
        if info.create_system == 3 and stat.S_ISLNK(mode):
            raise PackRefused(name, Rule.SYMLINK, "packs hold plain files only")
        if name in seen:
            raise PackRefused(name, Rule.DUPLICATE_NAME)
        seen.add(name)
        key = unicodedata.normalize("NFC", name).casefold()
        if key in folded:
            raise PackRefused(name, Rule.CASE_COLLISION, f"collides with {folded[key]!r}")
        folded[key] = name
        if info.file_size > MAX_ENTRY_SIZE:
            raise PackRefused(
                name, Rule.ENTRY_TOO_LARGE, f"{info.file_size} bytes, at most {MAX_ENTRY_SIZE}"
            )
        if info.file_size >= RATIO_FLOOR and info.file_size > MAX_RATIO * max(
            info.compress_size, 1
        ):
            raise PackRefused(
                name,
                Rule.COMPRESSION_RATIO,
                f"{info.file_size} bytes from {info.compress_size}, more than {MAX_RATIO}:1",
            )


def check_path(name: str) -> None:
    """Refuse any entry name that could land outside the folder it is extracted to."""
    if (
        not name
        or "\\" in name
        or "\x00" in name
        or name.startswith("/")
        or _DRIVE.match(name)
        or any(part in ("", ".", "..") for part in name.split("/"))
    ):
        raise PackRefused(name or "(empty name)", Rule.PATH_TRAVERSAL)


def _read_small(archive: zipfile.ZipFile, infos: Mapping[str, zipfile.ZipInfo], name: str) -> bytes:
    info = infos.get(name)
    if info is None:
        raise PackRefused(
            name, Rule.MISSING_FILE, "every pack has manifest.json, signature.json and trust.json"
        )
    if info.file_size > MAX_META_SIZE:
        raise PackRefused(name, Rule.ENTRY_TOO_LARGE, f"{info.file_size} bytes")
    return _read_entry(archive, info, info.file_size, None, None)[0]


def _read_entry(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    expected_size: int,
    expected_sha: str | None,
    sink: IO[bytes] | None,
    keep_all: bool = True,
) -> tuple[bytes, str]:
    """Stream one entry, never reading past the size it claims; return its bytes (or only
    the first 4 KiB when `keep_all` is false) and check the SHA-256."""
    digest = hashlib.sha256()
    kept = bytearray()
    total = 0
    try:
        with _open_entry(archive, info) as stream:
            while chunk := stream.read(_CHUNK):
                total += len(chunk)
                if total > expected_size:
                    raise PackRefused(
                        info.filename,
                        Rule.SIZE_MISMATCH,
                        f"more than the {expected_size} bytes listed",
                    )
                digest.update(chunk)
                if sink is not None:
                    sink.write(chunk)
                if keep_all:
                    kept += chunk
                elif len(kept) < 4096:
                    kept += chunk[: 4096 - len(kept)]
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError) as exc:
        raise PackRefused(info.filename, Rule.NOT_A_ZIP, f"entry cannot be read ({exc})") from None
    if total != expected_size:
        raise PackRefused(
            info.filename, Rule.SIZE_MISMATCH, f"{total} bytes, listed {expected_size}"
        )
    sha = digest.hexdigest()
    if expected_sha is not None and sha != expected_sha:
        raise PackRefused(info.filename, Rule.HASH_MISMATCH, "the file was changed after signing")
    return bytes(kept), sha


class _StoredEntry:
    """The bytes of a stored (uncompressed) entry read straight from the file.

    zipfile would also compute a CRC-32 of every byte; the SHA-256 in the signed
    manifest already proves integrity, so reading raw saves a third of the time on
    media-heavy packs.
    """

    def __init__(self, path: str, info: zipfile.ZipInfo) -> None:
        self.file = open(path, "rb")  # noqa: SIM115 - closed in __exit__
        self.file.seek(info.header_offset)
        header = self.file.read(30)
        if len(header) != 30 or header[:4] != b"PK\x03\x04":
            self.file.close()
            raise zipfile.BadZipFile("bad local file header")
        name_len, extra_len = struct.unpack("<HH", header[26:30])
        self.file.seek(info.header_offset + 30 + name_len + extra_len)
        self.left = info.compress_size

    def read(self, size: int) -> bytes:
        chunk = self.file.read(min(size, self.left))
        self.left -= len(chunk)
        if not chunk and self.left:
            raise EOFError("the pack is truncated")
        return chunk

    def __enter__(self) -> _StoredEntry:
        return self

    def __exit__(self, *exc: object) -> None:
        self.file.close()


def _open_entry(archive: zipfile.ZipFile, info: zipfile.ZipInfo):
    if info.compress_type == zipfile.ZIP_STORED and isinstance(archive.filename, str):
        return _StoredEntry(archive.filename, info)
    return archive.open(info)


def _json(data: bytes, name: str) -> Any:
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise PackRefused(name, Rule.MALFORMED, f"not valid JSON ({exc})") from None


def _check_manifest(manifest: Any) -> None:
    if not isinstance(manifest, dict):
        raise PackRefused(MANIFEST, Rule.MALFORMED, "expected a JSON object")
    if manifest.get("format") != PACK_FORMAT:
        raise PackRefused(
            MANIFEST,
            Rule.UNKNOWN_FORMAT,
            f"format {manifest.get('format')!r}; this app reads format {PACK_FORMAT}; "
            "update the app to open this pack",
        )
    required = {
        "id": str,
        "version": int,
        "files": dict,
        "created": str,
        "title": dict,
        "languages": list,
        "modules": list,
    }
    for key, kind in required.items():
        if not isinstance(manifest.get(key), kind) or isinstance(manifest.get(key), bool):
            raise PackRefused(
                MANIFEST, Rule.MALFORMED, f"field {key!r} is missing or not a {kind.__name__}"
            )
    for path, entry in manifest["files"].items():
        check_path(path)
        if not path.startswith(_CONTENT_DIRS):
            raise PackRefused(
                path, Rule.MALFORMED, "listed files live in lessons/, quizzes/ or media/"
            )
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("size"), int)
            and isinstance(entry.get("sha256"), str)
            and re.fullmatch(r"[0-9a-f]{64}", entry["sha256"])
        ):
            raise PackRefused(MANIFEST, Rule.MALFORMED, f"files[{path!r}] needs size and sha256")


def _check_content(name: str, data: bytes, whole: bool) -> None:
    """Parse what the app will parse later, so a malformed file is refused at the door.
    `data` is the whole entry when `whole`, else its first bytes (enough for PNG/JPEG)."""
    if name.startswith("media/"):
        try:
            check_media(name, data)
        except MediaError as exc:
            raise PackRefused(name, Rule.UNSAFE_MEDIA, str(exc)) from None
        return
    assert whole
    if name.startswith("quizzes/"):
        if not name.endswith(".json"):
            raise PackRefused(name, Rule.MALFORMED, "quizzes are compiled to JSON")
        try:
            Quiz.from_json(_json(data, name))
        except (KeyError, TypeError, ValueError, QuizError) as exc:
            raise PackRefused(name, Rule.MALFORMED, f"not a compiled quiz ({exc})") from None
    elif name.startswith("lessons/"):
        # Only the front matter is parsed here (the body is rendered later and tolerates
        # anything); decoding whole lessons would double the time of a verify.
        try:
            split_front_matter(data[:FRONT_MATTER_LIMIT].decode("utf-8", "ignore"))
        except LessonError as exc:
            raise PackRefused(name, Rule.MALFORMED, str(exc)) from None


def _needs_whole(name: str) -> bool:
    return not name.lower().endswith((".png", ".jpg", ".jpeg"))


class PackReader:
    """One open pack: structure, trust and signature checked on construction."""

    def __init__(
        self,
        path: Path,
        roots: Mapping[str, Ed25519PublicKey],
        known_trust: trust.TrustList | None = None,
        now: datetime | None = None,
    ) -> None:
        self.path = path
        where = path.name
        try:
            self.archive = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise PackRefused(where, Rule.NOT_A_ZIP, str(exc)) from None
        try:
            self._open(roots, known_trust, now or datetime.now(UTC), where)
        except BaseException:
            self.archive.close()
            raise

    def _open(self, roots, known_trust, now: datetime, where: str) -> None:
        infos = self.archive.infolist()
        check_entry_names(infos, where)
        self.infos = {info.filename: info for info in infos}
        manifest_bytes = _read_small(self.archive, self.infos, MANIFEST)
        signature = _json(_read_small(self.archive, self.infos, SIGNATURE), SIGNATURE)
        pack_trust = trust.parse(_read_small(self.archive, self.infos, TRUST), roots, TRUST)
        manifest = _json(manifest_bytes, MANIFEST)
        _check_manifest(manifest)
        warnings: list[str] = []
        effective = trust.newest([pack_trust, known_trust])
        assert effective is not None
        state = effective.expiry_state(now)
        if state == "expired":
            raise PackRefused(
                TRUST,
                Rule.TRUST_LIST_EXPIRED,
                f"version {effective.version} expired {trust.format_time(effective.expires)}; "
                "get a newer trust list (sync, or a pack from the ministry)",
            )
        if state == "grace":
            warnings.append(
                f"the trust list (version {effective.version}) expired on "
                f"{trust.format_time(effective.expires)}; this content is signed under it and "
                f"was created {manifest['created'][:10]}"
            )
        try:
            created = trust.parse_time(manifest["created"])
        except ValueError:
            raise PackRefused(MANIFEST, Rule.MALFORMED, "created is not a date-time") from None
        if not isinstance(signature, dict) or not isinstance(signature.get("key_id"), str):
            raise PackRefused(SIGNATURE, Rule.MALFORMED, "expected {key_id, signature}")
        signer = effective.signer(signature["key_id"], manifest["id"], created, SIGNATURE)
        if not keys.verify(signer.public_key, str(signature.get("signature", "")), manifest_bytes):
            raise PackRefused(
                MANIFEST, Rule.BAD_SIGNATURE, f"signed key {signer.key_id} ({signer.name})"
            )
        if _version_tuple(str(manifest.get("min_app_version", "0"))) > _version_tuple(APP_VERSION):
            raise PackRefused(
                MANIFEST,
                Rule.APP_TOO_OLD,
                f"needs {manifest['min_app_version']}, this is {APP_VERSION}",
            )
        listed = manifest["files"]
        for name in self.infos:
            if name not in listed and name not in (MANIFEST, SIGNATURE, TRUST):
                raise PackRefused(name, Rule.UNLISTED_FILE)
        for name, entry in listed.items():
            if name not in self.infos:
                raise PackRefused(name, Rule.MISSING_FILE)
            if self.infos[name].file_size != entry["size"]:
                raise PackRefused(
                    name,
                    Rule.SIZE_MISMATCH,
                    f"{self.infos[name].file_size} bytes in the ZIP, {entry['size']} listed",
                )
        self.verified = VerifiedPack(
            self.path, manifest, manifest_bytes, effective, signer, warnings
        )

    def check_files(
        self,
        extract_to: Path | None = None,
        progress: Callable[[int, int], None] | None = None,
    ) -> None:
        """Read every listed entry, checking size, hash and content; optionally write
        each one under `extract_to` (the caller removes it if this raises).

        Entries are hashed on a small thread pool: hashlib and file reads release the
        GIL, so a two-core laptop verifies media-heavy packs nearly twice as fast."""
        listed = self.verified.manifest["files"]
        total = sum(entry["size"] for entry in listed.values())
        done = 0
        lock = threading.Lock()

        def check(name: str) -> None:
            nonlocal done
            entry = listed[name]
            whole = _needs_whole(name)
            target = None
            if extract_to is not None:
                target = extract_to / name
                target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "wb") if target else nullcontext() as sink:
                data, _ = _read_entry(
                    self.archive, self.infos[name], entry["size"], entry["sha256"], sink, whole
                )
            _check_content(name, data, whole)
            if progress:
                with lock:
                    done += entry["size"]
                    progress(done, total)

        # Large entries (media) are hashed on worker threads, which run free of the GIL
        # inside hashlib; meanwhile this thread parses the many small text entries.
        large = [n for n in listed if listed[n]["size"] >= _PARALLEL_FROM]
        with ThreadPoolExecutor(max_workers=max(1, min(3, (os.cpu_count() or 2) - 1))) as pool:
            futures = [pool.submit(check, name) for name in large]
            try:
                for name in sorted(set(listed) - set(large)):
                    check(name)
            except BaseException:
                for future in futures:
                    future.cancel()
                raise
            for future in futures:
                future.result()
        if extract_to is not None:
            for name in (MANIFEST, SIGNATURE, TRUST):
                (extract_to / name).write_bytes(self.archive.read(self.infos[name]))

    def close(self) -> None:
        self.archive.close()

    def __enter__(self) -> PackReader:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def verify_pack(
    path: Path,
    roots: Mapping[str, Ed25519PublicKey],
    known_trust: trust.TrustList | None = None,
    now: datetime | None = None,
) -> VerifiedPack:
    """Everything the app checks before it installs a pack; raises PackRefused."""
    with PackReader(path, roots, known_trust, now) as reader:
        reader.check_files()
        return reader.verified
