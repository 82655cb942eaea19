"""`hocvu --version` names the app, pack format and store schema, and stays fast."""

from __future__ import annotations

import subprocess
import sys

from desktop.store.migrations import CURRENT_VERSION
from hocvu import APP_VERSION, PACK_FORMAT

PROBE = """
import sys
from hocvu.cli import main
main(["--version"])
heavy = ("sqlalchemy", "cryptography", "desktop.store")
print("loaded:", " ".join(m for m in heavy if m in sys.modules))
"""


def test_version_names_app_pack_format_and_store_schema_without_loading_the_store():
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    version, loaded = result.stdout.splitlines()
    assert version == (
        f"hocvu {APP_VERSION} (pack format {PACK_FORMAT}, store schema {CURRENT_VERSION})"
    )
    assert loaded.split() == ["loaded:"]
