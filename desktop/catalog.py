"""The installed curriculum, as the screens and the learning engine need it.

Built from the manifests of the library's packs: level packs in level order, the
placement pack apart. Lessons are addressed by (pack id, slug).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from content.localised import pick

if TYPE_CHECKING:
    from content.library import InstalledPack, Library
    from content.quiz import Quiz
    from sync.progress import CourseMap, QuizFacts


@dataclass(frozen=True)
class LessonRef:
    pack_id: str
    module_id: str
    slug: str


@dataclass(frozen=True)
class ModuleInfo:
    pack_id: str
    module_id: str
    area: int
    level: int
    title: Mapping[str, str]
    lessons: tuple[Mapping[str, Any], ...]
    quiz: str | None


class Catalog:
    def __init__(self, packs: list[InstalledPack]) -> None:
        self.packs = {p.pack_id: p for p in packs}
        self._quizzes: dict[tuple[str, str], Quiz] = {}
        self.placement = next((p for p in packs if p.manifest.get("placement")), None)
        self.level_packs = sorted(
            (p for p in packs if p.manifest["modules"] or p.manifest.get("exam")),
            key=lambda p: (min((m["level"] for m in p.manifest["modules"]), default=9), p.pack_id),
        )

    def quiz(self, pack_id: str, slug: str) -> Quiz:
        key = (pack_id, slug)
        if key not in self._quizzes:
            self._quizzes[key] = self.packs[pack_id].quiz(slug)
        return self._quizzes[key]

    @classmethod
    def from_library(cls, library: Library) -> Catalog:
        return cls(library.installed())

    def modules(self) -> Iterator[ModuleInfo]:
        for pack in self.level_packs:
            for module in pack.manifest["modules"]:
                yield ModuleInfo(
                    pack.pack_id,
                    module["id"],
                    module["area"],
                    module["level"],
                    module["title"],
                    tuple(module["lessons"]),
                    module.get("quiz"),
                )

    def module(self, pack_id: str, module_id: str) -> ModuleInfo:
        return next(m for m in self.modules() if (m.pack_id, m.module_id) == (pack_id, module_id))

    def lesson_sequence(self) -> list[LessonRef]:
        return [
            LessonRef(m.pack_id, m.module_id, lesson["slug"])
            for m in self.modules()
            for lesson in m.lessons
        ]

    def neighbours(self, ref: LessonRef) -> tuple[LessonRef | None, LessonRef | None]:
        sequence = self.lesson_sequence()
        at = sequence.index(ref)
        return (
            sequence[at - 1] if at > 0 else None,
            sequence[at + 1] if at + 1 < len(sequence) else None,
        )

    def lesson_title(self, ref: LessonRef, lang: str) -> str:
        module = self.module(ref.pack_id, ref.module_id)
        lesson = next(x for x in module.lessons if x["slug"] == ref.slug)
        return pick(lesson["title"], lang)

    def find_module_of(self, pack_id: str, slug: str) -> ModuleInfo | None:
        return next(
            (
                m
                for m in self.modules()
                if m.pack_id == pack_id and any(x["slug"] == slug for x in m.lessons)
            ),
            None,
        )

    def exams(self) -> list[tuple[InstalledPack, Mapping[str, Any]]]:
        return [(p, p.manifest["exam"]) for p in self.level_packs if p.manifest.get("exam")]

    def course_map(self) -> CourseMap:
        """The installed packs as the progress rule sees them: built exactly as the
        server builds its own from the packs it stores (`sync.progress.pack_map`)."""
        from sync.progress import course_map, pack_map

        packs = [*self.level_packs, *([self.placement] if self.placement else [])]
        return course_map(
            pack_map(pack.manifest, pack.version, partial(self._quiz_facts, pack.pack_id))
            for pack in packs
        )

    def _quiz_facts(self, pack_id: str, slug: str) -> QuizFacts | None:
        from sync.progress import QuizFacts

        try:
            quiz = self.quiz(pack_id, slug)
        except (OSError, KeyError, ValueError):
            return None
        targets = {
            item.id: (item.area, item.level) for item in quiz.items if item.area and item.level
        }
        return QuizFacts(quiz.pass_mark, targets)
