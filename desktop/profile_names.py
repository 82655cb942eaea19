"""The profile names for the unlock screen, read without loading the store.

Opening `desktop.store` loads SQLAlchemy and the crypto stack, about half a second
on a laptop; the unlock screen only needs the (plain) display names. This reads them
straight from the store's `profiles` table, read-only. Anything unexpected (no file,
a locked or older schema) returns None and the app asks the store itself.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path


def read_profile_names(path: Path) -> list[tuple[str, str]] | None:
    if not path.exists():
        return []
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=0.2)
        try:
            rows = db.execute("SELECT id, display_name FROM profiles").fetchall()
        finally:
            db.close()
    except sqlite3.Error:
        return None
    return sorted(((str(i), str(n)) for i, n in rows), key=lambda r: (r[1].casefold(), r[0]))
