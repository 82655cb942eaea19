"""Real packs for the content tests: built from the scaffold with the development keys."""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from content import keys, trust
from content.build import json_bytes, write_pack
from content.library import Library
from content.sources import read_sources
from hocvu.paths import development_dir, root_key_files

SCAFFOLD = Path(__file__).resolve().parents[2] / "content" / "scaffold"
CREATED = datetime(2026, 11, 1, tzinfo=UTC)


@dataclass
class DevKeys:
    root: keys.Ed25519PrivateKey
    trainer: keys.Ed25519PrivateKey
    trust_bytes: bytes
    roots: dict

    def trust_with(self, mutate: Callable[[dict], None], version: int | None = None) -> bytes:
        """A trust list signed by the development root, changed by `mutate`; one version
        above the development list unless told."""
        body = json.loads(self.trust_bytes)["trust"]
        body["version"] = body["version"] + 1 if version is None else version
        mutate(body)
        return trust.sign_body(body, self.root)


@pytest.fixture(scope="session")
def dev() -> DevKeys:
    folder = development_dir()
    return DevKeys(
        root=keys.load_private(folder / "DEVELOPMENT-ONLY-root.key", "development-only"),
        trainer=keys.load_private(folder / "DEVELOPMENT-ONLY-trainer.key", None),
        trust_bytes=(folder / "trust.json").read_bytes(),
        roots=trust.load_roots(root_key_files()),
    )


@pytest.fixture
def source(tmp_path: Path) -> Path:
    folder = tmp_path / "src"
    shutil.copytree(SCAFFOLD, folder)
    return folder


def make_pack(
    dev: DevKeys,
    out: Path,
    *,
    folder: Path = SCAFFOLD,
    version: int | None = None,
    manifest: Callable[[dict], None] | None = None,
    entries: Callable[[dict], None] | None = None,
    key: keys.Ed25519PrivateKey | None = None,
    trust_bytes: bytes | None = None,
    created: datetime = CREATED,
) -> Path:
    """Build a signed pack from sources, optionally changed before signing."""
    src = read_sources(folder)
    if version is not None:
        src.manifest["version"] = version
    if manifest:
        manifest(src.manifest)
    if entries:
        entries(src.entries)
    write_pack(
        out, src.manifest, src.entries, key or dev.trainer, trust_bytes or dev.trust_bytes, created
    )
    return out


def rewrite_zip(
    src: Path,
    dst: Path,
    change: Callable[[list[tuple[zipfile.ZipInfo, bytes]]], list[tuple[zipfile.ZipInfo, bytes]]],
) -> Path:
    """Copy a pack entry by entry, letting `change` tamper with the list after signing."""
    with zipfile.ZipFile(src) as archive:
        items = [(info, archive.read(info)) for info in archive.infolist()]
    items = change(items)
    with zipfile.ZipFile(dst, "w") as out:
        for info, data in items:
            out.writestr(info, data)
    return dst


def resign(dev: DevKeys, src: Path, dst: Path, change: Callable[[dict, dict], None]) -> Path:
    """Change manifest and entries of a built pack, then sign it again with the dev trainer."""
    with zipfile.ZipFile(src) as archive:
        entries = {n: archive.read(n) for n in archive.namelist()}
    manifest = json.loads(entries.pop("manifest.json"))
    entries.pop("signature.json")
    trust_bytes = entries.pop("trust.json")
    change(manifest, entries)
    manifest["files"] = {
        p: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)} for p, d in entries.items()
    }
    manifest_bytes = json_bytes(manifest)
    signature = {
        "algorithm": "ed25519",
        "key_id": keys.key_id(dev.trainer.public_key()),
        "signature": keys.sign(dev.trainer, manifest_bytes),
    }
    with zipfile.ZipFile(dst, "w") as out:
        out.writestr("manifest.json", manifest_bytes)
        out.writestr("signature.json", json_bytes(signature))
        out.writestr("trust.json", trust_bytes)
        for name, data in entries.items():
            out.writestr(name, data)
    return dst


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every path under `folder` with its bytes (None for folders)."""
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes() if p.is_file() else None)
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def library(tmp_path: Path, dev: DevKeys) -> Library:
    """A library that already holds version 1 of the demo pack."""
    lib = Library(tmp_path / "library", dev.roots, [dev.trust_bytes])
    lib.install(make_pack(dev, tmp_path / "v1.hvpack", version=1), now=CREATED + timedelta(days=1))
    return lib
