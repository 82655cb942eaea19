"""Where the app's bundled resources live (source tree, installed copy or frozen build)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    override = os.environ.get("HOCVU_RESOURCES")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def trust_dir() -> Path:
    return resources_dir() / "trust"


def development_dir() -> Path:
    """The development trust root: present in the source tree, absent from production builds."""
    return trust_dir() / "development"


def root_key_files() -> list[Path]:
    """Pinned root public keys: production roots, then the development root if present."""
    files = sorted((trust_dir() / "roots").glob("*.pub.json"))
    dev = development_dir() / "DEVELOPMENT-ONLY-root.pub.json"
    return files + ([dev] if dev.exists() else [])


def shipped_trust_files() -> list[Path]:
    return [p for p in (trust_dir() / "trust.json", development_dir() / "trust.json") if p.exists()]
