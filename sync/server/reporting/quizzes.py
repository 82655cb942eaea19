"""The quizzes inside the pack files the server stores, as item analysis needs them:
question and option texts, which option is the key, and each item's type.

Item analysis shows a trainer the question in the admin's language and which option
drew which share, so it reads `quizzes/<slug>.json` from the pack file in the data
folder (verified when uploaded, never changed after). A sealed exam item keeps its key
and its authored option ids in ciphertext: it is opened with the server's grading
keys (`content.sealing.open_for_grading`), as the grader opens it. Without the keys
the item shows its public texts (options under their opaque ids) and no key. Opened
quizzes are kept in memory per pack file.
"""

from __future__ import annotations

import json
import logging
import threading
import zipfile
from collections.abc import Mapping
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from content.quiz import Quiz
from content.sealing import SealError, open_for_grading
from sync.server.models import Pack

log = logging.getLogger("hocvu.server.reporting")

_cache: dict[tuple[str, str, str, bool], Quiz | None] = {}  # (path, sha256, slug, keyed)
_lock = threading.Lock()


def _read(path: Path, slug: str, keys: Mapping[str, X25519PrivateKey]) -> Quiz | None:
    with zipfile.ZipFile(path) as archive:
        name = f"quizzes/{slug}.json"
        if name not in archive.namelist():
            return None
        data = json.loads(archive.read(name))
    try:
        return open_for_grading(data, keys).quiz
    except SealError:
        return Quiz.from_json(data)


class PackQuizzes:
    """The quizzes of the pack versions on the server, opened on demand; `None` for a
    quiz the server cannot read (no data folder, a pack never received, a bad file)."""

    def __init__(
        self,
        session: Session,
        data_dir: Path | None,
        keys: Mapping[str, X25519PrivateKey] | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.keys = dict(keys or {})
        self.files: dict[tuple[str, int], tuple[str, str]] = {}
        # Quizzes this reader failed to open: tried once per reader (one page), not once
        # per item of the page; a later page tries again, in case the file is restored.
        self.unreadable: set[tuple[str, str]] = set()
        if data_dir is not None:
            rows = session.execute(select(Pack.pack_id, Pack.version, Pack.file, Pack.sha256))
            self.files = {(p, v): (f, h) for p, v, f, h in rows}

    def quiz(self, pack_id: str, version: int, slug: str) -> Quiz | None:
        found = self.files.get((pack_id, version))
        if found is None or self.data_dir is None:
            return None
        file, sha256 = found
        # By the file's full path: two servers (or tests) in one process keep their own.
        key = (str(self.data_dir / file), sha256, slug, bool(self.keys))
        with _lock:
            if key in _cache:
                return _cache[key]
        if (file, slug) in self.unreadable:
            return None
        try:
            quiz = _read(self.data_dir / file, slug, self.keys)
        except (OSError, ValueError, KeyError, TypeError, zipfile.BadZipFile) as exc:
            # Not in the shared cache: the file may be restored; meanwhile no texts.
            log.warning("cannot read quiz %s of %s: %s", slug, file, exc)
            self.unreadable.add((file, slug))
            return None
        with _lock:
            if len(_cache) > 512:
                _cache.clear()
            _cache[key] = quiz
        return quiz
