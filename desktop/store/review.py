"""The review queue: items the learner got wrong, scheduled with FSRS (`fsrs`).

An item enters the queue the first time it is answered wrong (rating Again);
every later answer to it, in any quiz, exam or review session, updates its card:
in a review session with the grade the learner chose (Again, Hard, Good or Easy,
recorded on the answer as `EXT_REVIEW_RATING`), elsewhere Good when right and Again
when wrong. A wrong answer outside a review session makes the card due at once (the
learner has just shown it needs review: Home offers it straight away); only a review
session's grades are scheduled exactly as the buttons said. Cards are rebuilt from
the log in learning order every time, never stored, so the queue is the same
whatever order statements arrived in. Fuzzing is off for the same reason: the schedule must be
a function of the log.

An answer is right when its `success` is true, or, when `success` is absent,
when it scored 1 (an item counts as correct only when it scores 1).

Only the first answer to an item within one attempt (registration) counts: a
practice item checked wrong and then right is a wrong answer. Exam answers never
enter review: a sealed exam item carries no score on the device, and its key is
the server's.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from fsrs import Card, Rating, Scheduler, State

from sync.progress import Fact

_SCHEDULER = Scheduler(enable_fuzzing=False)
RATINGS = (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy)  # 1 … 4, as recorded


@dataclass(frozen=True)
class ReviewItem:
    pack_id: str
    quiz_slug: str
    item_id: str
    due: datetime
    state: str  # "learning", "review" or "relearning"
    stability: float | None
    difficulty: float | None
    reviews: int
    lapses: int
    step: int | None = None  # the learning or relearning step; None in "review"
    last_review: datetime | None = None

    @property
    def local_id(self) -> str:
        return f"{self.quiz_slug}/{self.item_id}"


def _right(fact: Fact) -> bool:
    if fact.success is not None:
        return fact.success
    return fact.score is not None and fact.score >= 1.0


def _card_id(pack_id: str, local_id: str) -> int:
    # fsrs makes ids from the clock (and sleeps a millisecond) unless given one.
    digest = hashlib.blake2b(f"{pack_id}:{local_id}".encode(), digest_size=7).digest()
    return int.from_bytes(digest, "big")


class ReviewReplay:
    """Cards replayed from facts in learning order, kept between calls: when the log
    has only grown at the end, only the new facts are replayed. Any fact that sorts
    before the last one replayed (a statement pulled from another device, say) makes
    it start again from the beginning."""

    def __init__(self) -> None:
        self._cards: dict[tuple[str, str], tuple[Card, int, int]] = {}
        self._count = 0
        self._last_id: str | None = None
        self._answered: set[tuple[str, str, str]] = set()  # (registration, pack, local)
        self._exams: set[str] = set()  # registrations of exam attempts

    def schedule(self, ordered: Sequence[Fact]) -> list[ReviewItem]:
        """Every item ever answered wrong with its FSRS card, soonest due first."""
        done = self._count
        if done and (len(ordered) < done or ordered[done - 1].id != self._last_id):
            self._cards, done = {}, 0
            self._answered, self._exams = set(), set()
        for fact in ordered[done:]:
            if fact.kind == "item" and fact.verb == "answered":
                if fact.registration in self._exams:
                    continue
                if fact.score is None and fact.success is None:
                    continue  # nothing the device could grade
                if fact.registration:
                    key = (fact.registration, fact.pack, fact.local)
                    if key in self._answered:
                        continue
                    self._answered.add(key)
                self._review(fact)
            elif fact.kind == "exam" and fact.verb == "attempted" and fact.registration:
                self._exams.add(fact.registration)
        self._count = len(ordered)
        self._last_id = ordered[-1].id if ordered else None
        return self._items()

    def _review(self, fact: Fact) -> None:
        key = (fact.pack, fact.local)
        right = _right(fact)
        entry = self._cards.get(key)
        if entry is None:
            if right:
                return
            entry = (Card(card_id=_card_id(*key)), 0, 0)
        card, reviews, lapses = entry
        was_reviewing = card.state is State.Review
        if fact.rating is not None:
            rating = Rating(fact.rating)
        else:
            rating = Rating.Good if right else Rating.Again
        card, _ = _SCHEDULER.review_card(card, rating, review_datetime=fact.ts)
        if fact.rating is None and not right:
            # FSRS's state (stability, difficulty, step) is kept; only the wait is not.
            card.due = fact.ts
        lapsed = rating is Rating.Again and was_reviewing
        self._cards[key] = (card, reviews + 1, lapses + lapsed)

    def _items(self) -> list[ReviewItem]:
        items = []
        for (pack_id, local), (card, reviews, lapses) in self._cards.items():
            quiz_slug, _, item_id = local.partition("/")
            items.append(
                ReviewItem(
                    pack_id,
                    quiz_slug,
                    item_id,
                    card.due,
                    card.state.name.lower(),
                    card.stability,
                    card.difficulty,
                    reviews,
                    lapses,
                    card.step,
                    card.last_review,
                )
            )
        items.sort(key=lambda item: (item.due, item.pack_id, item.quiz_slug, item.item_id))
        return items


def schedule(ordered: Sequence[Fact]) -> list[ReviewItem]:
    """Every item ever answered wrong with its FSRS card, soonest due first."""
    return ReviewReplay().schedule(ordered)


def due(items: Iterable[ReviewItem], now: datetime) -> list[ReviewItem]:
    return [item for item in items if item.due <= now]


def preview(item: ReviewItem, now: datetime) -> dict[int, datetime]:
    """When the item would next be due if graded now with each rating (1 Again … 4
    Easy): what the grade buttons show, computed as the replay will compute it."""
    card = Card(
        card_id=_card_id(item.pack_id, item.local_id),
        state=State[item.state.capitalize()],
        step=item.step,
        stability=item.stability,
        difficulty=item.difficulty,
        due=item.due,
        last_review=item.last_review,
    )
    return {
        int(rating): _SCHEDULER.review_card(card, rating, review_datetime=now)[0].due
        for rating in RATINGS
    }
