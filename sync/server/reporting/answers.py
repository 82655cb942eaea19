"""Item responses: how each learner answered each item, kept at ingest.

An answered statement of an item activity is folded into one row per (learner,
pack, pack version, item, correct, response) counting the answers. Ingest calls
`record` in the transaction that stores the statements, and migration 0005 fills
the table from the statements stored before it, with the same `derive`. Item
analysis (`sync.server.reporting.items`) groups these rows over a scope's learners:
the number of rows per response is the number of different learners who gave it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from sync.server.models import ItemResponse
from sync.server.reporting.versions import pack_version
from sync.xapi import VERBS, Activity, StatementError

_ANSWERED = VERBS["answered"]
NO_RESPONSE = bytes(16)
# Longer typed answers are kept to this many characters (the key covers all of it).
MAX_RESPONSE = 500


@dataclass(frozen=True)
class Answer:
    learner_id: str
    pack_id: str
    pack_version: int
    item_id: str
    correct: bool
    response: str | None


def response_text(value: Any) -> str | None:
    """The response as text: as written for a string, as JSON for anything else."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def derive(statement: dict[str, Any], learner_id: str | None) -> Answer | None:
    """The answer a validated statement records, or None."""
    if learner_id is None or statement["verb"]["id"] != _ANSWERED:
        return None
    try:
        activity = Activity.parse(statement["object"]["id"])
    except StatementError:
        return None
    if activity.kind != "item":
        return None
    result = statement.get("result") or {}
    return Answer(
        learner_id,
        activity.pack_id,
        pack_version(statement) or 0,
        activity.local_id,
        result.get("success") is True,
        response_text(result.get("response")),
    )


def _key(response: str | None) -> bytes:
    if response is None:
        return NO_RESPONSE
    return hashlib.sha256(response.encode()).digest()[:16]


def record(session: Session, answers: Iterable[Answer]) -> int:
    """Fold answers into `item_responses` in the caller's transaction (an upsert per
    row, adding to the count); returns the number of rows written."""
    rows: dict[tuple, dict[str, Any]] = {}
    for a in answers:
        key = (a.learner_id, a.pack_id, a.pack_version, a.item_id, a.correct, _key(a.response))
        row = rows.get(key)
        if row is None:
            rows[key] = {
                "learner_id": a.learner_id,
                "pack_id": a.pack_id,
                "pack_version": a.pack_version,
                "item_id": a.item_id,
                "correct": a.correct,
                "response_key": key[-1],
                "response": None if a.response is None else a.response[:MAX_RESPONSE],
                "answers": 1,
            }
        else:
            row["answers"] += 1
    if not rows:
        return 0
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = ItemResponse.__table__
    statement = insert(table)
    statement = statement.on_conflict_do_update(
        index_elements=[column.name for column in table.primary_key.columns],
        set_={"answers": table.c.answers + statement.excluded.answers},
    )
    session.execute(statement, list(rows.values()))
    return len(rows)
