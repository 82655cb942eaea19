"""The certification targets a unit is measured against: 40 % of officials certified
first, then 100 % (DESIGN section 7), each optionally with a date to reach it by.

The server takes them from `hocvu server --targets` or `HOCVU_TARGETS`, and
`hocvu admin report` from its own `--targets` or the same variable, written as
`40%:2027-06-30,100%:2028-12-31` (a share, then optionally `:` and the date it is due)
or `40%,100%` without dates (the default).

**The target in force** in a month is the first target the unit had not reached at
the end of the month before and whose date (if it has one) had not passed when the
month began; once every target is reached or past, the last one. So without dates a
unit aims at 40 % until it gets there, then at 100 %; with dates the plan moves to
100 % after the 40 % date even for a unit that missed it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

ENV = "HOCVU_TARGETS"


class BadTargets(ValueError):
    """The targets text cannot be read; the message says what to write instead."""


@dataclass(frozen=True)
class Target:
    share: float
    due: date | None = None

    def __str__(self) -> str:
        text = f"{self.share * 100:g}%"
        return f"{text}:{self.due.isoformat()}" if self.due else text


DEFAULT_TARGETS: tuple[Target, ...] = (Target(0.40), Target(1.00))
_EXAMPLE = "e.g. 40%:2027-06-30,100%:2028-12-31 or 40%,100%"


def _share(text: str) -> float:
    text = text.strip()
    try:
        value = float(text[:-1]) / 100 if text.endswith("%") else float(text)
    except ValueError:
        raise BadTargets(f"{text!r} is not a share ({_EXAMPLE})") from None
    if not 0 < value <= 1:
        raise BadTargets(f"{text!r} is not a share between 0 and 100 % ({_EXAMPLE})")
    return value


def parse_targets(text: str | None) -> tuple[Target, ...]:
    """The targets written in `text`; the defaults for None or blank."""
    if text is None or not text.strip():
        return DEFAULT_TARGETS
    targets = []
    for part in text.split(","):
        share, _, due = part.partition(":")
        try:
            when = date.fromisoformat(due.strip()) if due.strip() else None
        except ValueError:
            raise BadTargets(f"{due.strip()!r} is not a date YYYY-MM-DD ({_EXAMPLE})") from None
        targets.append(Target(_share(share), when))
    for before, after in pairwise(targets):
        if after.share <= before.share:
            raise BadTargets(f"each target must be higher than the one before ({_EXAMPLE})")
        if before.due and after.due and after.due <= before.due:
            raise BadTargets(f"each target's date must follow the one before ({_EXAMPLE})")
    return tuple(targets)


def in_force(targets: Sequence[Target], month: date, share_before: float | None) -> Target:
    """The target in force in `month` (its first day) for a unit whose share at the
    end of the previous month was `share_before` (None: no learners then)."""
    for target in targets:
        reached = share_before is not None and share_before >= target.share
        past = target.due is not None and target.due < month
        if not reached and not past:
            return target
    return targets[-1]
