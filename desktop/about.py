"""What Settings' About box says: versions, packs, the data folder and the trust list's
age. Reads the pack library (disk), so it runs off the UI thread."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import qVersion

from desktop.workspace import Workspace
from hocvu import APP_VERSION, PACK_FORMAT


def about_facts(workspace: Workspace, now: datetime | None = None) -> dict[str, Any]:
    from desktop.store.migrations import CURRENT_VERSION
    from hocvu.paths import root_key_files

    listed = workspace.library.trust()
    now = now or datetime.now(UTC)
    facts: dict[str, Any] = {
        "app": APP_VERSION,
        "format": PACK_FORMAT,
        "schema": CURRENT_VERSION,
        "qt": qVersion(),
        "packs": len(workspace.library.installed()),
        "data_dir": str(workspace.folder),
        "development_root": any("DEVELOPMENT" in p.name for p in root_key_files()),
    }
    if listed is not None:
        facts.update(
            trust_version=listed.version,
            trust_issued=listed.issued.date().isoformat(),
            trust_age_days=(now - listed.issued).days,
            trust_expires=listed.expires.date().isoformat(),
        )
    return facts
