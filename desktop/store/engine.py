"""What only the device needs from the statement log besides progress: the attempts
it can resume and the items a new draw takes last. Progress itself (lessons,
modules, areas, levels, placement, certification) is the one rule both the app and
the ministry server apply: `sync.progress`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sync.progress import Fact


@dataclass(frozen=True)
class AnsweredItem:
    item_id: str
    response: str | None
    score: float | None
    success: bool | None
    answered_at: datetime


@dataclass(frozen=True)
class OpenAttempt:
    """A quiz, exam or placement attempt that was started and never ended with passed
    or failed: the app can resume it with the items already answered."""

    registration: str
    pack_id: str
    kind: str
    quiz_slug: str
    started: datetime
    answered: Mapping[str, AnsweredItem]
    form: Mapping[str, Any] | None = None  # as recorded on the attempted statement


def open_attempts(ordered: list[Fact]) -> list[OpenAttempt]:
    """Attempts with an `attempted` statement and no end yet (passed/failed, or for an
    exam its submission, `completed`), oldest first."""
    started: dict[str, Fact] = {}
    ended: set[str] = set()
    for fact in ordered:
        if fact.registration is not None and fact.kind in ("quiz", "exam", "placement"):
            if fact.verb == "attempted":
                started.setdefault(fact.registration, fact)
            elif fact.verb in ("passed", "failed") or (
                fact.verb == "completed" and fact.kind == "exam"
            ):
                ended.add(fact.registration)
    still_open = {r: f for r, f in started.items() if r not in ended}
    answered: dict[str, dict[str, AnsweredItem]] = {r: {} for r in still_open}
    if still_open:
        for fact in ordered:
            registration = fact.registration or ""
            if registration not in answered or fact.kind != "item" or fact.verb != "answered":
                continue
            quiz_slug, _, item_id = fact.local.partition("/")
            if quiz_slug == still_open[registration].local:
                answered[registration][item_id] = AnsweredItem(
                    item_id, fact.response, fact.score, fact.success, fact.ts
                )
    attempts = [
        OpenAttempt(
            registration,
            fact.pack,
            fact.kind,
            fact.local,
            fact.ts,
            answered[registration],
            fact.form if isinstance(fact.form, Mapping) else None,
        )
        for registration, fact in still_open.items()
    ]
    attempts.sort(key=lambda a: (a.started, a.registration))
    return attempts


def previous_items(ordered: list[Fact], pack_id: str, kind: str, quiz_slug: str) -> frozenset[str]:
    """The item ids of the learner's latest attempt at this quiz: its recorded form's,
    or, for an attempt recorded before forms were, the items it answered. A new attempt
    draws these last (content.forms)."""
    latest: Fact | None = None
    for fact in ordered:
        if (
            fact.verb == "attempted"
            and (fact.pack, fact.kind, fact.local) == (pack_id, kind, quiz_slug)
            and fact.registration
        ):
            latest = fact
    if latest is None:
        return frozenset()
    form = latest.form
    if isinstance(form, Mapping) and isinstance(form.get("items"), list):
        return frozenset(
            str(entry["id"])
            for entry in form["items"]
            if isinstance(entry, Mapping) and "id" in entry
        )
    prefix = quiz_slug + "/"
    return frozenset(
        fact.local[len(prefix) :]
        for fact in ordered
        if fact.registration == latest.registration
        and fact.kind == "item"
        and fact.verb == "answered"
        and fact.local.startswith(prefix)
    )
