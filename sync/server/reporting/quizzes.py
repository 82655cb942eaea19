"""Item types, read from the quizzes inside the pack files the server stores.

Item analysis needs to know which items take typed answers (short answer, numeric):
a wrong answer a learner typed may be a name or another personal detail, where an
option id never is. The types are only in the pack's `quizzes/<slug>.json`, so they
are read from the files in the data folder (verified when uploaded, never changed
after) and kept in memory per file.
"""

from __future__ import annotations

import json
import logging
import threading
import zipfile
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from content.quiz import TYPED_ITEM_TYPES
from sync.server.models import Pack

log = logging.getLogger("hocvu.server.reports")

_cache: dict[tuple[str, str], dict[str, str]] = {}
_lock = threading.Lock()


def _read(path: Path) -> dict[str, str]:
    """local item id ("<quiz slug>/<item id>") → item type, for one pack file."""
    types: dict[str, str] = {}
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not (name.startswith("quizzes/") and name.endswith(".json")):
                continue
            quiz = json.loads(archive.read(name))
            slug = quiz.get("slug") or name.removeprefix("quizzes/").removesuffix(".json")
            for item in quiz.get("items") or []:
                if isinstance(item, dict) and "id" in item:
                    types[f"{slug}/{item['id']}"] = str(item.get("type"))
    return types


def _types_of(path: Path, sha256: str) -> dict[str, str] | None:
    key = (str(path), sha256)
    with _lock:
        if key in _cache:
            return _cache[key]
    try:
        types = _read(path)
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        # Not cached: the file may be restored; meanwhile its items count as typed.
        log.warning("cannot read the quizzes of %s: %s", path, exc)
        return None
    with _lock:
        _cache[key] = types
    return types


class ItemTypes:
    """Item types of every pack version on the server; `None` when unknown (no data
    folder given, a pack the server never received, an unreadable file)."""

    def __init__(self, by_version: dict[tuple[str, int], dict[str, str]]) -> None:
        self._by_version = by_version
        self._newest_first: dict[str, list[dict[str, str]]] = {}
        for (pack_id, _), types in sorted(by_version.items(), reverse=True):
            self._newest_first.setdefault(pack_id, []).append(types)

    @classmethod
    def load(cls, session: Session, data_dir: Path | None) -> ItemTypes:
        if data_dir is None:
            return cls({})
        found: dict[tuple[str, int], dict[str, str]] = {}
        rows = session.execute(select(Pack.pack_id, Pack.version, Pack.file, Pack.sha256))
        for pack_id, version, file, sha256 in rows:
            types = _types_of(data_dir / file, sha256)
            if types is not None:
                found[(pack_id, version)] = types
        return cls(found)

    def of(self, pack_id: str, version: int | None, item_id: str) -> str | None:
        """The item's type in that version, else in the newest version that has it."""
        exact = self._by_version.get((pack_id, version)) if version is not None else None
        if exact is not None and item_id in exact:
            return exact[item_id]
        for types in self._newest_first.get(pack_id, []):
            if item_id in types:
                return types[item_id]
        return None

    def free_text(self, pack_id: str, version: int | None, item_id: str) -> bool:
        """Whether the answers may be typed text; an item of unknown type counts as
        typed (its answers are then shown only once enough learners gave them)."""
        kind = self.of(pack_id, version, item_id)
        return kind is None or kind in TYPED_ITEM_TYPES
