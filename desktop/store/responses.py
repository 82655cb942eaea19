"""A learner's answer as the `response` string of an xAPI interaction (xAPI 1.0.3,
"Interaction Activities"), which is how statements carry it.

    single / multiple   choice       "a[,]c"
    true_false          true-false   "true"
    ordering            sequencing   "s2[,]s1[,]s3"
    matching            matching     "l1[.]r2[,]l2[.]r1"
    short_answer        fill-in      the text as typed
    numeric             numeric      "42.5"
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

_SEPARATOR = "[,]"
_PAIR = "[.]"


def choice(option_ids: Iterable[str]) -> str:
    return _SEPARATOR.join(option_ids)


def true_false(value: bool) -> str:
    return "true" if value else "false"


def sequencing(step_ids: Iterable[str]) -> str:
    return _SEPARATOR.join(step_ids)


def matching(pairs: Mapping[str, str]) -> str:
    return _SEPARATOR.join(f"{left}{_PAIR}{right}" for left, right in pairs.items())


def fill_in(text: str) -> str:
    return text


def numeric(value: float) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def response_for(item_type: str, answer: object) -> str:
    """The response string for an answer to an item of a pack's quiz type."""
    if item_type in ("single",):
        return choice([str(answer)])
    if item_type == "multiple":
        return choice(sorted(str(a) for a in answer))  # type: ignore[union-attr]
    if item_type == "true_false":
        return true_false(bool(answer))
    if item_type == "ordering":
        return sequencing(str(a) for a in answer)  # type: ignore[union-attr]
    if item_type == "matching":
        return matching(answer)  # type: ignore[arg-type]
    if item_type == "short_answer":
        return fill_in(str(answer))
    if item_type == "numeric":
        return numeric(answer)  # type: ignore[arg-type]
    raise ValueError(f"unknown item type {item_type!r}")
