"""What a learner's activity is called, in the admin's language, from the packs the
server stores: a lesson's title, a quiz's or an exam's title, an item's prompt.

Lesson and module titles are in each pack's manifest (kept in the database); quiz
titles and item prompts only in the pack file's `quizzes/<slug>.json`, read from
the data folder (verified when uploaded, never changed after) and kept in memory
per file. Where a pack says nothing, the title is built from what is known (the
module's area and level) and, last, is the activity's own id.
"""

from __future__ import annotations

import json
import logging
import threading
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server.models import Pack

log = logging.getLogger("hocvu.server.dashboard")

Texts = dict[str, str]  # language → text
# An item's prompt is cut to this many characters in an activity list.
PROMPT_CHARS = 90

_files: dict[tuple[str, str], dict[str, dict]] = {}
_lock = threading.Lock()


def _text(value, lang: str) -> str | None:
    """A manifest's text in `lang`, else in any language it has."""
    if isinstance(value, str):
        return value or None
    if isinstance(value, dict):
        chosen = value.get(lang) or next((v for v in value.values() if v), None)
        return chosen if isinstance(chosen, str) else None
    return None


def _quizzes(path: Path, sha256: str) -> dict[str, dict]:
    """slug → {"title": texts, "prompts": {item id: texts}} of one pack file."""
    key = (str(path), sha256)
    with _lock:
        if key in _files:
            return _files[key]
    found: dict[str, dict] = {}
    try:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if not (name.startswith("quizzes/") and name.endswith(".json")):
                    continue
                quiz = json.loads(archive.read(name))
                slug = quiz.get("slug") or name.removeprefix("quizzes/").removesuffix(".json")
                prompts = {
                    str(item["id"]): item.get("prompt")
                    for item in quiz.get("items") or []
                    if isinstance(item, dict) and "id" in item and item.get("prompt")
                }
                found[slug] = {"title": quiz.get("title"), "prompts": prompts}
    except (OSError, ValueError, zipfile.BadZipFile) as exc:
        # Not cached: the file may be restored; meanwhile the manifest's words serve.
        log.info("no quiz titles from %s: %s", path, exc)
        return {}
    with _lock:
        _files[key] = found
    return found


@dataclass
class _Pack:
    title: object = None
    lessons: dict[str, object] = field(default_factory=dict)
    # quiz slug → (area, level) of its module
    module_quizzes: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)
    exams: dict[str, int | None] = field(default_factory=dict)
    quizzes: dict[str, dict] = field(default_factory=dict)


class Titles:
    """Titles of every pack on the server, newest version first where versions differ."""

    def __init__(self, packs: dict[str, _Pack]) -> None:
        self._packs = packs

    @classmethod
    def load(cls, session: Session, data_dir: Path | None) -> Titles:
        packs: dict[str, _Pack] = {}
        rows = session.execute(
            select(Pack.pack_id, Pack.manifest, Pack.file, Pack.sha256).order_by(
                Pack.pack_id, Pack.version
            )
        )
        # Oldest first, so the newest version's words win and an activity an old
        # version had keeps its name.
        for pack_id, manifest_text, file, sha256 in rows:
            manifest = json.loads(manifest_text)
            pack = packs.setdefault(pack_id, _Pack())
            pack.title = manifest.get("title") or pack.title
            for module in manifest.get("modules") or []:
                for lesson in module.get("lessons") or []:
                    if isinstance(lesson, dict) and lesson.get("slug"):
                        pack.lessons[lesson["slug"]] = lesson.get("title")
                if module.get("quiz"):
                    pack.module_quizzes[module["quiz"]] = (module.get("area"), module.get("level"))
            exam = manifest.get("exam") or {}
            if exam.get("quiz"):
                pack.exams[exam["quiz"]] = exam.get("level")
            if data_dir is not None and file:
                for slug, quiz in _quizzes(data_dir / file, sha256).items():
                    known = pack.quizzes.setdefault(slug, {"title": None, "prompts": {}})
                    known["title"] = quiz["title"] or known["title"]
                    known["prompts"].update(quiz["prompts"])
        return cls(packs)

    def pack(self, pack_id: str, lang: str) -> str:
        known = self._packs.get(pack_id)
        return (_text(known.title, lang) if known else None) or pack_id

    def quiz(self, pack_id: str, slug: str, lang: str, t: Callable[..., str]) -> str:
        """A quiz's, an exam's or a placement test's title."""
        known = self._packs.get(pack_id) or _Pack()
        title = _text((known.quizzes.get(slug) or {}).get("title"), lang)
        if title and title != slug:  # a title that is only the slug says nothing more
            return title
        if known.exams.get(slug):
            return t("title.exam", level=known.exams[slug])
        area, level = known.module_quizzes.get(slug, (None, None))
        if area and level:
            return t("title.module_quiz", area=t(f"area.{area}"), level=level)
        return slug

    def activity(
        self, pack_id: str, kind: str, local_id: str, lang: str, t: Callable[..., str]
    ) -> str:
        """What the admin reads for one activity of a statement."""
        known = self._packs.get(pack_id) or _Pack()
        if kind == "lesson":
            return _text(known.lessons.get(local_id), lang) or local_id
        if kind in ("quiz", "exam", "placement"):
            return self.quiz(pack_id, local_id, lang, t)
        if kind == "item" and "/" in local_id:
            slug, item = local_id.split("/", 1)
            quiz = self.quiz(pack_id, slug, lang, t)
            prompt = _text((known.quizzes.get(slug) or {}).get("prompts", {}).get(item), lang)
            if not prompt:
                return t("title.item_of", quiz=quiz)
            if len(prompt) > PROMPT_CHARS:
                prompt = prompt[: PROMPT_CHARS - 1].rstrip() + "…"
            return t("title.item", prompt=prompt, quiz=quiz)
        return local_id
