"""The statistics of item analysis, from sums the database adds up (plain Python, no
database): share correct, discrimination, and the flags a trainer acts on.

Discrimination is the point-biserial correlation between the score of a learner's
first answer to the item (0 or 1, or partial credit) and the mean score of the
other items of the same attempt (the *rest* score). Leaving the item out of the
total keeps a short quiz's item from correlating with itself. It is Pearson's r
from the sums n, Σx, Σx², Σy, Σy², Σxy, so a scope's figure is one GROUP BY.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# Share correct above which an item teaches nothing about who learned it.
TOO_EASY = 0.95
# Share correct below which an item is likely wrong, unclear or untaught.
TOO_HARD = 0.20
# No flag is raised on fewer first answers than this: a handful of learners says
# nothing reliable (the page states the number).
MIN_ANSWERS_FOR_FLAGS = 10

FLAGS = ("too_easy", "too_hard", "negative_discrimination", "unused_distractor")


@dataclass(frozen=True)
class Sums:
    """Sums over first answers: x the item score, y the rest score (only answers whose
    attempt had other items count in the y sums and `paired`)."""

    n: int
    sx: float
    paired: int = 0
    px: float = 0.0
    pxx: float = 0.0
    sy: float = 0.0
    syy: float = 0.0
    sxy: float = 0.0


def share_correct(sums: Sums) -> float | None:
    return sums.sx / sums.n if sums.n else None


def point_biserial(sums: Sums) -> float | None:
    """Pearson's r of item score and rest score over the paired answers; None when
    either does not vary (everyone right, or every rest score equal) or fewer than
    two answers are paired."""
    n = sums.paired
    if n < 2:
        return None
    vx = n * sums.pxx - sums.px * sums.px
    vy = n * sums.syy - sums.sy * sums.sy
    # Sums of floats: a variance that should be 0 can come out a hair above it.
    if vx <= 1e-9 * max(1.0, n * sums.pxx) or vy <= 1e-9 * max(1.0, n * sums.syy):
        return None
    r = (n * sums.sxy - sums.px * sums.sy) / math.sqrt(vx * vy)
    return max(-1.0, min(1.0, r))


def flags(
    answers: int, share: float | None, discrimination: float | None, unused_distractors: int
) -> tuple[str, ...]:
    """The flags of one item in one pack version (none below MIN_ANSWERS_FOR_FLAGS)."""
    if answers < MIN_ANSWERS_FOR_FLAGS or share is None:
        return ()
    found = []
    if share > TOO_EASY:
        found.append("too_easy")
    if share < TOO_HARD:
        found.append("too_hard")
    if discrimination is not None and discrimination < 0:
        found.append("negative_discrimination")
    if unused_distractors:
        found.append("unused_distractor")
    return tuple(found)
