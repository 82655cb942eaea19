"""Grading: a pure function from an item and a learner's response to a score in [0, 1].

Responses by item type: `single` an option id; `multiple` a collection of option ids;
`true_false` a bool; `short_answer` a string; `numeric` a number (or text of one);
`ordering` the step ids in the learner's order; `matching` left pair id → chosen
right id. `encode_response`/`decode_response` give the xAPI interaction strings.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from content.localised import Localised
from content.quiz import Answer, Item, Quiz


@dataclass(frozen=True)
class Grade:
    score: float
    feedback: tuple[Localised, ...] = field(default=())

    @property
    def correct(self) -> bool:
        return self.score >= 1.0


def _clamp(value: float) -> float:
    return 0.0 if value <= 0 else 1.0 if value >= 1 else value


def fold_text(text: str, *, case_sensitive: bool, ignore_diacritics: bool) -> str:
    """Normalise an answer for comparison: NFC, collapsed white space, and on request
    no case and no diacritics (đ counts as d, as Vietnamese readers expect)."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    if not case_sensitive:
        text = text.casefold()
    if ignore_diacritics:
        text = text.replace("đ", "d").replace("Đ", "D")
        decomposed = unicodedata.normalize("NFD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return text


def parse_number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value) if math.isfinite(value) else None
    text = str(value).strip().replace(" ", "")
    # A decimal comma is what Vietnamese learners type; "1,5" means 1.5.
    if re.fullmatch(r"[+-]?\d+,\d+", text):
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _best(answers: Sequence[Answer], matches) -> Grade:
    hits = [a for a in answers if matches(a)]
    if not hits:
        return Grade(0.0)
    best = max(hits, key=lambda a: a.weight)
    return Grade(_clamp(best.weight), (best.feedback,) if best.feedback else ())


def grade(item: Item, response: Any, lang: str = "vi") -> Grade:
    """Score one response. Never raises on a malformed response: it scores 0."""
    grade_ = _GRADERS[item.type](item, response, lang)
    if item.feedback:
        return Grade(grade_.score, (*grade_.feedback, item.feedback))
    return grade_


def _single(item: Item, response: Any, lang: str) -> Grade:
    for option in item.options:
        if option.id == response:
            weight = option.weight if option.weight is not None else float(option.correct)
            return Grade(_clamp(weight), (option.feedback,) if option.feedback else ())
    return Grade(0.0)


def _multiple(item: Item, response: Any, lang: str) -> Grade:
    if isinstance(response, str) or not isinstance(response, Collection):
        return Grade(0.0)
    chosen = {o.id: o for o in item.options if o.id in set(response)}
    feedback = tuple(o.feedback for o in chosen.values() if o.feedback)
    if item.weighted:
        return Grade(_clamp(sum(o.weight or 0.0 for o in chosen.values())), feedback)
    right = sum(1 for o in item.options if o.correct)
    if right == 0:
        return Grade(0.0, feedback)
    hits = sum(1 for o in chosen.values() if o.correct)
    misses = len(chosen) - hits
    return Grade(_clamp((hits - misses) / right), feedback)


def _true_false(item: Item, response: Any, lang: str) -> Grade:
    if not isinstance(response, bool):
        return Grade(0.0)
    feedback = item.feedback_true if response else item.feedback_false
    return Grade(float(response == item.answer), (feedback,) if feedback else ())


def _short_answer(item: Item, response: Any, lang: str) -> Grade:
    if not isinstance(response, str):
        return Grade(0.0)
    answers = item.accept.get(lang) or next(iter(item.accept.values()), ())

    def fold(text: str) -> str:
        return fold_text(
            text, case_sensitive=item.case_sensitive, ignore_diacritics=item.ignore_diacritics
        )

    given = fold(response)
    return _best(answers, lambda a: bool(given) and fold(a.text) == given)


def _numeric(item: Item, response: Any, lang: str) -> Grade:
    number = parse_number(response)
    if number is None:
        return Grade(0.0)

    def matches(answer: Answer) -> bool:
        if answer.value is not None:
            # A relative epsilon so that 0.1 + 0.2 counts as 0.3 with tolerance 0.
            slack = answer.tolerance + 1e-9 * max(1.0, abs(answer.value))
            return abs(number - answer.value) <= slack
        return (
            answer.min is not None and answer.max is not None and answer.min <= number <= answer.max
        )

    return _best(item.answers, matches)


def _ordering(item: Item, response: Any, lang: str) -> Grade:
    expected = [s.id for s in item.steps]
    if (
        isinstance(response, str)
        or not isinstance(response, Sequence)
        or sorted(map(str, response)) != sorted(expected)
    ):
        return Grade(0.0)
    position = {step: n for n, step in enumerate(response)}
    pairs = list(combinations(expected, 2))
    in_order = sum(1 for a, b in pairs if position[a] < position[b])
    return Grade(in_order / len(pairs))


def _matching(item: Item, response: Any, lang: str) -> Grade:
    if not isinstance(response, Mapping):
        return Grade(0.0)
    right = sum(1 for pair in item.pairs if response.get(pair.id) == pair.id)
    return Grade(right / len(item.pairs))


_GRADERS = {
    "single": _single,
    "multiple": _multiple,
    "true_false": _true_false,
    "short_answer": _short_answer,
    "numeric": _numeric,
    "ordering": _ordering,
    "matching": _matching,
}


def score_quiz(quiz: Quiz, scores: Mapping[str, float]) -> float:
    """A quiz's score: the mean over all its items; an unanswered item scores 0."""
    if not quiz.items:
        return 0.0
    return sum(scores.get(item.id, 0.0) for item in quiz.items) / len(quiz.items)


# --- xAPI interaction strings ---------------------------------------------------------


def encode_response(item: Item, response: Any) -> str:
    kind = item.type
    if kind == "single":
        return str(response)
    if kind == "multiple":
        return "[,]".join(sorted(map(str, response)))
    if kind == "true_false":
        return "true" if response else "false"
    if kind == "ordering":
        return "[,]".join(map(str, response))
    if kind == "matching":
        return "[,]".join(f"{left}[.]{right}" for left, right in sorted(response.items()))
    return str(response)


def decode_response(item: Item, text: str) -> Any:
    kind = item.type
    if kind == "multiple":
        return set(text.split("[,]")) if text else set()
    if kind == "true_false":
        return text == "true"
    if kind == "ordering":
        return text.split("[,]") if text else []
    if kind == "matching":
        pairs = (part.split("[.]", 1) for part in text.split("[,]") if "[.]" in part)
        return {left: right for left, right in pairs}
    return text
