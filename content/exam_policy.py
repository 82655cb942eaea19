"""The retake policy and plausibility floor of a level exam, as its manifest states them.

Both ends apply it: the app to say when the exam can be taken again, the server to
decide which submissions may earn a certificate (docs/assessment.md section 4).
Packs built before the policy existed carry none and get the defaults.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

DEFAULT_COOLDOWN_HOURS = 24
DEFAULT_ATTEMPTS = 3
# The time to read a short prompt and four options once; nobody who read the items
# answers faster, so an attempt below it is held for an admin (docs/assessment.md).
DEFAULT_MIN_SECONDS_PER_ITEM = 8


@dataclass(frozen=True)
class ExamPolicy:
    cooldown_hours: int = DEFAULT_COOLDOWN_HOURS
    attempts: int = DEFAULT_ATTEMPTS  # per learner and pack version
    min_seconds_per_item: int = DEFAULT_MIN_SECONDS_PER_ITEM

    @classmethod
    def of(cls, manifest: Mapping[str, Any]) -> ExamPolicy:
        exam = manifest.get("exam") or {}
        retake = exam.get("retake") or {}
        return cls(
            int(retake.get("cooldown_hours", DEFAULT_COOLDOWN_HOURS)),
            int(retake.get("attempts", DEFAULT_ATTEMPTS)),
            int(exam.get("min_seconds_per_item", DEFAULT_MIN_SECONDS_PER_ITEM)),
        )

    def next_attempt_after(self, previous_submission: datetime) -> datetime:
        return previous_submission + timedelta(hours=self.cooldown_hours)

    def plausible(self, items: int, seconds: float) -> bool:
        """Whether `items` answered in `seconds` leaves time to have read them."""
        return seconds >= items * self.min_seconds_per_item
