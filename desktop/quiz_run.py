"""One attempt at a quiz, an exam or the placement test, as plain Python.

Every attempt shows a *form* drawn from its quiz with a fresh seed
(`content.forms`): which items, in which order, each item's options in which
order. Items of the learner's previous attempt at the same quiz are drawn last.
The form is recorded on the attempt's `attempted` statement, so an attempt
interrupted by a closed lid or a crash resumes with the same items in the same
order, and the server can rebuild what it grades. Responses are always the
pack's option ids, whatever position an option was shown at.

- Practice (module quizzes) grades each answer on the device at once, and
  the first answer to an item is the one that counts: once checked, the item is
  locked, and checking again records nothing.
- Placement grades on the device at the end (it only shapes the learner's path).
- An exam is never graded on the device: its items are sealed. Each response is
  recorded with its duration and no score; submitting records `completed`. The
  result and any certificate come from the server (`desktop.store.exams`).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from content.exam_policy import ExamPolicy
from content.forms import Form, FormError, check_form, draw_form, new_seed, score_attempt
from content.grading import Grade, decode_response, encode_response, grade
from content.localised import pick
from content.quiz import Item, Quiz

if TYPE_CHECKING:
    # Annotations only: the store (SQLAlchemy) loads after the unlock screen shows.
    from content.library import InstalledPack
    from desktop.store.exams import ExamGate, ExamStanding


@dataclass(frozen=True)
class Question:
    quiz_slug: str
    item: Item
    # Option ids (single, multiple), right-hand choice ids (matching) or step ids
    # (ordering, as they start) in the order the form shows them.
    order: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuizResult:
    score: float
    passed: bool
    pass_mark: float
    wrong: tuple[Question, ...]
    per_quiz: dict[str, float]
    submitted: bool = False  # an exam: submitted for the server to grade, no score here
    unanswered: int = 0
    # Practice and placement: (area, right, asked) in area order; the competences of the
    # items not fully right, to revisit. Empty for an exam: the device knows no score.
    by_area: tuple[tuple[int, float, int], ...] = ()
    revisit: tuple[str, ...] = ()


@dataclass(frozen=True)
class Section:
    """Where a placement question stands: area `number` of `count`, question `position`
    of the `size` in that area (both counted from 1)."""

    area: int
    number: int
    count: int
    position: int
    size: int


@dataclass
class QuizRun:
    """`kind` is quiz, exam or placement; `practice` gives feedback after each answer."""

    learner: Any
    pack: InstalledPack
    quizzes: Sequence[Quiz]
    kind: str
    practice: bool
    level: int | None = None
    time_limit_s: float | None = None
    registrations: dict[str, str] = field(default_factory=dict)
    forms: dict[str, Form] = field(default_factory=dict)
    # (quiz slug, item id) -> (response, grade); the grade is None for an exam item.
    answers: dict[tuple[str, str], tuple[Any, Grade | None]] = field(default_factory=dict)
    questions: list[Question] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    elapsed_before: float = 0.0
    shown_at: float = field(default_factory=time.monotonic)

    @property
    def graded_here(self) -> bool:
        """Whether the device grades this attempt (not an exam)."""
        return self.kind != "exam"

    @classmethod
    def start(
        cls,
        learner,
        pack: InstalledPack,
        quizzes: Sequence[Quiz],
        kind: str,
        practice: bool,
        **extra: Any,
    ) -> QuizRun:
        """A new attempt at each quiz, each with a freshly drawn form."""
        run = cls(learner, pack, quizzes, kind, practice, **extra)
        for quiz in quizzes:
            run._start_quiz(quiz)
        run._build_questions()
        return run

    @classmethod
    def resume(
        cls,
        learner,
        pack: InstalledPack,
        quizzes: Sequence[Quiz],
        kind: str,
        attempts: Sequence[Any],
        practice: bool = False,
        **extra: Any,
    ) -> QuizRun:
        """Continue open attempts (from `learner.open_attempts()`) with the form each
        recorded, answers restored; a quiz without a resumable attempt starts anew.
        Raise FormError when no attempt can be resumed."""
        run = cls(learner, pack, quizzes, kind, practice=practice, **extra)
        by_slug = {quiz.slug: quiz for quiz in quizzes}
        resumed = 0
        for attempt in attempts:
            quiz = by_slug.get(attempt.quiz_slug)
            if quiz is None or quiz.slug in run.forms:
                continue
            form = recorded_form(quiz, attempt)
            if form is None:
                continue
            resumed += 1
            run.forms[quiz.slug] = form
            run.registrations[quiz.slug] = attempt.registration
            run.elapsed_before = max(run.elapsed_before, time.time() - attempt.started.timestamp())
            for item_id, answered in attempt.answered.items():
                if item_id not in form.item_ids:
                    continue
                item = quiz.item(item_id)
                response = decode_response(item, answered.response or "")
                run.answers[(quiz.slug, item_id)] = (response, run._grade(item, response))
        if not resumed:
            raise FormError("no open attempt has a form that fits the installed quiz")
        for quiz in quizzes:
            if quiz.slug not in run.forms:
                run._start_quiz(quiz)
        run._build_questions()
        return run

    @classmethod
    def start_or_resume(
        cls,
        learner,
        pack: InstalledPack,
        quizzes: Sequence[Quiz],
        kind: str,
        **extra: Any,
    ) -> QuizRun:
        """Resume this pack's open attempts of `kind` at these quizzes if any can be;
        else start new ones (exams and placement: feedback only at the end)."""
        slugs = {quiz.slug for quiz in quizzes}
        open_ = [
            a
            for a in learner.open_attempts()
            if a.pack_id == pack.pack_id and a.kind == kind and a.quiz_slug in slugs
        ]
        if open_:
            # The newest attempt at each quiz: an older one was abandoned.
            newest = {a.quiz_slug: a for a in open_}
            try:
                return cls.resume(learner, pack, quizzes, kind, list(newest.values()), **extra)
            except FormError:
                pass
        return cls.start(learner, pack, quizzes, kind, practice=False, **extra)

    def _start_quiz(self, quiz: Quiz) -> None:
        avoid = self.learner.previous_items(self.pack.pack_id, self.kind, quiz.slug)
        form = draw_form(quiz, new_seed(), avoid)
        self.forms[quiz.slug] = form
        self.registrations[quiz.slug] = self.learner.attempt_started(
            self.pack.pack_id, self.pack.version, quiz.slug, kind=self.kind, form=form.to_json()
        )

    def _build_questions(self) -> None:
        self.questions = []
        for quiz in self.quizzes:
            form = self.forms[quiz.slug]
            for entry in form.items:
                self.questions.append(Question(quiz.slug, quiz.item(entry.item_id), entry.order))
        if self.kind == "placement":
            # Sections by area (each from level 1 up): the learner thinks about one field
            # at a time. The order follows from the recorded forms, so it resumes the same.
            self.questions.sort(key=lambda q: q.item.measured_area or 0)

    def section(self, index: int) -> Section | None:
        """The area section of question `index` (placement only)."""
        if self.kind != "placement" or not 0 <= index < len(self.questions):
            return None
        areas = sorted({q.item.measured_area or 0 for q in self.questions})
        area = self.questions[index].item.measured_area or 0
        members = [n for n, q in enumerate(self.questions) if (q.item.measured_area or 0) == area]
        return Section(
            area, areas.index(area) + 1, len(areas), members.index(index) + 1, len(members)
        )

    def _grade(self, item: Item, response: Any, lang: str = "vi") -> Grade | None:
        if not self.graded_here or item.sealed is not None:
            return None
        return grade(item, response, lang)

    # ------------------------------------------------------------------ answering

    @property
    def elapsed_s(self) -> float:
        return self.elapsed_before + time.monotonic() - self.started

    @property
    def remaining_s(self) -> float | None:
        if self.time_limit_s is None:
            return None
        return max(0.0, self.time_limit_s - self.elapsed_s)

    def first_unanswered(self) -> int:
        for n, question in enumerate(self.questions):
            if (question.quiz_slug, question.item.id) not in self.answers:
                return n
        return len(self.questions)

    @property
    def unanswered(self) -> int:
        return sum(1 for q in self.questions if (q.quiz_slug, q.item.id) not in self.answers)

    def shown(self) -> None:
        """The UI showed a question: its answer's duration counts from now."""
        self.shown_at = time.monotonic()

    def locked(self, question: Question) -> bool:
        """A practice item already answered: its first answer stands."""
        return self.practice and (question.quiz_slug, question.item.id) in self.answers

    def answer(
        self, question: Question, response: Any, lang: str = "vi", duration_s: float | None = None
    ) -> Grade | None:
        """Record a response. In practice the first answer counts: a locked item
        records nothing and returns the grade it got. An exam response is recorded with
        no score (None is returned): the server grades it."""
        key = (question.quiz_slug, question.item.id)
        if self.locked(question):
            return self.answers[key][1]
        result = self._grade(question.item, response, lang)
        if duration_s is None:
            duration_s = time.monotonic() - self.shown_at
        self.answers[key] = (response, result)
        self.learner.item_answered(
            self.pack.pack_id,
            self.pack.version,
            question.quiz_slug,
            question.item.id,
            encode_response(question.item, response),
            None if result is None else result.score,
            None if result is None else result.correct,
            self.registrations[question.quiz_slug],
            duration_s,
        )
        return result

    def _score(self, quiz_slug: str, item_id: str) -> float:
        saved = self.answers.get((quiz_slug, item_id))
        return saved[1].score if saved is not None and saved[1] is not None else 0.0

    def finish(self) -> QuizResult:
        if not self.graded_here:
            return self._submit()
        per_quiz: dict[str, float] = {}
        total = 0.0
        for quiz in self.quizzes:
            form = self.forms[quiz.slug]
            scores = {i: self._score(quiz.slug, i) for i in form.item_ids}
            score = score_attempt(quiz, form, scores).score
            per_quiz[quiz.slug] = score
            total += sum(scores.values())
            self.learner.quiz_finished(
                self.pack.pack_id,
                self.pack.version,
                quiz.slug,
                score,
                score >= quiz.pass_mark - 1e-9,
                self.registrations[quiz.slug],
                self.elapsed_s,
                kind=self.kind,
            )
        overall = total / max(len(self.questions), 1)
        pass_mark = self.quizzes[0].pass_mark if self.quizzes else 0.8
        wrong = tuple(q for q in self.questions if self._score(q.quiz_slug, q.item.id) < 1.0)
        return QuizResult(
            overall,
            overall >= pass_mark - 1e-9,
            pass_mark,
            wrong,
            per_quiz,
            False,
            self.unanswered,
            self._by_area(),
            tuple(sorted({c for q in wrong for c in q.item.competences}, key=_competence_order)),
        )

    def _by_area(self) -> tuple[tuple[int, float, int], ...]:
        right: dict[int, float] = {}
        asked: dict[int, int] = {}
        for q in self.questions:
            area = q.item.measured_area or 0
            right[area] = right.get(area, 0.0) + self._score(q.quiz_slug, q.item.id)
            asked[area] = asked.get(area, 0) + 1
        return tuple((area, right[area], asked[area]) for area in sorted(asked))

    def _submit(self) -> QuizResult:
        for quiz in self.quizzes:
            self.learner.exam_submitted(
                self.pack.pack_id,
                self.pack.version,
                quiz.slug,
                self.registrations[quiz.slug],
                self.elapsed_s,
            )
        pass_mark = self.quizzes[0].pass_mark if self.quizzes else 0.8
        return QuizResult(0.0, False, pass_mark, (), {}, True, self.unanswered)


def _competence_order(code: str) -> tuple:
    return tuple(int(part) if part.isdigit() else 0 for part in code.split("."))


def recorded_form(quiz: Quiz, attempt: Any) -> Form | None:
    """The form an open attempt recorded, if it still fits the installed quiz."""
    if attempt.form is None:
        return None  # recorded before forms were: it cannot be shown identically
    try:
        form = Form.from_json(attempt.form)
        check_form(quiz, form)
    except FormError:
        return None
    return form


# ---------------------------------------------------------------------- exams


@dataclass(frozen=True)
class ExamPreflight:
    """What the learner is told before an exam starts: whether it may start now, how
    many items, how long, how many attempts are left; or that one is open to resume."""

    resumable: bool
    gate: ExamGate
    items: int
    time_limit_minutes: int | None
    standing: ExamStanding


def exam_preflight(
    learner, pack: InstalledPack, quiz: Quiz, now: datetime | None = None
) -> ExamPreflight:
    exam: Mapping[str, Any] = pack.manifest.get("exam") or {}
    standing = learner.exam_standing(pack.pack_id, quiz.slug)
    gate = standing.gate(ExamPolicy.of(pack.manifest), pack.version, now or datetime.now(UTC))
    resumable = any(
        a.pack_id == pack.pack_id
        and a.kind == "exam"
        and a.quiz_slug == quiz.slug
        and recorded_form(quiz, a) is not None
        for a in learner.open_attempts()
    )
    return ExamPreflight(
        resumable,
        gate,
        len(draw_form(quiz, 0).items),
        exam.get("time_limit_minutes"),
        standing,
    )


def answer_lines(item: Item, response: Any, lang: str, true_false: tuple[str, str]) -> list[str]:
    """What the learner answered to an item, as lines of text (empty: not answered)."""
    if response in (None, "", [], {}, set()):
        return []
    if item.type in ("single", "multiple"):
        chosen = set(response) if item.type == "multiple" else {response}
        return [pick(o.text, lang) for o in item.options if o.id in chosen]
    if item.type == "true_false":
        return [true_false[0] if response else true_false[1]]
    if item.type in ("short_answer", "numeric"):
        return [str(response)]
    if item.type == "ordering":
        steps = {s.id: s for s in (*item.steps, *item.distractors)}
        return [
            f"{n}. {pick(steps[i].text, lang)}" for n, i in enumerate(response, 1) if i in steps
        ]
    lefts = {p.id: p for p in item.pairs}
    rights = {p.id: p.right for p in item.pairs} | {d.id: d.text for d in item.distractors}
    return [
        f"{pick(lefts[left].left, lang)} → {pick(rights[right], lang)}"
        for left, right in response.items()
        if left in lefts and right in rights
    ]


def key_lines(item: Item, lang: str, true_false: tuple[str, str]) -> list[str]:
    """The right answer to a practice item as lines of text, shown after a wrong check
    (`true_false`: the words for true and false). Empty for a sealed item: the device
    does not know its key."""
    if item.sealed is not None:
        return []
    if item.type == "single":
        best = max(item.options, key=lambda o: o.weight if o.weight is not None else o.correct)
        return [pick(best.text, lang)]
    if item.type == "multiple":
        return [
            pick(o.text, lang)
            for o in item.options
            if (o.weight or 0) > 0 or (o.weight is None and o.correct)
        ]
    if item.type == "true_false":
        return [true_false[0] if item.answer else true_false[1]]
    if item.type == "short_answer":
        answers = item.accept.get(lang) or next(iter(item.accept.values()), ())
        best = max(answers, key=lambda a: a.weight, default=None)
        return [best.text] if best is not None else []
    if item.type == "numeric":
        best = max(item.answers, key=lambda a: a.weight, default=None)
        if best is None:
            return []
        if best.value is not None:
            value = f"{best.value:g}"
            return [f"{value} ± {best.tolerance:g}" if best.tolerance else value]
        return [f"{best.min:g} – {best.max:g}"]
    if item.type == "ordering":
        return [f"{n}. {pick(s.text, lang)}" for n, s in enumerate(item.steps, 1)]
    return [f"{pick(p.left, lang)} → {pick(p.right, lang)}" for p in item.pairs]
