"""One review session: the cards due when it starts (`desktop.review_queue`), each
answered, checked, then graded Again / Hard / Good / Easy by the learner.

The grade is recorded with the answer, as one `answered` statement of the session's
registration (`rating` 1–4), which the FSRS replay uses; so a card is graded once,
and only the first answer to it in the session counts.

A session outlives a lock: what it holds (its registration, its cards, and an answer
checked but not yet graded) is kept in the profile's encrypted settings, and what was
graded is read back from the log, so resuming after unlock (or a restart) shows the
card where the learner was and never grades a card twice. Leaving the session for
another screen drops it: its cards are simply still due.

Plain Python, no Qt: every method runs on the store's worker thread.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from content.forms import item_order, new_seed
from content.grading import Grade, decode_response, encode_response, grade
from desktop.catalog import Catalog
from desktop.review_queue import ReviewCard, due_cards, next_due, reviewable
from desktop.store import review

SAVED = "review-session"  # the profile setting that holds an unfinished session
AGAIN, HARD, GOOD, EASY = 1, 2, 3, 4
RATINGS = (AGAIN, HARD, GOOD, EASY)


@dataclass(frozen=True)
class ReviewSummary:
    """What the done screen shows."""

    reviewed: int
    right: int  # answered right (the first answer) before grading
    by_rating: dict[int, int]  # 1 Again … 4 Easy -> how many cards got it
    next_due: datetime | None  # the soonest a card is due again, None when none is


class ReviewSession:
    def __init__(
        self,
        learner: Any,
        catalog: Catalog,
        cards: list[ReviewCard],
        registration: str,
        seed: int,
    ) -> None:
        self.learner = learner
        self.catalog = catalog
        self.cards = cards
        self.registration = registration
        self.seed = seed
        self._graded: set[tuple[str, str]] = set()
        self.pending: tuple[Any, Grade, float] | None = None  # response, grade, duration
        self._shown_at = time.monotonic()

    # ------------------------------------------------------------------ starting

    @classmethod
    def start(
        cls, learner: Any, catalog: Catalog, now: datetime | None = None
    ) -> ReviewSession | None:
        """A session of every card due now across the installed packs (None when none
        is): as many as Home counts."""
        cards = due_cards(learner.review_schedule(), catalog, now or datetime.now(UTC))
        if not cards:
            learner.set_setting(SAVED, None)
            return None
        session = cls(learner, catalog, cards, str(uuid.uuid4()), new_seed())
        session._save()
        return session

    @classmethod
    def resume(cls, learner: Any, catalog: Catalog, lang: str = "vi") -> ReviewSession | None:
        """The session the learner was in when the profile was locked, at the card they
        were on (with the answer they had checked); None when there is none left."""
        saved = learner.setting(SAVED)
        if not isinstance(saved, dict):
            return None
        try:
            registration, seed = str(saved["registration"]), int(saved["seed"])
            keys = [(str(pack), str(local)) for pack, local in saved["cards"]]
        except (KeyError, TypeError, ValueError):
            learner.set_setting(SAVED, None)
            return None
        by_key = {card.key: card for card in reviewable(learner.review_schedule(), catalog)}
        cards = [by_key[key] for key in keys if key in by_key]
        session = cls(learner, catalog, cards, registration, seed)
        session._graded = set(learner.answers_in(registration)) & {c.key for c in cards}
        current = session.current
        if current is None:
            learner.set_setting(SAVED, None)
            return None
        pending = saved.get("pending")
        if isinstance(pending, dict) and tuple(pending.get("card") or ()) == current.key:
            text = pending.get("response")
            response = None if text is None else decode_response(current.item, str(text))
            duration = float(pending.get("duration_s") or 0.0)
            session.pending = (response, grade(current.item, response, lang), duration)
        return session

    # ------------------------------------------------------------------ state

    @property
    def total(self) -> int:
        return len(self.cards)

    @property
    def done(self) -> int:
        return len(self._graded)

    @property
    def current(self) -> ReviewCard | None:
        return next((card for card in self.cards if card.key not in self._graded), None)

    @property
    def finished(self) -> bool:
        return self.current is None

    def order(self, card: ReviewCard) -> tuple[str, ...]:
        """The card's choices in the order this session shows them (shuffled once)."""
        return item_order(card.item, self.seed)

    def shown(self) -> None:
        """The screen shows the current card: its answer's duration counts from now."""
        self._shown_at = time.monotonic()

    @property
    def suggested(self) -> int | None:
        """The grade the checked answer suggests: Again when wrong, Hard when partly
        right, Good when right (the learner may choose another)."""
        if self.pending is None:
            return None
        checked = self.pending[1]
        return GOOD if checked.correct else HARD if checked.score > 0 else AGAIN

    def previews(self, now: datetime | None = None) -> dict[int, timedelta]:
        """How long until the current card is due again after each grade."""
        card = self.current
        if card is None:
            return {}
        now = now or datetime.now(UTC)
        return {rating: due - now for rating, due in review.preview(card.entry, now).items()}

    # ------------------------------------------------------------------ answering

    def answer(self, response: Any, lang: str = "vi") -> Grade:
        """Check the current card's answer (nothing is recorded until it is graded); None
        is "I don't know": no answer, shown the right one. The first answer stands:
        checking again returns the first grade."""
        card = self.current
        if card is None:
            raise LookupError("the review session is finished")
        if self.pending is None:
            duration = time.monotonic() - self._shown_at
            self.pending = (response, grade(card.item, response, lang), duration)
            self._save()
        return self.pending[1]

    def rate(self, rating: int) -> None:
        """Grade the checked card and move to the next: one statement, never two."""
        card, pending = self.current, self.pending
        if card is None or pending is None:
            raise LookupError("no checked answer to grade")
        if rating not in RATINGS:
            raise ValueError(f"rating must be one of {RATINGS}, not {rating!r}")
        response, checked, duration = pending
        entry = card.entry
        self.learner.item_answered(
            entry.pack_id,
            card.pack_version,
            entry.quiz_slug,
            entry.item_id,
            _encoded(card.item, response),
            checked.score,
            checked.correct,
            self.registration,
            duration,
            rating=rating,
        )
        self._graded.add(card.key)
        self.pending = None
        self._shown_at = time.monotonic()
        self._save()

    def abandon(self) -> None:
        """The learner left for another screen: nothing to resume (the cards not graded
        stay due)."""
        if self.learner.setting(SAVED) is not None:
            self.learner.set_setting(SAVED, None)

    def summary(self) -> ReviewSummary:
        keys = {card.key for card in self.cards}
        answers = [f for k, f in self.learner.answers_in(self.registration).items() if k in keys]
        by_rating = dict.fromkeys(RATINGS, 0)
        for fact in answers:
            if fact.rating in by_rating:
                by_rating[fact.rating] += 1
        return ReviewSummary(
            len(answers),
            sum(1 for fact in answers if fact.success),
            by_rating,
            next_due(self.learner.review_schedule(), self.catalog),
        )

    def _save(self) -> None:
        if self.finished:
            self.learner.set_setting(SAVED, None)
            return
        pending = None
        if self.pending is not None:
            response, _, duration = self.pending
            pending = {
                "card": list(self.current.key),
                "response": None
                if response is None
                else encode_response(self.current.item, response),
                "duration_s": round(duration, 2),
            }
        self.learner.set_setting(
            SAVED,
            {
                "registration": self.registration,
                "seed": self.seed,
                "cards": [list(card.key) for card in self.cards],
                "pending": pending,
            },
        )


def _encoded(item, response: Any) -> str:
    # "I don't know" is recorded as an empty response, as a blank quiz answer would be.
    return "" if response is None else encode_response(item, response)
