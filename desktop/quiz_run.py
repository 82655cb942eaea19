"""One attempt at a quiz, an exam or the placement test, as plain Python.

Practice mode grades each answer at once and shows the explanation; exam mode keeps
feedback until the end. Every answer is recorded as it is given, so an attempt
interrupted by a closed lid or a crash resumes where it stopped.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from content.grading import Grade, decode_response, encode_response, grade
from content.quiz import Item, Quiz

if TYPE_CHECKING:
    from content.library import InstalledPack


@dataclass(frozen=True)
class Question:
    quiz_slug: str
    item: Item


@dataclass(frozen=True)
class QuizResult:
    score: float
    passed: bool
    pass_mark: float
    wrong: tuple[Question, ...]
    per_quiz: dict[str, float]


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
    review: bool = False  # a review session: answers feed the review queue, nothing is passed
    registrations: dict[str, str] = field(default_factory=dict)
    answers: dict[tuple[str, str], tuple[Any, Grade]] = field(default_factory=dict)
    questions: list[Question] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)
    elapsed_before: float = 0.0

    def __post_init__(self) -> None:
        if not self.questions:
            for quiz in self.quizzes:
                items = list(quiz.items)
                if quiz.shuffle and self.practice:
                    random.shuffle(items)
                self.questions.extend(Question(quiz.slug, item) for item in items)

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
        run = cls(learner, pack, quizzes, kind, practice, **extra)
        for quiz in quizzes:
            # A review session answers a few items of a quiz; it must not start (or later
            # pass) an attempt at the whole quiz.
            run.registrations[quiz.slug] = (
                str(uuid.uuid4())
                if run.review
                else learner.attempt_started(pack.pack_id, pack.version, quiz.slug, kind=kind)
            )
        return run

    @classmethod
    def resume(
        cls,
        learner,
        pack: InstalledPack,
        quizzes: Sequence[Quiz],
        kind: str,
        attempts: Sequence[Any],
        **extra: Any,
    ) -> QuizRun:
        """Continue open attempts (from `learner.open_attempts()`), answers restored."""
        run = cls(learner, pack, quizzes, kind, practice=False, **extra)
        by_slug = {quiz.slug: quiz for quiz in quizzes}
        for attempt in attempts:
            quiz = by_slug[attempt.quiz_slug]
            run.registrations[quiz.slug] = attempt.registration
            run.elapsed_before = max(run.elapsed_before, time.time() - attempt.started.timestamp())
            for item_id, answered in attempt.answered.items():
                try:
                    item = quiz.item(item_id)
                except KeyError:
                    continue
                response = decode_response(item, answered.response or "")
                run.answers[(quiz.slug, item_id)] = (response, grade(item, response))
        return run

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

    def answer(
        self, question: Question, response: Any, lang: str = "vi", duration_s: float | None = None
    ) -> Grade:
        result = grade(question.item, response, lang)
        self.answers[(question.quiz_slug, question.item.id)] = (response, result)
        self.learner.item_answered(
            self.pack.pack_id,
            self.pack.version,
            question.quiz_slug,
            question.item.id,
            encode_response(question.item, response),
            result.score,
            result.correct,
            self.registrations[question.quiz_slug],
            duration_s,
        )
        return result

    def finish(self) -> QuizResult:
        per_quiz: dict[str, float] = {}
        for quiz in self.quizzes:
            scores = [
                self.answers.get((quiz.slug, i.id), (None, Grade(0.0)))[1].score for i in quiz.items
            ]
            score = sum(scores) / len(scores) if scores else 0.0
            per_quiz[quiz.slug] = score
            if self.review:
                continue
            self.learner.quiz_finished(
                self.pack.pack_id,
                self.pack.version,
                quiz.slug,
                score,
                score >= quiz.pass_mark,
                self.registrations[quiz.slug],
                self.elapsed_s,
                kind=self.kind,
                level=self.level,
            )
        total = len(self.questions)
        overall = sum(
            self.answers.get((q.quiz_slug, q.item.id), (None, Grade(0.0)))[1].score
            for q in self.questions
        ) / max(total, 1)
        pass_mark = self.quizzes[0].pass_mark if self.quizzes else 0.8
        wrong = tuple(
            q
            for q in self.questions
            if not self.answers.get((q.quiz_slug, q.item.id), (None, Grade(0.0)))[1].correct
        )
        return QuizResult(overall, overall >= pass_mark, pass_mark, wrong, per_quiz)
