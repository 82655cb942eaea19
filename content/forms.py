"""Drawn attempts: which items an attempt holds, in which order, with which option order.

An attempt's *form* is drawn from the quiz's pool with a seed (DESIGN section 9):

- a quiz with `draw: N` takes N of its items; one with a `blueprint` (area → count)
  takes that many items of each area; any other quiz takes all its items;
- items of the learner's previous attempt at the same quiz (`avoid`) are taken last,
  so a retake sees fresh items wherever the pool has enough;
- the options of single, multiple-response and matching items, and the starting
  order of ordering items, are shuffled; item order is shuffled when the quiz says
  `shuffle: true`.

Every choice is made by ranking ids on SHA-256 of (seed, purpose, id): the same seed
and pool give the same form on any machine and any Python, which is what lets an
interrupted attempt resume identically and the server rebuild the form it grades.
The form itself also travels in the attempt's `attempted` statement (`to_json`), so
item analysis maps what was shown back to authored ids without the seed.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from content.quiz import Item, Quiz

# The statement extension that carries an attempt's form (on its `attempted` statement).
EXT_FORM = "urn:hocvu:ext:form"


class FormError(ValueError):
    """A recorded form that does not fit its quiz; the message names the fault."""


def new_seed() -> int:
    # 48 bits: unique enough per learner, and exact in any JSON reader (doubles hold 53).
    return secrets.randbits(48)


def _rank(seed: int, purpose: str, ident: str) -> bytes:
    return hashlib.sha256(f"{seed}\x1f{purpose}\x1f{ident}".encode()).digest()


def shuffled(seed: int, purpose: str, ids: Iterable[str]) -> list[str]:
    """`ids` in the order the seed gives them for this purpose."""
    return sorted(ids, key=lambda ident: _rank(seed, purpose, ident))


def shuffled_choices(item: Item) -> list[str]:
    """The ids whose presented order an attempt shuffles, in authored order."""
    if item.type in ("single", "multiple"):
        return [o.id for o in item.options]
    if item.type == "matching":
        return item.right_choices()
    if item.type == "ordering":
        return [s.id for s in item.steps]
    return []


@dataclass(frozen=True)
class FormItem:
    item_id: str
    # Option ids (single, multiple), right-hand choice ids (matching) or step ids
    # (ordering, the order they start in) as shown; empty for the other types.
    order: tuple[str, ...] = ()


@dataclass(frozen=True)
class Form:
    quiz_slug: str
    seed: int
    items: tuple[FormItem, ...]

    @property
    def item_ids(self) -> tuple[str, ...]:
        return tuple(i.item_id for i in self.items)

    def order_of(self, item_id: str) -> tuple[str, ...]:
        for entry in self.items:
            if entry.item_id == item_id:
                return entry.order
        raise KeyError(item_id)

    def to_json(self) -> dict[str, Any]:
        return {
            "quiz": self.quiz_slug,
            "seed": self.seed,
            "items": [{"id": i.item_id, "order": list(i.order)} for i in self.items],
        }

    @classmethod
    def from_json(cls, data: Any) -> Form:
        """Read a recorded form; raise FormError on anything malformed."""
        try:
            if not isinstance(data, Mapping):
                raise TypeError("not an object")
            seed = data["seed"]
            if isinstance(seed, bool) or not isinstance(seed, int) or seed < 0:
                raise TypeError("seed is not a whole number")
            items = []
            for entry in data["items"]:
                order = entry.get("order", [])
                if not isinstance(entry["id"], str) or not all(isinstance(o, str) for o in order):
                    raise TypeError("ids must be strings")
                items.append(FormItem(entry["id"], tuple(order)))
            return cls(str(data["quiz"]), seed, tuple(items))
        except (KeyError, TypeError, AttributeError) as exc:
            raise FormError(f"the recorded form is malformed ({exc})") from None


def _pick(quiz: Quiz, seed: int, avoid: frozenset[str]) -> list[Item]:
    def ranked(items: Sequence[Item]) -> list[Item]:
        return sorted(items, key=lambda i: (i.id in avoid, _rank(seed, "pick", i.id)))

    if quiz.blueprint:
        chosen: list[Item] = []
        for area, count in sorted(quiz.blueprint.items()):
            chosen += ranked([i for i in quiz.items if i.measured_area == area])[:count]
        return chosen
    if quiz.draw is not None:
        return ranked(quiz.items)[: quiz.draw]
    return list(quiz.items)


def _order(item: Item, seed: int) -> tuple[str, ...]:
    ids = shuffled_choices(item)
    if not ids:
        return ()
    order = shuffled(seed, f"order:{item.id}", ids)
    if item.type == "ordering" and order == ids and len(ids) > 1:
        # Starting in the right order would hand the answer over; start one step on.
        order = order[1:] + order[:1]
    return tuple(order)


def item_order(item: Item, seed: int) -> tuple[str, ...]:
    """One item's choices in the order an attempt with this seed shows them (a review
    session shows items one by one, outside any form)."""
    return _order(item, seed)


def draw_form(quiz: Quiz, seed: int, avoid: Iterable[str] = ()) -> Form:
    """The form an attempt with this seed shows (see the module docstring)."""
    chosen = _pick(quiz, seed, frozenset(avoid))
    if quiz.shuffle:
        by_id = {i.id: i for i in chosen}
        chosen = [by_id[i] for i in shuffled(seed, "items", by_id)]
    return Form(quiz.slug, seed, tuple(FormItem(i.id, _order(i, seed)) for i in chosen))


def lesson_practice(
    quiz: Quiz, competences: Iterable[str], seed: int, avoid: Iterable[str] = ()
) -> FormItem | None:
    """The one item a lesson ends with: drawn from its module quiz's pool among the items
    that share a competence with the lesson (any item when none does), options shuffled
    as in an attempt; `avoid` (the item shown last time) comes last. None for a sealed
    or empty pool: the device cannot check a sealed item."""
    pool = [i for i in quiz.items if i.sealed is None]
    taught = set(competences)
    pool = [i for i in pool if taught & set(i.competences)] or pool
    if not pool:
        return None
    skip = frozenset(avoid)
    item = min(pool, key=lambda i: (i.id in skip, _rank(seed, "practice", i.id)))
    return FormItem(item.id, _order(item, seed))


def check_form(quiz: Quiz, form: Form) -> None:
    """Raise FormError unless `form` could be a draw of `quiz`: its items are in the pool,
    once each, as many per area as the blueprint asks (or `draw`), each order a
    permutation of the item's choices. Does not say the seed gave it: see `matches_seed`."""
    if form.quiz_slug != quiz.slug:
        raise FormError(f"the form is of quiz {form.quiz_slug!r}, not {quiz.slug!r}")
    pool = {i.id: i for i in quiz.items}
    seen: set[str] = set()
    for entry in form.items:
        item = pool.get(entry.item_id)
        if item is None:
            raise FormError(f"item {entry.item_id!r} is not in quiz {quiz.slug!r}")
        if entry.item_id in seen:
            raise FormError(f"item {entry.item_id!r} appears twice")
        seen.add(entry.item_id)
        if sorted(entry.order) != sorted(shuffled_choices(item)):
            raise FormError(f"item {entry.item_id!r}: the option order is not its options")
    expected = len(draw_form(quiz, form.seed).items)
    if len(form.items) != expected:
        raise FormError(f"the form holds {len(form.items)} items where the quiz draws {expected}")
    if quiz.blueprint:
        for area, count in quiz.blueprint.items():
            available = sum(1 for i in quiz.items if i.measured_area == area)
            got = sum(1 for i in form.items if pool[i.item_id].measured_area == area)
            if got != min(count, available):
                raise FormError(f"area {area}: {got} items where the blueprint asks {count}")


def matches_seed(quiz: Quiz, form: Form, avoid_choices: Iterable[Iterable[str]]) -> bool:
    """Whether the seed gives exactly this form for one of the candidate `avoid` sets
    (the previous attempt's items as the server knows them, and none)."""
    return any(draw_form(quiz, form.seed, avoid) == form for avoid in avoid_choices)


# ------------------------------------------------------------------ attempt results


@dataclass(frozen=True)
class AttemptScore:
    """What an attempt earned: the overall score (mean over the form's items, an
    unanswered item scoring 0), the score per area, and the competences of the items
    not answered right, for the learner to revisit. Never the keys."""

    score: float
    passed: bool
    pass_mark: float
    per_area: Mapping[int, float]
    revisit: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "score": round(self.score, 4),
            "passed": self.passed,
            "pass_mark": self.pass_mark,
            "per_area": {str(a): round(s, 4) for a, s in sorted(self.per_area.items())},
            "revisit": list(self.revisit),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AttemptScore:
        return cls(
            float(data["score"]),
            bool(data["passed"]),
            float(data["pass_mark"]),
            {int(a): float(s) for a, s in dict(data.get("per_area") or {}).items()},
            tuple(str(c) for c in data.get("revisit") or ()),
        )


def score_attempt(quiz: Quiz, form: Form, scores: Mapping[str, float]) -> AttemptScore:
    """Sum up item scores (item id → score in [0, 1]) over the items of `form`."""
    pool = {i.id: i for i in quiz.items}
    items = [pool[i] for i in form.item_ids if i in pool]
    by_area: dict[int, list[float]] = {}
    revisit: list[str] = []
    total = 0.0
    for item in items:
        score = scores.get(item.id, 0.0)
        total += score
        area = item.measured_area
        if area is not None:
            by_area.setdefault(area, []).append(score)
        if score < 1.0:
            revisit += [c for c in item.competences if c not in revisit]
    overall = total / len(items) if items else 0.0
    return AttemptScore(
        overall,
        overall >= quiz.pass_mark - 1e-9,
        quiz.pass_mark,
        {area: sum(v) / len(v) for area, v in by_area.items()},
        tuple(sorted(revisit, key=lambda c: tuple(int(p) for p in c.split(".")))),
    )
