"""Reading a trainer's source folder: course.yaml, lessons, quizzes and media.

`read_sources` checks everything a build needs and returns the pack's entries (path
→ bytes), the manifest without its `files` and `created`, and the warnings a
trainer should fix. Errors raise `SourceError` naming the file and the fault.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from content import yamltext
from content.errors import SourceError
from content.exam_policy import (
    DEFAULT_ATTEMPTS,
    DEFAULT_COOLDOWN_HOURS,
    DEFAULT_MIN_SECONDS_PER_ITEM,
)
from content.lesson import LessonError, LessonMeta, image_refs, split_front_matter
from content.localised import localise
from content.media import MediaError, check_media
from content.quiz import DEFAULT_PASS_MARK, SLUG, QuizError, compile_quiz
from content.trust import parse_time
from hocvu import PACK_FORMAT

PACK_ID = re.compile(r"^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)+$")
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
_LESSON_NAME = re.compile(
    r"^(?P<slug>[a-z0-9][a-z0-9-]*)\.(?P<lang>[a-z]{2,3}(?:-[A-Za-z0-9]+)?)\.md$"
)
RAW_HTML = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?|/[a-zA-Z][a-zA-Z0-9]*)>")
_COURSE_FIELDS = {
    "id",
    "version",
    "languages",
    "title",
    "description",
    "min_app_version",
    "pass_mark",
    "created",
    "modules",
    "exam",
    "placement",
}
_EXAM_FIELDS = {"quiz", "time_limit_minutes", "retake", "min_seconds_per_item"}
_MODULE_FIELDS = {"id", "area", "level", "title", "lessons", "quiz"}


@dataclass
class SourcePack:
    manifest: dict[str, Any]
    entries: dict[str, bytes]
    created: datetime
    warnings: list[str] = field(default_factory=list)


def load_yaml(path: Path, rel: str) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise SourceError(rel, "is not UTF-8 text; save it as UTF-8") from None
    except OSError as exc:
        raise SourceError(rel, f"cannot be read ({exc.strerror})") from None
    try:
        return yamltext.load(text)
    except yamltext.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise SourceError(rel, f"{line}not valid YAML ({problem})") from None


def _created(course: dict[str, Any], folder: Path) -> datetime:
    if "created" in course:
        value = course["created"]
        try:
            when = value if isinstance(value, datetime) else parse_time(str(value))
        except ValueError:
            raise SourceError("course.yaml", f"created: {value!r} is not a date-time") from None
        return when if when.tzinfo else when.replace(tzinfo=UTC)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), UTC)
    newest = max((p.stat().st_mtime for p in folder.rglob("*") if p.is_file()), default=0.0)
    return datetime.fromtimestamp(int(newest), UTC)


class _Reader:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.warnings: list[str] = []
        self.entries: dict[str, bytes] = {}

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    def text(self, value: Any, rel: str, where: str, languages: list[str]) -> dict[str, str]:
        try:
            return localise(value, languages, where, lambda m: self.warn(f"{rel}: {m}"))
        except ValueError as exc:
            raise SourceError(rel, str(exc)) from None

    def read(self) -> SourcePack:
        if not (self.folder / "course.yaml").is_file():
            raise SourceError(
                str(self.folder), "no course.yaml here; is this a pack source folder?"
            )
        course = load_yaml(self.folder / "course.yaml", "course.yaml")
        if not isinstance(course, dict):
            raise SourceError("course.yaml", "expected a mapping (id, version, title, modules…)")
        unknown = sorted(set(course) - _COURSE_FIELDS)
        if unknown:
            raise SourceError("course.yaml", f"unknown field(s) {', '.join(unknown)}")
        pack_id = course.get("id")
        if not isinstance(pack_id, str) or not PACK_ID.match(pack_id):
            raise SourceError(
                "course.yaml", f"id {pack_id!r} must be reverse-DNS, e.g. vn.mofa.dl.l1"
            )
        version = course.get("version")
        if isinstance(version, bool) or not isinstance(version, int) or version < 1:
            raise SourceError("course.yaml", "version must be a whole number from 1 up")
        languages = course.get("languages") or ["vi", "en"]
        if not isinstance(languages, list) or not all(
            isinstance(x, str) and LANGUAGE.match(x) for x in languages
        ):
            raise SourceError("course.yaml", "languages must be a list of codes like [vi, en]")
        pass_mark = course.get("pass_mark", DEFAULT_PASS_MARK)
        if (
            isinstance(pass_mark, bool)
            or not isinstance(pass_mark, int | float)
            or not 0 < pass_mark <= 1
        ):
            raise SourceError("course.yaml", "pass_mark must be a share between 0 and 1, e.g. 0.8")
        min_app = str(course.get("min_app_version", "0.1.0"))
        if not re.fullmatch(r"\d+(\.\d+){0,2}", min_app):
            raise SourceError("course.yaml", f"min_app_version {min_app!r} must look like 0.1.0")

        lessons = self._lessons(languages)
        media = self._media()
        quizzes_needed: list[str] = []
        modules = self._modules(course.get("modules"), languages, lessons, quizzes_needed)
        exam = self._exam(course.get("exam"), modules, quizzes_needed)
        placement = self._placement(course.get("placement"), quizzes_needed)
        if not modules and not exam and not placement:
            raise SourceError("course.yaml", "a pack needs modules, an exam or a placement test")
        self._quizzes(quizzes_needed, languages, float(pass_mark), placement is not None)
        used_lessons = {slug for m in modules for slug in m["lesson_slugs"]}
        for slug in sorted(set(lessons) - used_lessons):
            self.warn(f"lessons/{slug}.*.md: not listed in any module of course.yaml; not packed")
        self._check_images(lessons, used_lessons, media)
        for module in modules:
            del module["lesson_slugs"]
        manifest = {
            "format": PACK_FORMAT,
            "id": pack_id,
            "version": version,
            "title": self.text(course.get("title"), "course.yaml", "title", languages),
            "languages": languages,
            "min_app_version": min_app,
            "pass_mark": float(pass_mark),
            "modules": modules,
            "exam": exam,
            "placement": placement,
        }
        if "description" in course:
            manifest["description"] = self.text(
                course["description"], "course.yaml", "description", languages
            )
        self._check_unexpected()
        return SourcePack(
            manifest,
            dict(sorted(self.entries.items())),
            _created(course, self.folder),
            self.warnings,
        )

    def _lessons(self, languages: list[str]) -> dict[str, dict[str, tuple[LessonMeta, str]]]:
        """slug → language → (front matter, Markdown body)."""
        found: dict[str, dict[str, tuple[LessonMeta, str]]] = {}
        folder = self.folder / "lessons"
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            rel = f"lessons/{path.name}"
            match = _LESSON_NAME.match(path.name)
            if not match or not path.is_file():
                self.warn(f"{rel}: not a lesson file name (<slug>.<lang>.md); ignored")
                continue
            if match["lang"] not in languages:
                self.warn(f"{rel}: language {match['lang']!r} is not in course.yaml; ignored")
                continue
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8")
                meta, body = split_front_matter(text)
            except UnicodeDecodeError:
                raise SourceError(rel, "is not UTF-8 text; save it as UTF-8") from None
            except LessonError as exc:
                raise SourceError(rel, str(exc)) from None
            self.entries[rel] = raw
            found.setdefault(match["slug"], {})[match["lang"]] = (meta, body)
        return found

    def _media(self) -> set[str]:
        folder = self.folder / "media"
        names: set[str] = set()
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_dir():
                continue
            rel = path.relative_to(self.folder).as_posix()
            if path.is_symlink():
                raise SourceError(rel, "is a symbolic link; copy the file into media/ instead")
            data = path.read_bytes()
            try:
                check_media(rel, data)
            except MediaError as exc:
                raise SourceError(rel, str(exc)) from None
            self.entries[rel] = data
            names.add(rel)
        return names

    def _modules(
        self, raw: Any, languages: list[str], lessons: dict, quizzes: list[str]
    ) -> list[dict[str, Any]]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            raise SourceError("course.yaml", "modules must be a list")
        modules, seen = [], set()
        for n, module in enumerate(raw):
            where = f"modules[{n}]"
            if not isinstance(module, dict):
                raise SourceError("course.yaml", f"{where}: expected a mapping")
            unknown = sorted(set(module) - _MODULE_FIELDS)
            if unknown:
                raise SourceError("course.yaml", f"{where}: unknown field(s) {', '.join(unknown)}")
            mid = module.get("id")
            if not isinstance(mid, str) or not SLUG.match(mid) or mid in seen:
                raise SourceError("course.yaml", f"{where}: id {mid!r} must be a unique slug")
            seen.add(mid)
            where = f"module {mid}"
            for key, top in (("area", 6), ("level", 4)):
                value = module.get(key)
                if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= top:
                    raise SourceError("course.yaml", f"{where}: {key} must be 1..{top}")
            slugs = module.get("lessons") or []
            if not isinstance(slugs, list) or not slugs:
                raise SourceError("course.yaml", f"{where}: lessons must be a non-empty list")
            entries = []
            for slug in slugs:
                if slug not in lessons:
                    raise SourceError(
                        "course.yaml",
                        f"{where}: lesson {slug!r} has no file lessons/{slug}.<lang>.md",
                    )
                metas = {
                    lang: lessons[slug][lang][0] for lang in languages if lang in lessons[slug]
                }
                for lang in languages:
                    if lang not in metas:
                        self.warn(
                            f"lessons/{slug}.{lang}.md: missing; learners will see "
                            f"the {next(iter(metas))!r} text"
                        )
                first = next(iter(metas.values()))
                entries.append(
                    {
                        "slug": slug,
                        "title": {lang: metas.get(lang, first).title for lang in languages},
                        "languages": sorted(metas),
                        "minutes": first.minutes,
                        "competences": sorted({c for m in metas.values() for c in m.competences}),
                    }
                )
            quiz = module.get("quiz")
            if quiz is not None:
                if not isinstance(quiz, str) or not SLUG.match(quiz):
                    raise SourceError("course.yaml", f"{where}: quiz must be a slug")
                quizzes.append(quiz)
            else:
                self.warn(f"course.yaml: {where} has no quiz; it can never be mastered")
            modules.append(
                {
                    "id": mid,
                    "area": module["area"],
                    "level": module["level"],
                    "title": self.text(
                        module.get("title"), "course.yaml", f"{where}.title", languages
                    ),
                    "lessons": entries,
                    "quiz": quiz,
                    "lesson_slugs": slugs,
                }
            )
        return modules

    def _exam(self, raw: Any, modules: list[dict], quizzes: list[str]) -> dict | None:
        if raw is None:
            return None
        if not isinstance(raw, dict) or not isinstance(raw.get("quiz"), str):
            raise SourceError("course.yaml", "exam must be a mapping with a quiz slug")
        limit = raw.get("time_limit_minutes")
        if limit is not None and (
            isinstance(limit, bool) or not isinstance(limit, int) or limit < 1
        ):
            raise SourceError("course.yaml", "exam.time_limit_minutes must be a whole number")
        unknown = sorted(set(raw) - _EXAM_FIELDS)
        if unknown:
            raise SourceError("course.yaml", f"exam: unknown field(s) {', '.join(unknown)}")
        retake = raw.get("retake") or {}
        if not isinstance(retake, dict) or set(retake) - {"cooldown_hours", "attempts"}:
            raise SourceError(
                "course.yaml", "exam.retake must be a mapping with cooldown_hours and attempts"
            )
        policy = {
            "cooldown_hours": self._whole(retake, "cooldown_hours", DEFAULT_COOLDOWN_HOURS, 0),
            "attempts": self._whole(retake, "attempts", DEFAULT_ATTEMPTS, 1),
        }
        floor = self._whole(raw, "min_seconds_per_item", DEFAULT_MIN_SECONDS_PER_ITEM, 0)
        levels = sorted({m["level"] for m in modules})
        quizzes.append(raw["quiz"])
        return {
            "quiz": raw["quiz"],
            "time_limit_minutes": limit,
            "level": levels[0] if len(levels) == 1 else None,
            "retake": policy,
            "min_seconds_per_item": floor,
        }

    @staticmethod
    def _whole(raw: dict, key: str, default: int, lowest: int) -> int:
        value = raw.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < lowest:
            raise SourceError("course.yaml", f"exam: {key} must be a whole number from {lowest}")
        return value

    def _placement(self, raw: Any, quizzes: list[str]) -> dict | None:
        if raw is None:
            return None
        slugs = raw.get("quizzes") if isinstance(raw, dict) else None
        if not isinstance(slugs, list) or not slugs or not all(isinstance(s, str) for s in slugs):
            raise SourceError("course.yaml", "placement must be a mapping with a list of quizzes")
        quizzes.extend(slugs)
        return {"quizzes": slugs}

    def _quizzes(
        self, needed: list[str], languages: list[str], pass_mark: float, placement: bool
    ) -> None:
        folder = self.folder / "quizzes"
        for slug in needed:
            rel = f"quizzes/{slug}.yaml"
            if not (folder / f"{slug}.yaml").is_file():
                raise SourceError("course.yaml", f"quiz {slug!r} has no file {rel}")
            doc = load_yaml(folder / f"{slug}.yaml", rel)
            try:
                compiled = compile_quiz(
                    doc, slug, languages, pass_mark, lambda m, rel=rel: self.warn(f"{rel}: {m}")
                )
            except QuizError as exc:
                raise SourceError(rel, str(exc)) from None
            self.entries[f"quizzes/{slug}.json"] = (
                json.dumps(compiled, ensure_ascii=False, indent=1, sort_keys=True).encode() + b"\n"
            )
        for path in sorted(folder.glob("*")) if folder.is_dir() else []:
            if path.suffix != ".yaml" or path.stem not in needed:
                self.warn(f"quizzes/{path.name}: not used by course.yaml; not packed")

    def _check_images(self, lessons: dict, used: set[str], media: set[str]) -> None:
        referenced: set[str] = set()
        for slug in sorted(used):
            for lang, (_meta, body) in lessons[slug].items():
                rel = f"lessons/{slug}.{lang}.md"
                if RAW_HTML.search(re.sub(r"`[^`]*`", "", body)):
                    self.warn(f"{rel}: contains raw HTML, which is shown as text; use Markdown")
                for ref in image_refs(body):
                    if ref not in media:
                        raise SourceError(
                            rel, f"image {ref!r} is not a file of this pack's media/ folder"
                        )
                    referenced.add(ref)
        for name in sorted(media - referenced):
            self.warn(f"{name}: not used by any lesson")

    def _check_unexpected(self) -> None:
        for path in sorted(self.folder.iterdir()):
            if path.name in {"course.yaml", "lessons", "quizzes", "media"}:
                continue
            if path.is_file() and path.suffix == ".md":
                continue  # README.md, SOURCES.md: notes for trainers, not packed
            if path.name.startswith("."):
                continue
            self.warn(f"{path.name}: not part of the pack format; not packed")


def read_sources(folder: Path) -> SourcePack:
    return _Reader(folder).read()
