"""Lessons: Markdown with a YAML front matter (title, minutes, objectives, competences)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from content import yamltext
from content.quiz import check_competence

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


class LessonError(ValueError):
    """A lesson whose front matter is missing or malformed; says which field."""


@dataclass(frozen=True)
class LessonMeta:
    title: str
    minutes: int
    objectives: tuple[str, ...]
    competences: tuple[str, ...]


def split_front_matter(text: str) -> tuple[LessonMeta, str]:
    match = _FRONT.match(text.lstrip("\ufeff"))
    if not match:
        raise LessonError("no front matter: the file must start with '---', the fields, '---'")
    try:
        raw = yamltext.load(match[1])
    except yamltext.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        raise LessonError(f"front matter is not valid YAML{where}: {exc}") from None
    return parse_meta(raw), text.lstrip("\ufeff")[match.end() :]


def parse_meta(raw: Any) -> LessonMeta:
    if not isinstance(raw, dict):
        raise LessonError("front matter must be a mapping of fields")
    title = raw.get("title")
    if not isinstance(title, str) or not title.strip():
        raise LessonError("front matter: `title` is required")
    minutes = raw.get("minutes")
    if isinstance(minutes, bool) or not isinstance(minutes, int) or not 1 <= minutes <= 240:
        raise LessonError("front matter: `minutes` must be a whole number from 1 to 240")
    objectives = raw.get("objectives") or []
    if not isinstance(objectives, list) or not all(isinstance(o, str) for o in objectives):
        hint = ""
        if isinstance(objectives, list) and any(isinstance(o, dict) for o in objectives):
            hint = " (a sentence containing ': ' must be put in quotes)"
        raise LessonError(f"front matter: `objectives` must be a list of sentences{hint}")
    tags = raw.get("competences") or []
    if not isinstance(tags, list):
        raise LessonError("front matter: `competences` must be a list like ['4.1']")
    try:
        competences = tuple(check_competence(t, "front matter: competences") for t in tags)
    except ValueError as exc:
        raise LessonError(str(exc)) from None
    unknown = sorted(set(raw) - {"title", "minutes", "objectives", "competences"})
    if unknown:
        raise LessonError(f"front matter: unknown field(s) {', '.join(unknown)}")
    return LessonMeta(title.strip(), minutes, tuple(objectives), competences)


IMAGE_REF = re.compile(r"!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def image_refs(body: str) -> list[str]:
    return IMAGE_REF.findall(body)
