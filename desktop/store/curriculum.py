"""The curriculum as the learning engine sees it: which packs, modules, lessons,
quizzes and exams exist, in study order, with their pass marks.

The app builds a `CourseMap` from the manifests and quizzes of the installed
packs; the engine needs nothing else from the content. Lists may be given as
lists or tuples; they are kept as tuples.

Placement: a placement pack lists its quizzes (one section per level) and maps
each placement item, by its local id `"<quiz-slug>/<item-id>"`, to the
`(area, level)` of the module it probes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

DEFAULT_PASS_MARK = 0.8


@dataclass(frozen=True)
class ModuleMap:
    module_id: str
    area: int
    level: int
    lessons: Sequence[str]
    quiz: str
    pass_mark: float = DEFAULT_PASS_MARK

    def __post_init__(self) -> None:
        object.__setattr__(self, "lessons", tuple(self.lessons))


@dataclass(frozen=True)
class ExamMap:
    quiz: str
    level: int
    pass_mark: float = DEFAULT_PASS_MARK


@dataclass(frozen=True)
class PackMap:
    pack_id: str
    version: int
    modules: Sequence[ModuleMap] = ()
    exam: ExamMap | None = None
    placement_quizzes: Sequence[str] = ()
    placement_items: Mapping[str, tuple[int, int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "modules", tuple(self.modules))
        object.__setattr__(self, "placement_quizzes", tuple(self.placement_quizzes))
        object.__setattr__(self, "placement_items", dict(self.placement_items))


@dataclass(frozen=True)
class CourseMap:
    """Installed packs. Study order is by level, then the order of `packs`, then the
    order of modules and lessons inside each pack."""

    packs: Sequence[PackMap]

    def __post_init__(self) -> None:
        object.__setattr__(self, "packs", tuple(self.packs))

    def modules_in_order(self) -> Iterator[tuple[PackMap, ModuleMap]]:
        pairs = [(pack, module) for pack in self.packs for module in pack.modules]
        # sorted() is stable, so packs and modules keep their given order within a level.
        yield from sorted(pairs, key=lambda pair: pair[1].level)

    def levels(self) -> list[int]:
        found = {module.level for pack in self.packs for module in pack.modules}
        found.update(pack.exam.level for pack in self.packs if pack.exam)
        return sorted(found)

    def areas(self) -> list[int]:
        return sorted({module.area for pack in self.packs for module in pack.modules})
