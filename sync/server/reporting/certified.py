"""Who is certified, and the share of a group of learners certified at each level.

A learner is certified at level N by a server-graded pass of the exam of the level-N
pack (the pass a certificate is signed for), unless its certificate was revoked: the
progress rule (`sync.progress`) finds it and ingest keeps its date in
`learner_progress` (`sync.server.derived.progress`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.server.db import aware
from sync.server.models import Learner, LearnerProgress
from sync.server.reporting.curriculum import LEVELS, TARGETS


@dataclass(frozen=True)
class LevelShare:
    level: int
    certified: int
    share: float
    targets: tuple[float, ...] = TARGETS


def learners_in(session: Session, unit_ids: Iterable[int]) -> list[tuple[str, int]]:
    return list(
        session.execute(
            select(Learner.id, Learner.unit_id).where(Learner.unit_id.in_(list(unit_ids)))
        )
    )


def first_certified(session: Session, unit_ids: list[int]) -> dict[str, dict[int, datetime]]:
    """learner id → level → the first server-graded pass of that level's exam that
    counts (its certificate not revoked), as the progress rule found it."""
    found: dict[str, dict[int, datetime]] = defaultdict(dict)
    rows = session.execute(
        select(LearnerProgress.learner_id, LearnerProgress.number, LearnerProgress.certified_at)
        .join(Learner, Learner.id == LearnerProgress.learner_id)
        .where(
            LearnerProgress.kind == "level",
            LearnerProgress.number.in_(LEVELS),
            LearnerProgress.certified_at.is_not(None),
            Learner.unit_id.in_(unit_ids),
        )
    )
    for learner_id, level, passed in rows:
        found[learner_id][level] = aware(passed)
    return found


def level_shares(
    learners: Iterable[str], certified: dict[str, dict[int, datetime]]
) -> list[LevelShare]:
    learners = list(learners)
    counts = Counter(level for learner in learners for level in certified.get(learner, {}))
    total = len(learners)
    return [
        LevelShare(level, counts[level], counts[level] / total if total else 0.0)
        for level in LEVELS
    ]
