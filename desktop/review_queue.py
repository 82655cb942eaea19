"""Which cards are due for review, across every installed pack: the one rule that both
Home's count and a review session use, so the two always agree.

A card is an item of the log's review schedule (`desktop.store.review`) that can be
shown and graded on this device: its pack and quiz are installed, it is still in the
quiz, and it is not sealed (an exam item's key is the ministry's; exam answers never
enter the schedule either). A card is due

- in learning or relearning (minutes apart): when its due time has come;
- in review (days apart): on its due day, from the start of that local day, as Anki
  counts the day's reviews.

A card graded in a session is therefore never due again in the same sitting: Again,
Hard and Good in learning bring it back minutes later, any grade in review a day or
more later.

Plain Python: called on the store's worker, tested without Qt.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from content.localised import Localised
from content.quiz import Item

if TYPE_CHECKING:
    # Annotations only: the store (SQLAlchemy) loads after the unlock screen shows.
    from desktop.catalog import Catalog
    from desktop.store.review import ReviewItem


@dataclass(frozen=True)
class ReviewCard:
    """One item to review, with what the screen shows of it."""

    entry: ReviewItem
    item: Item
    pack_version: int
    where: tuple[Localised, ...] = ()  # the pack's and the quiz's titles

    @property
    def key(self) -> tuple[str, str]:
        """(pack id, quiz slug/item id): how the log names the item."""
        return (self.entry.pack_id, self.entry.local_id)

    @property
    def quiz_slug(self) -> str:
        return self.entry.quiz_slug


def end_of_day(now: datetime) -> datetime:
    """The last moment of `now`'s local day, in UTC."""
    local = now.astimezone()
    following = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return (following - timedelta(microseconds=1)).astimezone(UTC)


def is_due(entry: ReviewItem, now: datetime) -> bool:
    if entry.state == "review":
        return entry.due <= end_of_day(now)
    return entry.due <= now


def reviewable(schedule: Iterable[ReviewItem], catalog: Catalog) -> list[ReviewCard]:
    """The scheduled items this device can show and grade, in the schedule's order."""
    cards = []
    for entry in schedule:
        pack = catalog.packs.get(entry.pack_id)
        if pack is None:
            continue
        try:
            quiz = catalog.quiz(entry.pack_id, entry.quiz_slug)
            item = quiz.item(entry.item_id)
        except (KeyError, OSError, ValueError):
            continue  # the quiz or the item is no longer in the installed pack
        if item.sealed is not None:
            continue
        cards.append(ReviewCard(entry, item, pack.version, (pack.manifest["title"], quiz.title)))
    return cards


def due_cards(schedule: Iterable[ReviewItem], catalog: Catalog, now: datetime) -> list[ReviewCard]:
    """The cards due at `now`, soonest due first: a session holds exactly these."""
    return [card for card in reviewable(schedule, catalog) if is_due(card.entry, now)]


def due_count(learner, catalog: Catalog, now: datetime | None = None) -> int:
    """What Home says is to review: the size of the session it would start."""
    return len(due_cards(learner.review_schedule(), catalog, now or datetime.now(UTC)))


def next_due(schedule: Iterable[ReviewItem], catalog: Catalog) -> datetime | None:
    """When the soonest reviewable card falls due (None when none is scheduled)."""
    return min((card.entry.due for card in reviewable(schedule, catalog)), default=None)


def interval_parts(delta: timedelta) -> tuple[int, str]:
    """A wait as the grade buttons say it, Anki's way: (count, unit) with the unit one of
    "minute", "hour", "day", "month", "year"; at least one minute."""
    minutes = delta.total_seconds() / 60
    if minutes < 59.5:
        return max(1, round(minutes)), "minute"
    hours = minutes / 60
    if hours < 23.5:
        return round(hours), "hour"
    days = hours / 24
    if days < 30.5:
        return round(days), "day"
    if days < 365:
        return max(1, round(days / 30.4)), "month"
    return max(1, round(days / 365)), "year"
