"""The library of installed packs on one computer, and atomic installation.

Layout:

    <library>/trust.json                   the highest trust list seen (never goes back)
    <library>/packs/<id>/current           name of the installed version's folder
    <library>/packs/<id>/v<version>-<tag>/ manifest.json, signature.json, trust.json, files
    <library>/.staging-*/                  an install in progress

An install verifies the pack, extracts it into a staging folder while hashing,
moves the folder next to the current one, then replaces the `current` pointer in
one `os.replace`. Until that rename the previous version is what the app sees; a
crash at any point leaves either the old or the new version, never a mix, and the
leftovers are cleared the next time the library is opened.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from content import trust
from content.errors import PackRefused, Rule
from content.files import fsync_dir, write_atomic
from content.quiz import Quiz
from content.render import RenderedLesson, render_lesson
from content.verify import PackReader, VerifiedPack

POINTER = "current"


@dataclass(frozen=True)
class InstalledPack:
    path: Path
    manifest: Mapping[str, Any]

    @property
    def pack_id(self) -> str:
        return self.manifest["id"]

    @property
    def version(self) -> int:
        return self.manifest["version"]

    @cached_property
    def media(self) -> frozenset[str]:
        return frozenset(p for p in self.manifest["files"] if p.startswith("media/"))

    def lesson_languages(self, slug: str) -> list[str]:
        return [
            lang
            for lang in self.manifest["languages"]
            if f"lessons/{slug}.{lang}.md" in self.manifest["files"]
        ]

    def lesson_text(self, slug: str, lang: str) -> str:
        """The lesson's Markdown in `lang`, or in the first language it exists in."""
        langs = self.lesson_languages(slug)
        if not langs:
            raise KeyError(f"lesson {slug!r} is not in pack {self.pack_id}")
        chosen = lang if lang in langs else langs[0]
        data = (self.path / "lessons" / f"{slug}.{chosen}.md").read_bytes()
        return data.decode("utf-8", "replace")

    def lesson(self, slug: str, lang: str) -> RenderedLesson:
        return render_lesson(self.lesson_text(slug, lang), self.media)

    def quiz(self, slug: str) -> Quiz:
        data = json.loads((self.path / "quizzes" / f"{slug}.json").read_text(encoding="utf-8"))
        return Quiz.from_json(data)


class Library:
    def __init__(
        self,
        root: Path,
        roots: Mapping[str, Ed25519PublicKey],
        shipped_trust: Iterable[bytes] = (),
    ) -> None:
        self.root = root
        self.roots = roots
        self._shipped = [trust.parse(data, roots, "shipped trust.json") for data in shipped_trust]
        if root.is_dir():
            self._clear_leftovers()

    # --- trust ------------------------------------------------------------------------

    def trust(self) -> trust.TrustList | None:
        """The newest trust list this computer has: the library's own or a shipped one."""
        stored = None
        path = self.root / trust.TRUST_FILE
        if path.exists():
            try:
                stored = trust.parse(path.read_bytes(), self.roots, str(path))
            except PackRefused:
                stored = None  # a damaged copy: the shipped list and the next pack restore it
        return trust.newest([stored, *self._shipped])

    def adopt_trust(self, data: bytes) -> trust.TrustList:
        """Keep a trust list (from a pack, sync or USB) if it is newer than ours."""
        offered = trust.parse(data, self.roots)
        current = self.trust()
        if current is None or offered.version > current.version:
            self.root.mkdir(parents=True, exist_ok=True)
            write_atomic(self.root / trust.TRUST_FILE, offered.to_bytes())
            return offered
        return current

    # --- reading ----------------------------------------------------------------------

    def _pack_dir(self, pack_id: str) -> Path:
        return self.root / "packs" / pack_id

    def get(self, pack_id: str) -> InstalledPack | None:
        folder = self._pack_dir(pack_id)
        try:
            name = (folder / POINTER).read_text(encoding="utf-8").strip()
            manifest = json.loads((folder / name / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return InstalledPack(folder / name, manifest)

    def installed(self) -> list[InstalledPack]:
        packs_dir = self.root / "packs"
        if not packs_dir.is_dir():
            return []
        found = (self.get(p.name) for p in sorted(packs_dir.iterdir()) if p.is_dir())
        return [p for p in found if p is not None]

    # --- installing -------------------------------------------------------------------

    def verify(self, pack_path: Path, now: datetime | None = None) -> VerifiedPack:
        with PackReader(pack_path, self.roots, self.trust(), now) as reader:
            reader.check_files()
            return reader.verified

    def install(
        self,
        pack_path: Path,
        *,
        force: bool = False,
        progress: Callable[[int, int], None] | None = None,
        now: datetime | None = None,
    ) -> InstalledPack:
        """Verify and install a pack; on any refusal the library is exactly as before."""
        with PackReader(pack_path, self.roots, self.trust(), now) as reader:
            verified = reader.verified
            previous = self.get(verified.pack_id)
            if previous is not None and verified.version <= previous.version and not force:
                raise PackRefused(
                    pack_path.name,
                    Rule.VERSION_NOT_NEWER,
                    f"{verified.pack_id} version {verified.version} offered, "
                    f"version {previous.version} installed",
                )
            existed = self.root.is_dir()
            self.root.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=self.root))
            try:
                reader.check_files(staging, progress)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                if not existed:
                    shutil.rmtree(self.root, ignore_errors=True)
                raise
        return self._commit(staging, verified, previous)

    def _commit(
        self, staging: Path, verified: VerifiedPack, previous: InstalledPack | None
    ) -> InstalledPack:
        folder = self._pack_dir(verified.pack_id)
        folder.mkdir(parents=True, exist_ok=True)
        name = f"v{verified.version}-{secrets.token_hex(4)}"
        os.replace(staging, folder / name)
        fsync_dir(folder)
        write_atomic(folder / POINTER, (name + "\n").encode())
        if previous is not None:
            shutil.rmtree(previous.path, ignore_errors=True)
        self.adopt_trust(verified.trust.to_bytes())
        return InstalledPack(folder / name, verified.manifest)

    def _clear_leftovers(self) -> None:
        """Remove staging folders and versions no pointer names (an install cut short)."""
        for leftover in self.root.glob(".staging-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        packs_dir = self.root / "packs"
        if not packs_dir.is_dir():
            return
        for folder in packs_dir.iterdir():
            try:
                current = (folder / POINTER).read_text(encoding="utf-8").strip()
            except OSError:
                current = None
            for version_dir in folder.glob("v*"):
                if version_dir.is_dir() and version_dir.name != current:
                    shutil.rmtree(version_dir, ignore_errors=True)
            if current is None and not any(folder.iterdir()):
                folder.rmdir()
