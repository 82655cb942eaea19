"""Where the app keeps its files on this computer."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def data_dir() -> Path:
    """HOCVU_DATA_DIR if set (tests, portable installs), else the platform's user data folder."""
    override = os.environ.get("HOCVU_DATA_DIR")
    if override:
        return Path(override)
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home())) / "HocVuSo"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "HocVuSo"
    return Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share")) / "hocvu"
