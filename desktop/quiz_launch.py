"""What starting a quiz, an exam or the placement test means, as plain Python.

Each launch is first an *introduction* (`QuizIntro`: how many items, how long, what
counts, what comes next) computed without starting anything, so Cancel leaves no
attempt behind; then the run itself (`desktop.quiz_run.QuizRun`). The choices that
used to sit in the main window live here: which open attempt a launch resumes, how a
run interrupted by a lock is taken up again. (A review session is
`desktop.review_session`.)
Runs on the store's worker (these functions read and write the learner store).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from content.forms import draw_form
from content.quiz import Quiz
from desktop.quiz_run import QuizRun, exam_preflight, recorded_form

if TYPE_CHECKING:
    from content.library import InstalledPack
    from desktop.catalog import Catalog

# A plain estimate of the time a question takes, said in the introduction of an untimed
# quiz; the placement test is read faster (no feedback between its questions).
SECONDS_PER_ITEM = {"quiz": 60, "placement": 40, "exam": 60}


@dataclass(frozen=True)
class Launch:
    """Which run a launch makes: enough to start it again (Retry) or resume it after a
    lock. `registrations` names the attempts to resume; empty for a fresh start."""

    kind: str  # "quiz" (a module quiz), "exam" or "placement"
    pack_id: str
    quiz_slugs: tuple[str, ...]
    module_id: str | None = None
    registrations: tuple[str, ...] = ()
    index: int = 0  # the question shown when the run was interrupted


@dataclass(frozen=True)
class QuizIntro:
    launch: Launch
    items: int
    time_limit_minutes: int | None  # a timed exam; None: untimed
    estimate_minutes: int  # untimed: about how long it takes
    pass_mark: float
    practice: bool  # each answer checked at once; nothing is certified
    answered: int = 0  # resuming: questions already answered
    attempts_left: int | None = None  # an exam: at this version of the exam
    attempts_allowed: int | None = None
    areas: int = 0  # the placement test: its sections
    gate: Any = None  # an exam that cannot start now: why (desktop.store.exams.ExamGate)
    minutes_left: int | None = None  # resuming a timed exam: its clock ran while away

    @property
    def resuming(self) -> bool:
        return bool(self.launch.registrations)

    @property
    def can_start(self) -> bool:
        return self.gate is None or self.gate.open or self.resuming


def _estimate(kind: str, items: int) -> int:
    return max(1, math.ceil(items * SECONDS_PER_ITEM.get(kind, 60) / 60))


def _form_size(quiz: Quiz) -> int:
    return len(draw_form(quiz, 0).items)


def _open(learner, pack_id: str, kind: str, quizzes: Sequence[Quiz]) -> dict[str, Any]:
    """The newest open attempt of `kind` at each quiz whose form still fits (an older
    open one was abandoned), by quiz slug."""
    by_slug = {quiz.slug: quiz for quiz in quizzes}
    newest: dict[str, Any] = {}
    for attempt in learner.open_attempts():
        quiz = by_slug.get(attempt.quiz_slug)
        if attempt.pack_id == pack_id and attempt.kind == kind and quiz is not None:
            newest[quiz.slug] = attempt
    return {
        slug: attempt
        for slug, attempt in newest.items()
        if recorded_form(by_slug[slug], attempt) is not None
    }


def module_quiz_intro(pack: InstalledPack, quiz: Quiz, module_id: str) -> QuizIntro:
    items = _form_size(quiz)
    return QuizIntro(
        Launch("quiz", pack.pack_id, (quiz.slug,), module_id),
        items,
        None,
        _estimate("quiz", items),
        quiz.pass_mark,
        practice=True,
    )


def exam_intro(learner, pack: InstalledPack, quiz: Quiz, now: datetime | None = None) -> QuizIntro:
    """The exam's introduction: an open attempt to resume (with what is answered), or a
    new attempt with the attempts left, or why none can start now (`gate`)."""
    preflight = exam_preflight(learner, pack, quiz, now)
    gate = preflight.gate
    answered = 0
    registrations: tuple[str, ...] = ()
    minutes_left = None
    if preflight.resumable:
        attempt = _open(learner, pack.pack_id, "exam", [quiz]).get(quiz.slug)
        if attempt is not None:
            registrations = (attempt.registration,)
            answered = len(attempt.answered)
            if preflight.time_limit_minutes:
                spent = ((now or datetime.now(UTC)) - attempt.started).total_seconds()
                left = preflight.time_limit_minutes * 60 - spent
                minutes_left = min(preflight.time_limit_minutes, max(0, math.ceil(left / 60)))
    return QuizIntro(
        Launch("exam", pack.pack_id, (quiz.slug,), None, registrations),
        preflight.items,
        preflight.time_limit_minutes,
        _estimate("exam", preflight.items),
        quiz.pass_mark,
        practice=False,
        answered=answered,
        attempts_left=gate.attempts_left,
        attempts_allowed=gate.attempts_allowed,
        gate=gate,
        minutes_left=minutes_left,
    )


def placement_intro(learner, pack: InstalledPack, quizzes: Sequence[Quiz]) -> QuizIntro:
    """The placement test's introduction; a test left earlier is resumed where it was."""
    opened = _open(learner, pack.pack_id, "placement", quizzes)
    items = sum(_form_size(quiz) for quiz in quizzes)
    areas = {item.measured_area for quiz in quizzes for item in quiz.items}
    return QuizIntro(
        Launch(
            "placement",
            pack.pack_id,
            tuple(quiz.slug for quiz in quizzes),
            None,
            tuple(attempt.registration for attempt in opened.values()),
        ),
        items,
        None,
        _estimate("placement", items),
        min((quiz.pass_mark for quiz in quizzes), default=0.8),
        practice=False,
        answered=sum(len(attempt.answered) for attempt in opened.values()),
        areas=len(areas - {None}),
    )


def exam_extra(pack: InstalledPack) -> dict[str, Any]:
    exam = pack.manifest.get("exam") or {}
    limit = exam.get("time_limit_minutes")
    return {"level": exam.get("level"), "time_limit_s": limit * 60 if limit else None}


def make_run(learner, catalog: Catalog, launch: Launch) -> QuizRun:
    """The run a launch stands for: its named attempts resumed (same forms, answers
    restored), or new attempts (a module quiz always starts afresh unless resumed)."""
    pack = catalog.packs[launch.pack_id]
    quizzes = [catalog.quiz(launch.pack_id, slug) for slug in launch.quiz_slugs]
    practice = launch.kind == "quiz"
    extra = exam_extra(pack) if launch.kind == "exam" else {}
    if launch.registrations:
        wanted = set(launch.registrations)
        attempts = [a for a in learner.open_attempts() if a.registration in wanted]
        if attempts:
            from content.forms import FormError

            try:
                return QuizRun.resume(
                    learner, pack, quizzes, launch.kind, attempts, practice=practice, **extra
                )
            except FormError:
                pass  # the pack changed under the attempt: a new one starts
    return QuizRun.start(learner, pack, quizzes, launch.kind, practice=practice, **extra)


def suspended(run: QuizRun, index: int, module_id: str | None) -> Launch | None:
    """How to take `run` up again after a lock: its attempts by registration, at the
    question shown."""
    kind = run.kind
    slugs = tuple(quiz.slug for quiz in run.quizzes)
    registrations = tuple(run.registrations[slug] for slug in slugs if slug in run.registrations)
    return Launch(kind, run.pack.pack_id, slugs, module_id, registrations, index)


@dataclass(frozen=True)
class PlacementArea:
    """One line of the placement result: the levels of an area the learner may skip,
    and the level to study it from (None: every level of it skipped)."""

    area: int
    skipped_levels: tuple[int, ...]
    study_level: int | None


def placement_summary(learner, catalog: Catalog) -> tuple[tuple[PlacementArea, ...], int | None]:
    """The placement result by area, and the level to start at, from the progress rule."""
    progress = learner.progress(catalog.course_map())
    skipped = progress.placement.skipped
    levels: dict[int, dict[int, bool]] = {}
    for module in catalog.modules():
        key = (module.pack_id, module.module_id)
        held = levels.setdefault(module.area, {})
        held[module.level] = held.get(module.level, True) and key in skipped
    lines = []
    for area in sorted(levels):
        by_level = levels[area]
        skip = tuple(level for level in sorted(by_level) if by_level[level])
        study = next((level for level in sorted(by_level) if not by_level[level]), None)
        lines.append(PlacementArea(area, skip, study))
    return tuple(lines), progress.placement.start_level
