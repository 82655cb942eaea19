"""Item analysis for trainers: how each item was answered, never by whom.

The counts come from `item_responses`, which ingest keeps from the answered
statements (`sync.server.reporting.answers`): one row per learner, item and
response, so the database groups a few rows per learner instead of parsing every
statement body, and the rows of a response are the learners who gave it.

A wrong answer to an item that takes typed text (short answer, numeric, or an item
whose type is unknown) may be a name or another personal detail: it is shown only
when at least `MIN_LEARNERS_FOR_TEXT` different learners gave it, otherwise the
item says its wrong answers were varied. Chosen option ids are always shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.server.models import ItemResponse, Learner
from sync.server.reporting.quizzes import ItemTypes
from sync.server.reporting.scope import scope_unit_ids

# Typed wrong answers given by fewer learners than this are not shown.
MIN_LEARNERS_FOR_TEXT = 3


@dataclass(frozen=True)
class ItemStat:
    """How an item was answered in a scope: counts only, never who answered."""

    pack_id: str
    pack_version: int | None
    item_id: str
    answers: int
    correct: int
    share_correct: float
    # The wrong response chosen most (for a typed-text item: among those at least
    # MIN_LEARNERS_FOR_TEXT learners gave); None when there is none to show.
    top_wrong: str | None
    top_wrong_count: int
    # The item takes typed answers (or its type is unknown to the server).
    free_text: bool = False
    # Wrong answers exist but none was given by enough learners to be shown.
    varied: bool = False


def item_analysis(
    session: Session,
    root_unit_id: int,
    pack_id: str | None = None,
    *,
    data_dir: Path | None = None,
) -> list[ItemStat]:
    """Per (pack, pack version, item): answers, share correct, and the wrong response
    chosen most. Counts over the scope's learners; nobody is named. `data_dir` (the
    server's data folder) is where the pack files tell which items take typed
    answers; without it every item is treated as one that does."""
    scope = scope_unit_ids(session, root_unit_id)
    types = ItemTypes.load(session, data_dir)
    r = ItemResponse
    query = (
        select(
            r.pack_id,
            r.pack_version,
            r.item_id,
            r.correct,
            r.response_key,
            func.max(r.response),
            func.sum(r.answers),
            # One row per learner for each response: the learners who gave it.
            func.count(),
        )
        .join(Learner, Learner.id == r.learner_id)
        .where(Learner.unit_id.in_(scope))
        .group_by(r.pack_id, r.pack_version, r.item_id, r.correct, r.response_key)
    )
    if pack_id:
        query = query.where(r.pack_id == pack_id)
    counts: dict[tuple[str, int | None, str], list[int]] = {}
    # key → response → (answers, learners)
    wrong: dict[tuple[str, int | None, str], dict[str, tuple[int, int]]] = {}
    for pack, version, item, correct, _, response, n, learners in session.execute(query):
        key = (pack, version or None, item)
        entry = counts.setdefault(key, [0, 0])
        entry[0] += n
        if correct:
            entry[1] += n
        elif response is not None:
            # Two long answers alike in their kept part add up; their learners may
            # overlap, so the larger count is a floor, never an overcount.
            mine = wrong.setdefault(key, {})
            before = mine.get(response)
            mine[response] = (
                (n, learners) if before is None else (before[0] + n, max(before[1], learners))
            )
    stats = []
    for key in sorted(counts, key=lambda k: (k[0], k[1] or 0, k[2])):
        answers, correct = counts[key]
        free_text = types.free_text(*key)
        responses = wrong.get(key, {})
        shown = {
            response: n
            for response, (n, learners) in responses.items()
            if not free_text or learners >= MIN_LEARNERS_FOR_TEXT
        }
        top = max(shown.items(), key=lambda pair: (pair[1], pair[0]), default=None)
        stats.append(
            ItemStat(
                key[0],
                key[1],
                key[2],
                answers,
                correct,
                correct / answers if answers else 0.0,
                top[0] if top else None,
                top[1] if top else 0,
                free_text,
                bool(responses) and not shown,
            )
        )
    return stats
