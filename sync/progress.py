"""The progress rule: lesson, module, area and level progress, placement credit and
certification, derived from a learner's statements and the course map. Plain Python,
no Qt and no database: the app (`desktop.store`) and the ministry server
(`sync.server.derived.progress`) both call `progress_of`, so the figures a learner
sees and the dashboard's are the same numbers (DESIGN section 2).

The course map: which packs, modules, lessons, quizzes and exams exist, in study
order, with their pass marks. Both ends build it with `pack_map` from a pack's
manifest and its quizzes (the app from its installed packs, the server from the
packs it stores, kept as `pack_map_to_json` beside each pack) and put the packs in
order with `course_map`. A placement pack lists its quizzes (one section per level)
and maps each placement item, by its local id `"<quiz-slug>/<item-id>"`, to the
`(area, level)` of the module it probes.

The log is first reduced to `Fact`s (one per statement this engine understands)
and put in *learning order*: by timestamp, ties broken by statement id, each id
once. Every result is computed from that order, so it does not depend on the
order in which statements were recorded or arrived from other devices.

Verbs as the app records them (DESIGN section 5):

    lesson     experienced (opened), completed (duration = time spent)
    quiz/exam/placement
               attempted (starts an attempt; the registration groups it; carries the
               drawn form in `urn:hocvu:ext:form`),
               passed / failed (ends a quiz or placement attempt, with the score)
    exam       completed (the device submitted the attempt: no score), then
               passed / failed written by the server only (authority
               `urn:hocvu:server`, grading in `urn:hocvu:ext:grading`)
    item       answered (local id "<quiz-slug>/<item-id>", with response; score and
               success except for sealed exam items)

Rules:

- A lesson is *not started*, *in progress* (opened, never completed) or *done*.
- A module is *mastered* when a `passed` statement for its quiz carries a score at
  or above the module's pass mark; *skipped* when the placement test showed it.
  Practice counts the first answer to an item in an attempt: where an attempt holds
  later answers to the same item (older logs, from before items locked once
  checked), its score is scaled by (sum of first scores / sum of last scores), which
  is exactly the score the first answers earned.
  Its `fraction` is the share of its steps (lessons and quiz) done, and 1.0 once
  it is mastered or skipped: the quiz is what proves the module.
- A level is *complete* when every module of the pack that holds the level's exam
  is mastered or skipped and that exam was passed: a `passed` result the server
  wrote with status `graded`, or a signed certificate for that exam already in the
  store. A device's own `passed` for an exam (older app versions) does not count,
  nor does a result whose certificate was revoked. The level is *certified* when
  its exam was passed so (what a certificate stands for); `exam_passed_at` is the
  first such pass. An area's `fraction` is the mean of its modules'; a level's, of
  the modules of the exam's pack and the exam (0 or 1).
- Placement: for each placement quiz, the latest finished attempt counts. For each
  (area, level), the mean score of that attempt's items probing it; at or above
  the pass mark of the module(s) of that area and level, they are skipped. The
  start level is the lowest level that has a module not skipped.
- Continue: the lesson most recently opened and not done, if it was opened after
  the latest completion; else the next lesson after the most recently completed
  one (in study order, skipping done lessons and complete modules); else the first
  lesson of the first module not complete from the start level on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from operator import itemgetter
from typing import Any, NamedTuple

from content.forms import EXT_FORM
from content.placement import probe_means, skips
from sync.xapi import (
    EXT_GRADING,
    EXT_PACK_VERSION,
    EXT_REVIEW_RATING,
    VERB_NAMES,
    parse_duration,
    server_authored,
)

_PREFIX = "urn:hocvu:pack:"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_EPSILON = 1e-9
DEFAULT_PASS_MARK = 0.8

LessonKey = tuple[str, str]  # (pack id, lesson slug)
ModuleKey = tuple[str, str]  # (pack id, module id)


# ---------------------------------------------------------------- the course map


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


class QuizFacts(NamedTuple):
    """What the course map needs of one quiz: its pass mark and, for a placement quiz,
    the `(area, level)` each item probes (by item id)."""

    pass_mark: float
    targets: Mapping[str, tuple[int, int]]


def pack_map(
    manifest: Mapping[str, Any], version: int, quiz: Callable[[str], QuizFacts | None]
) -> PackMap:
    """The course map's view of one pack. `quiz(slug)` reads a quiz of the pack (None
    when it cannot be read: the manifest's pass mark then stands)."""
    default = float(manifest.get("pass_mark", DEFAULT_PASS_MARK))

    def pass_mark(slug: str) -> float:
        facts = quiz(slug)
        return facts.pass_mark if facts is not None else default

    modules = [
        ModuleMap(
            m["id"],
            m["area"],
            m["level"],
            [x["slug"] for x in m.get("lessons") or []],
            m["quiz"],
            pass_mark(m["quiz"]),
        )
        for m in manifest.get("modules") or []
        if m.get("quiz")
    ]
    exam = manifest.get("exam")
    exam_map = None
    if exam and exam.get("level"):
        exam_map = ExamMap(exam["quiz"], exam["level"], pass_mark(exam["quiz"]))
    placement_quizzes: list[str] = []
    placement_items: dict[str, tuple[int, int]] = {}
    for slug in (manifest.get("placement") or {}).get("quizzes") or []:
        placement_quizzes.append(slug)
        facts = quiz(slug)
        for item_id, target in (facts.targets if facts else {}).items():
            placement_items[f"{slug}/{item_id}"] = target
    return PackMap(manifest["id"], version, modules, exam_map, placement_quizzes, placement_items)


def quiz_facts(data: Mapping[str, Any]) -> QuizFacts:
    """`QuizFacts` of a compiled quiz (the JSON a pack holds under `quizzes/`)."""
    targets = {}
    for item in data.get("items") or []:
        area, level = item.get("area"), item.get("level")
        if area and level:
            targets[str(item["id"])] = (int(area), int(level))
    return QuizFacts(float(data.get("pass_mark", DEFAULT_PASS_MARK)), targets)


def is_level_pack(pack: PackMap) -> bool:
    return bool(pack.modules or pack.exam)


def course_map(packs: Iterable[PackMap]) -> CourseMap:
    """The course of these packs (one version of each): level packs by their lowest
    level then pack id, then the first placement pack by pack id. Both ends order
    packs this way, so the pack whose exam makes a level is the same on both."""
    packs = list(packs)
    levels = sorted(
        (p for p in packs if is_level_pack(p)),
        key=lambda p: (min((m.level for m in p.modules), default=9), p.pack_id),
    )
    placement = sorted(
        (p for p in packs if p.placement_quizzes and not is_level_pack(p)),
        key=lambda p: p.pack_id,
    )
    return CourseMap([*levels, *placement[:1]])


def pack_map_to_json(pack: PackMap) -> str:
    exam = pack.exam
    return json.dumps(
        {
            "pack_id": pack.pack_id,
            "version": pack.version,
            "modules": [
                {
                    "id": m.module_id,
                    "area": m.area,
                    "level": m.level,
                    "lessons": list(m.lessons),
                    "quiz": m.quiz,
                    "pass_mark": m.pass_mark,
                }
                for m in pack.modules
            ],
            "exam": None if exam is None else [exam.quiz, exam.level, exam.pass_mark],
            "placement_quizzes": list(pack.placement_quizzes),
            "placement_items": {k: list(v) for k, v in sorted(pack.placement_items.items())},
        },
        sort_keys=True,
        ensure_ascii=False,
    )


def pack_map_from_json(text: str) -> PackMap:
    data = json.loads(text)
    exam = data.get("exam")
    return PackMap(
        data["pack_id"],
        data["version"],
        [
            ModuleMap(m["id"], m["area"], m["level"], m["lessons"], m["quiz"], m["pass_mark"])
            for m in data["modules"]
        ],
        None if exam is None else ExamMap(*exam),
        data["placement_quizzes"],
        {k: (v[0], v[1]) for k, v in data["placement_items"].items()},
    )


# ---------------------------------------------------------------- facts


class Fact(NamedTuple):
    """The parts of a statement the engine uses."""

    ts: datetime
    id: str
    verb: str
    pack: str
    kind: str
    local: str
    registration: str | None
    score: float | None
    success: bool | None
    response: str | None
    duration: str | None
    # The drawn form (as recorded) of an `attempted` statement, else None.
    form: Any = None
    # The grading extension of a result statement the server wrote (an empty dict when
    # it carries none); None for every statement not authored by the server.
    grading: Any = None
    version: int | None = None  # the pack version the statement was made with
    # A review answer's grade by the learner (1 Again … 4 Easy), else None.
    rating: int | None = None


def fact_of(statement: Mapping[str, Any]) -> Fact | None:
    """The fact of one statement, or None when it is not a Học Vụ Số learning event."""
    obj = statement.get("object", {}).get("id", "")
    verb = VERB_NAMES.get(statement.get("verb", {}).get("id", ""))
    if verb is None or not obj.startswith(_PREFIX):
        return None
    parts = obj[len(_PREFIX) :].split(":", 2)
    if len(parts) != 3:
        return None
    stamp = statement.get("timestamp")
    try:
        ts = datetime.fromisoformat(stamp).astimezone(UTC) if stamp else _EPOCH
    except (TypeError, ValueError):
        return None
    result = statement.get("result") or {}
    score = (result.get("score") or {}).get("scaled")
    context = statement.get("context") or {}
    extensions = context.get("extensions") or {}
    grading = None
    if verb in ("passed", "failed") and server_authored(statement):
        grading = (result.get("extensions") or {}).get(EXT_GRADING)
        if not isinstance(grading, dict):
            grading = {}
    version = extensions.get(EXT_PACK_VERSION)
    return Fact(
        ts,
        statement["id"],
        verb,
        parts[0],
        parts[1],
        parts[2],
        context.get("registration"),
        score,
        result.get("success"),
        result.get("response"),
        result.get("duration"),
        extensions.get(EXT_FORM) if verb == "attempted" else None,
        grading,
        version if isinstance(version, int) and not isinstance(version, bool) else None,
        _rating(extensions.get(EXT_REVIEW_RATING)) if verb == "answered" else None,
    )


def _rating(value: Any) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 4:
        return value
    return None


def facts_of(statements: Iterable[Mapping[str, Any]]) -> list[Fact]:
    return [fact for fact in map(fact_of, statements) if fact is not None]


def learning_order(facts: Iterable[Fact]) -> list[Fact]:
    """Facts by timestamp then statement id, each statement id once."""
    ordered = sorted(facts, key=itemgetter(0, 1))
    out: list[Fact] = []
    seen: set[str] = set()
    for fact in ordered:
        if fact.id not in seen:
            seen.add(fact.id)
            out.append(fact)
    return out


# ---------------------------------------------------------------- results


class LessonState(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"


@dataclass(frozen=True)
class LessonProgress:
    pack_id: str
    module_id: str
    slug: str
    state: LessonState
    last_opened: datetime | None
    time_spent_s: float


@dataclass(frozen=True)
class ModuleProgress:
    pack_id: str
    module_id: str
    area: int
    level: int
    lessons: tuple[LessonProgress, ...]
    lessons_done: int
    mastered: bool
    skipped: bool
    best_score: float | None
    fraction: float

    @property
    def key(self) -> ModuleKey:
        return (self.pack_id, self.module_id)

    @property
    def complete(self) -> bool:
        return self.mastered or self.skipped


@dataclass(frozen=True)
class AreaProgress:
    area: int
    modules: tuple[ModuleKey, ...]
    modules_complete: int
    fraction: float


@dataclass(frozen=True)
class LevelProgress:
    level: int
    modules: tuple[ModuleKey, ...]
    required: tuple[ModuleKey, ...]
    exam: tuple[str, str] | None  # (pack id, exam quiz slug)
    exam_passed: bool
    exam_best_score: float | None
    complete: bool
    fraction: float
    # The timestamp (device clock of the submission's result) of the first server-graded
    # pass that counts; None while not passed or when only a certificate proves it.
    exam_passed_at: datetime | None = None

    @property
    def certified(self) -> bool:
        """What a certificate stands for: a server-graded pass of the level's exam."""
        return self.exam_passed


@dataclass(frozen=True)
class PlacementResult:
    taken: bool
    skipped: frozenset[ModuleKey]
    start_level: int | None
    scores: Mapping[tuple[int, int], float]  # (area, level) -> mean item score


@dataclass(frozen=True)
class ContinuePoint:
    pack_id: str
    module_id: str
    lesson_slug: str
    reason: str  # "resume" (opened, not done), "next" (after the last done), "start"


@dataclass(frozen=True)
class Progress:
    lessons: Mapping[LessonKey, LessonProgress]
    modules: Mapping[ModuleKey, ModuleProgress]
    areas: Mapping[int, AreaProgress]
    levels: Mapping[int, LevelProgress]
    placement: PlacementResult
    continue_at: ContinuePoint | None


# ---------------------------------------------------------------- derivation


def derive(
    ordered: list[Fact],
    course: CourseMap,
    certified: Mapping[tuple[str, str], float | None] | None = None,
    revoked: frozenset[str] = frozenset(),
) -> Progress:
    """Progress from facts in learning order (see `learning_order`). `certified` maps
    (pack id, exam slug) to the score of a signed certificate in the store; `revoked`
    holds the ids of result statements whose certificate the ministry revoked."""
    opened: dict[LessonKey, datetime] = {}
    completed: dict[LessonKey, datetime] = {}
    spent: dict[LessonKey, float] = {}
    passed_best: dict[tuple[str, str, str], float] = {}  # (pack, kind, slug) -> best passed score
    last_open: Fact | None = None
    last_done: Fact | None = None
    placement_end: dict[tuple[str, str], str] = {}  # (pack, quiz) -> latest finished registration
    answers: dict[str, dict[str, float]] = {}  # registration -> item local id -> last score
    first: dict[str, dict[str, float]] = {}  # registration -> item local id -> first score
    exams_passed: dict[tuple[str, str], float | None] = dict(certified or {})
    exams_passed_at: dict[tuple[str, str], datetime] = {}

    for fact in ordered:
        kind = fact.kind
        verb = fact.verb
        if kind == "lesson":
            key = (fact.pack, fact.local)
            if verb == "experienced":
                opened[key] = fact.ts
                last_open = fact
            elif verb == "completed":
                completed.setdefault(key, fact.ts)
                last_done = fact
                if fact.duration:
                    with suppress(ValueError):
                        spent[key] = spent.get(key, 0.0) + parse_duration(fact.duration)
        elif kind == "item":
            if verb == "answered" and fact.registration:
                answers.setdefault(fact.registration, {})[fact.local] = fact.score or 0.0
                first.setdefault(fact.registration, {}).setdefault(fact.local, fact.score or 0.0)
        elif kind == "exam":
            if verb == "passed" and server_graded(fact) and fact.id not in revoked:
                key2 = (fact.pack, fact.local)
                best = exams_passed.get(key2)
                exams_passed[key2] = fact.score if best is None else max(best, fact.score or 0.0)
                exams_passed_at.setdefault(key2, fact.ts)
        elif verb == "passed":
            if fact.score is not None:
                score = fact.score
                if kind == "quiz" and fact.registration in first:
                    score = _first_answer_score(
                        score, first[fact.registration], answers[fact.registration]
                    )
                key3 = (fact.pack, kind, fact.local)
                passed_best[key3] = max(passed_best.get(key3, -1.0), score)
            if kind == "placement" and fact.registration:
                placement_end[(fact.pack, fact.local)] = fact.registration
        elif verb == "failed" and kind == "placement" and fact.registration:
            placement_end[(fact.pack, fact.local)] = fact.registration

    placement = _placement(course, placement_end, answers)

    lessons: dict[LessonKey, LessonProgress] = {}
    modules: dict[ModuleKey, ModuleProgress] = {}
    for pack, module in course.modules_in_order():
        rows = []
        for slug in module.lessons:
            key = (pack.pack_id, slug)
            if key in completed:
                state = LessonState.DONE
            elif key in opened:
                state = LessonState.IN_PROGRESS
            else:
                state = LessonState.NOT_STARTED
            row = LessonProgress(
                pack.pack_id, module.module_id, slug, state, opened.get(key), spent.get(key, 0.0)
            )
            lessons[key] = row
            rows.append(row)
        best = passed_best.get((pack.pack_id, "quiz", module.quiz))
        mastered = best is not None and best >= module.pass_mark - _EPSILON
        skipped = (pack.pack_id, module.module_id) in placement.skipped
        done = sum(row.state is LessonState.DONE for row in rows)
        fraction = 1.0 if mastered or skipped else done / (len(rows) + 1)
        modules[(pack.pack_id, module.module_id)] = ModuleProgress(
            pack.pack_id,
            module.module_id,
            module.area,
            module.level,
            tuple(rows),
            done,
            mastered,
            skipped,
            best,
            fraction,
        )

    areas = {}
    for area in course.areas():
        in_area = [m for m in modules.values() if m.area == area]
        areas[area] = AreaProgress(
            area,
            tuple(m.key for m in in_area),
            sum(m.complete for m in in_area),
            sum(m.fraction for m in in_area) / len(in_area),
        )

    levels = {
        level: _level(level, course, modules, exams_passed, exams_passed_at)
        for level in course.levels()
    }
    continue_at = _continue(course, modules, last_open, last_done, placement)
    return Progress(lessons, modules, areas, levels, placement, continue_at)


def progress_of(
    statements: Iterable[Mapping[str, Any]],
    course: CourseMap,
    certified: Mapping[tuple[str, str], float | None] | None = None,
    revoked: frozenset[str] = frozenset(),
) -> Progress:
    """`derive` over statements in any order (see `derive` for the rest)."""
    return derive(learning_order(facts_of(statements)), course, certified, revoked)


def server_graded(fact: Fact) -> bool:
    """A result the server wrote that counts: status `graded` (a held, rejected or
    out-of-policy attempt is scored but does not count)."""
    return fact.grading is not None and fact.grading.get("status") == "graded"


def _first_answer_score(
    score: float, first: Mapping[str, float], last: Mapping[str, float]
) -> float:
    earned_last = sum(last.values())
    earned_first = sum(first.values())
    if earned_last <= earned_first + _EPSILON:
        return score
    # The device scored the mean of the last answers over the quiz's items, so the
    # same mean of the first answers is score × first / last.
    return score * earned_first / earned_last


def _level(
    level: int,
    course: CourseMap,
    modules: Mapping[ModuleKey, ModuleProgress],
    exams_passed: Mapping[tuple[str, str], float | None],
    exams_passed_at: Mapping[tuple[str, str], datetime],
) -> LevelProgress:
    at_level = tuple(key for key, m in modules.items() if m.level == level)
    exam_pack: PackMap | None = next(
        (p for p in course.packs if p.exam and p.exam.level == level), None
    )
    if exam_pack is None or exam_pack.exam is None:
        fraction = sum(modules[k].fraction for k in at_level) / max(len(at_level), 1)
        return LevelProgress(level, at_level, at_level, None, False, None, False, fraction)
    exam = exam_pack.exam
    required = tuple(k for k in at_level if k[0] == exam_pack.pack_id) or at_level
    exam_passed = (exam_pack.pack_id, exam.quiz) in exams_passed
    best = exams_passed.get((exam_pack.pack_id, exam.quiz))
    all_complete = all(modules[k].complete for k in required)
    fraction = (sum(modules[k].fraction for k in required) + exam_passed) / (len(required) + 1)
    return LevelProgress(
        level,
        at_level,
        required,
        (exam_pack.pack_id, exam.quiz),
        exam_passed,
        best,
        exam_passed and all_complete,
        fraction,
        exams_passed_at.get((exam_pack.pack_id, exam.quiz)),
    )


def _placement(
    course: CourseMap,
    finished: Mapping[tuple[str, str], str],
    answers: Mapping[str, Mapping[str, float]],
) -> PlacementResult:
    probes: dict[tuple[int, int], list[float]] = {}
    for pack in course.packs:
        for quiz in pack.placement_quizzes:
            registration = finished.get((pack.pack_id, quiz))
            if registration is None:
                continue
            for local, score in answers.get(registration, {}).items():
                target = pack.placement_items.get(local)
                if target is not None and local.startswith(quiz + "/"):
                    probes.setdefault(tuple(target), []).append(score)
    scores = probe_means(probes)
    skipped = set()
    for pack, module in course.modules_in_order():
        if skips(scores.get((module.area, module.level)), module.pass_mark):
            skipped.add((pack.pack_id, module.module_id))
    levels = course.levels()
    open_levels = [
        m.level for p, m in course.modules_in_order() if (p.pack_id, m.module_id) not in skipped
    ]
    start = min(open_levels) if open_levels else (levels[-1] if levels else None)
    return PlacementResult(bool(finished), frozenset(skipped), start, scores)


def _continue(
    course: CourseMap,
    modules: Mapping[ModuleKey, ModuleProgress],
    last_open: Fact | None,
    last_done: Fact | None,
    placement: PlacementResult,
) -> ContinuePoint | None:
    order: list[tuple[str, ModuleMap, str]] = [
        (pack.pack_id, module, slug)
        for pack, module in course.modules_in_order()
        for slug in module.lessons
    ]
    position = {(pack_id, slug): i for i, (pack_id, _, slug) in enumerate(order)}

    def state(i: int) -> LessonState:
        pack_id, module, slug = order[i]
        return next(
            row.state for row in modules[(pack_id, module.module_id)].lessons if row.slug == slug
        )

    def open_to_study(i: int) -> bool:
        pack_id, module, _ = order[i]
        if modules[(pack_id, module.module_id)].complete:
            return False
        return state(i) is not LessonState.DONE

    if last_open is not None and (last_done is None or last_open.ts > last_done.ts):
        i = position.get((last_open.pack, last_open.local))
        if i is not None and state(i) is not LessonState.DONE:
            pack_id, module, slug = order[i]
            return ContinuePoint(pack_id, module.module_id, slug, "resume")
    if last_done is not None:
        i = position.get((last_done.pack, last_done.local))
        if i is not None:
            for j in (*range(i + 1, len(order)), *range(0, i)):
                if open_to_study(j):
                    pack_id, module, slug = order[j]
                    return ContinuePoint(pack_id, module.module_id, slug, "next")
            return None
    start = placement.start_level
    candidates = [i for i in range(len(order)) if open_to_study(i)]
    preferred = [i for i in candidates if start is None or order[i][1].level >= start]
    for i in preferred or candidates:
        pack_id, module, slug = order[i]
        return ContinuePoint(pack_id, module.module_id, slug, "start")
    return None
