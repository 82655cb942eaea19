"""Learner logs written by hand, the small curriculum they refer to, and the cheap
key-derivation parameters the tests use. Imported by the tests and by conftest."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from desktop.store import CourseMap, ExamMap, KdfParams, ModuleMap, PackMap
from desktop.store.engine import open_attempts
from desktop.store.review import schedule
from sync.progress import derive, facts_of, learning_order
from sync.xapi import EXT_GRADING, SERVER_HOME_PAGE

# Argon2id at its cheapest, so that the suite stays fast; one test checks the defaults.
CHEAP_KDF = KdfParams(memory_kib=8, iterations=1, lanes=1)
PASSPHRASE = "mưa rơi trên phố cổ"
L1 = "vn.mofa.dl.l1"
L2 = "vn.mofa.dl.l2"
PLACEMENT = "vn.mofa.dl.placement"


def level_pack(level: int) -> PackMap:
    modules = [
        ModuleMap(
            f"l{level}-a{area}",
            area,
            level,
            [f"l{level}-a{area}-one", f"l{level}-a{area}-two"],
            f"l{level}-a{area}-quiz",
            0.8,
        )
        for area in range(1, 7)
    ]
    return PackMap(f"vn.mofa.dl.l{level}", 1, modules, ExamMap(f"l{level}-exam", level, 0.8))


def placement_pack() -> PackMap:
    items = {
        f"placement-l{level}/a{area}-{n}": (area, level)
        for level in (1, 2)
        for area in range(1, 7)
        for n in (1, 2)
    }
    return PackMap(
        PLACEMENT, 1, placement_quizzes=["placement-l1", "placement-l2"], placement_items=items
    )


def make_course() -> CourseMap:
    return CourseMap([level_pack(1), level_pack(2), placement_pack()])


class LogBuilder:
    """Statements as the app would record them, with a clock that moves a minute per
    statement unless told otherwise."""

    def __init__(self, profile_id: str | None = None, start: datetime | None = None) -> None:
        self.profile_id = profile_id or str(uuid.uuid4())
        self.clock = start or datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
        self.statements: list[dict[str, Any]] = []

    def add(self, verb: str, pack: str, kind: str, local: str, *, at=None, **extra) -> dict:
        from sync.xapi import make_statement

        self.clock = at or self.clock + timedelta(minutes=1)
        statement = make_statement(
            profile_id=self.profile_id,
            verb=verb,
            pack_id=pack,
            kind=kind,
            local_id=local,
            pack_version=1,
            app_version="0.1.0",
            device_id="6d2a4f8e-1111-4000-8000-000000000001",
            timestamp=self.clock.isoformat(timespec="milliseconds").replace("+00:00", "Z"),
            **extra,
        )
        self.statements.append(statement)
        return statement

    def opened(self, pack: str, lesson: str, **kw) -> dict:
        return self.add("experienced", pack, "lesson", lesson, **kw)

    def completed(self, pack: str, lesson: str, duration_s: float = 300, **kw) -> dict:
        return self.add(
            "completed", pack, "lesson", lesson, completion=True, duration_s=duration_s, **kw
        )

    def attempt(self, pack: str, quiz: str, kind: str = "quiz", **kw) -> str:
        registration = str(uuid.uuid4())
        self.add("attempted", pack, kind, quiz, registration=registration, **kw)
        return registration

    def answer(self, pack: str, quiz: str, item: str, right: bool, registration: str, **kw):
        return self.add(
            "answered",
            pack,
            "item",
            f"{quiz}/{item}",
            registration=registration,
            response="a" if right else "b",
            score=1.0 if right else 0.0,
            success=right,
            **kw,
        )

    def finish(self, pack: str, quiz: str, score: float, registration: str, kind="quiz", **kw):
        passed = score >= 0.8
        return self.add(
            "passed" if passed else "failed",
            pack,
            kind,
            quiz,
            registration=registration,
            score=score,
            success=passed,
            completion=True,
            **kw,
        )

    def take_quiz(self, pack: str, quiz: str, score: float, kind: str = "quiz") -> str:
        if kind == "exam":
            return self.take_exam(pack, quiz, score)
        registration = self.attempt(pack, quiz, kind)
        self.finish(pack, quiz, score, registration, kind)
        return registration

    def submit(self, pack: str, exam: str, registration: str, **kw) -> dict:
        """The device's submission of an exam attempt: completed, no score."""
        return self.add(
            "completed", pack, "exam", exam, registration=registration, completion=True, **kw
        )

    def server_result(
        self, pack: str, exam: str, registration: str, score: float, **grading
    ) -> dict:
        """The result statement the server writes for a submitted exam (authority the
        server, the grading extension), as a pull brings it."""
        passed = grading.pop("passed", score >= 0.8)
        grading.setdefault("status", "graded")
        statement = self.add(
            "passed" if passed else "failed",
            pack,
            "exam",
            exam,
            registration=registration,
            score=score,
            success=passed,
            completion=True,
        )
        statement["authority"] = {
            "objectType": "Agent",
            "account": {"homePage": SERVER_HOME_PAGE, "name": "grading-key-1"},
        }
        statement["result"]["extensions"] = {
            EXT_GRADING: {
                "per_area": {},
                "revisit": [],
                "certificate": None,
                "attempt": 1,
                "attempts_allowed": 3,
                "next_attempt_after": None,
                **grading,
            }
        }
        return statement

    def take_exam(self, pack: str, exam: str, score: float, **grading) -> str:
        """Attempt, submit, and the server's result."""
        registration = self.attempt(pack, exam, "exam")
        self.submit(pack, exam, registration)
        self.server_result(pack, exam, registration, score, **grading)
        return registration

    def master(self, pack: str, module_id: str) -> None:
        self.take_quiz(pack, f"{module_id}-quiz", 0.9)

    def placement(self, level: int, right_by_area: dict[int, int]) -> str:
        """A finished placement section: for each area, how many of its two items were
        right (areas not named: none)."""
        quiz = f"placement-l{level}"
        registration = self.attempt(PLACEMENT, quiz, "placement")
        total = right = 0
        for area in range(1, 7):
            for n in (1, 2):
                ok = n <= right_by_area.get(area, 0)
                self.answer(PLACEMENT, quiz, f"a{area}-{n}", ok, registration)
                total += 1
                right += ok
        self.finish(PLACEMENT, quiz, right / total, registration, "placement")
        return registration


def derived(statements, course: CourseMap | None = None):
    ordered = learning_order(facts_of(statements))
    return derive(ordered, course or make_course())


def review_items(statements):
    return schedule(learning_order(facts_of(statements)))


def attempts(statements):
    return open_attempts(learning_order(facts_of(statements)))
