"""A learner's level exams as the device knows them: what was submitted, what the
server answered, and whether a new attempt may start now (docs/assessment.md).

The device never grades an exam. It submits (`completed` on the exam activity) and
waits for the result statement the server writes (authority `urn:hocvu:server`,
grading in `urn:hocvu:ext:grading`), which arrives by a pull or in a return bundle
and is matched to its submission by the attempt's registration.

The retake policy (`content.exam_policy.ExamPolicy`: a cooldown after each
submission and a number of attempts per pack version) is the server's to enforce; the device
applies the same policy to what it knows so that a learner is told before starting,
not after submitting. Pure functions over the engine's facts, no database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from content.exam_policy import ExamPolicy
from sync.progress import Fact
from sync.xapi import parse_timestamp

# What the server's `status` can say (docs/assessment.md section 2).
STATUSES = ("graded", "cooldown", "attempt_limit", "rejected", "invalid")


@dataclass(frozen=True)
class ExamResult:
    """The server's result for one submission. Never holds keys or answers."""

    statement_id: str
    passed: bool  # the verb: passed or failed
    score: float | None
    status: str  # one of STATUSES, or "" when the server sent none
    per_area: Mapping[int, float] = field(default_factory=dict)
    revisit: tuple[str, ...] = ()
    certificate: str | None = None
    attempt: int | None = None
    attempts_allowed: int | None = None
    next_attempt_after: datetime | None = None

    @property
    def counts(self) -> bool:
        """Graded: the score is what the attempt earned (passed or not)."""
        return self.status == "graded"

    @classmethod
    def of(cls, fact: Fact) -> ExamResult:
        grading = fact.grading or {}
        per_area: dict[int, float] = {}
        for area, value in dict(grading.get("per_area") or {}).items():
            try:
                per_area[int(area)] = float(value)
            except (TypeError, ValueError):
                continue
        after = None
        if grading.get("next_attempt_after"):
            try:
                after = parse_timestamp(grading["next_attempt_after"])
            except ValueError:
                after = None
        return cls(
            fact.id,
            fact.verb == "passed",
            fact.score,
            str(grading.get("status") or ""),
            per_area,
            tuple(str(c) for c in grading.get("revisit") or ()),
            grading.get("certificate") or None,
            _whole(grading.get("attempt")),
            _whole(grading.get("attempts_allowed")),
            after,
        )


@dataclass(frozen=True)
class ExamSubmission:
    registration: str
    pack_version: int | None
    submitted_at: datetime
    result: ExamResult | None

    @property
    def awaiting(self) -> bool:
        return self.result is None


@dataclass(frozen=True)
class ExamGate:
    """Whether a new attempt may start now, and if not, why and until when."""

    open: bool
    reason: str | None  # None, "cooldown" or "attempt_limit"
    reopens_at: datetime | None
    attempts_used: int
    attempts_allowed: int

    @property
    def attempts_left(self) -> int:
        return max(0, self.attempts_allowed - self.attempts_used)


@dataclass(frozen=True)
class ExamStanding:
    pack_id: str
    exam_slug: str
    submissions: tuple[ExamSubmission, ...]  # oldest first

    @property
    def latest(self) -> ExamSubmission | None:
        return self.submissions[-1] if self.submissions else None

    @property
    def awaiting(self) -> bool:
        """The latest submission has no result yet: "submitted, awaiting result"."""
        return self.latest is not None and self.latest.awaiting

    @property
    def passed(self) -> bool:
        return any(s.result and s.result.passed and s.result.counts for s in self.submissions)

    def gate(self, policy: ExamPolicy, pack_version: int, now: datetime) -> ExamGate:
        at_version = [s for s in self.submissions if s.pack_version in (None, pack_version)]
        used = len(at_version)
        allowed = policy.attempts
        reopens: datetime | None = None
        if at_version:
            last = at_version[-1]
            reopens = policy.next_attempt_after(last.submitted_at)
        # The server knows submissions from every device: its word, where it gave one,
        # can only make the device stricter.
        for submission in at_version:
            result = submission.result
            if result is None:
                continue
            if result.attempt is not None:
                used = max(used, result.attempt)
            if result.attempts_allowed is not None:
                allowed = result.attempts_allowed
            if result.next_attempt_after is not None and (
                reopens is None or result.next_attempt_after > reopens
            ):
                reopens = result.next_attempt_after
        if used >= allowed:
            return ExamGate(False, "attempt_limit", None, used, allowed)
        if reopens is not None and now < reopens:
            return ExamGate(False, "cooldown", reopens, used, allowed)
        return ExamGate(True, None, None, used, allowed)


def exam_standing(ordered: list[Fact], pack_id: str, exam_slug: str) -> ExamStanding:
    """Submissions of this exam (from any of the learner's devices) with the server's
    result for each, from facts in learning order."""
    submitted: dict[str, tuple[datetime, int | None]] = {}
    versions: dict[str, int | None] = {}
    results: dict[str, ExamResult] = {}
    result_times: dict[str, datetime] = {}
    for fact in ordered:
        if fact.kind != "exam" or (fact.pack, fact.local) != (pack_id, exam_slug):
            continue
        registration = fact.registration
        if not registration:
            continue
        if fact.verb == "attempted":
            versions.setdefault(registration, fact.version)
        elif fact.verb == "completed":
            submitted.setdefault(registration, (fact.ts, fact.version))
        elif fact.verb in ("passed", "failed") and fact.grading is not None:
            results[registration] = ExamResult.of(fact)
            result_times.setdefault(registration, fact.ts)
    for registration, at in result_times.items():
        # A result whose submission this device has not seen (yet) still counts.
        submitted.setdefault(registration, (at, versions.get(registration)))
    submissions = [
        ExamSubmission(registration, version, at, results.get(registration))
        for registration, (at, version) in submitted.items()
    ]
    submissions.sort(key=lambda s: (s.submitted_at, s.registration))
    return ExamStanding(pack_id, exam_slug, tuple(submissions))


def _whole(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None
