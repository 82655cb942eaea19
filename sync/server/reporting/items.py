"""Item analysis for trainers: how each item was answered, never by whom.

The response and the pack version are only in the statement body, so the database
extracts them (`json_extract` on SQLite, `jsonb` on PostgreSQL) and groups; only
the counts (answers, and distinct learners per response) reach Python.

A wrong answer to an item that takes typed text (short answer, numeric, or an item
whose type is unknown) may be a name or another personal detail: it is shown only
when at least `MIN_LEARNERS_FOR_TEXT` different learners gave it, otherwise the
item says its wrong answers were varied. Chosen option ids are always shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import cast, distinct, func, select, true
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Session

from sync.server.models import Learner, Statement
from sync.server.reporting.quizzes import ItemTypes
from sync.server.reporting.scope import scope_unit_ids
from sync.xapi import EXT_PACK_VERSION, VERBS, Activity, StatementError

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


def _answers_query(session: Session):
    """Answered statements joined to their learners, with the pack version, success
    and response read by the database from the stored body (the hot path keeps
    statements as they came, not these columns apart)."""
    base = select(Statement.object_id).join(Learner, Learner.id == Statement.learner_id)
    if session.get_bind().dialect.name == "postgresql":
        # Parsed once per row: a LATERAL that PostgreSQL may not fold into the outer
        # query (OFFSET 0), else each of the three fields would parse the body again.
        parsed = (
            select(cast(Statement.body, JSONB).label("b"))
            .correlate(Statement)
            .offset(0)
            .lateral("parsed")
        )
        body = parsed.c.b
        base = base.join(parsed, true())
        fields = (
            body.op("->")("context").op("->")("extensions").op("->>")(EXT_PACK_VERSION),
            body.op("->")("result").op("->>")("success"),
            body.op("->")("result").op("->>")("response"),
        )
    else:
        fields = (
            func.json_extract(Statement.body, f'$.context.extensions."{EXT_PACK_VERSION}"'),
            func.json_extract(Statement.body, "$.result.success"),
            func.json_extract(Statement.body, "$.result.response"),
        )
    return base, fields


def _truthy(value) -> bool:
    return value in (True, 1, "true", "1")


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
    base, fields = _answers_query(session)
    prefix = f"urn:hocvu:pack:{pack_id}:item:" if pack_id else "urn:hocvu:pack:"
    query = (
        base.add_columns(*fields, func.count(), func.count(distinct(Statement.learner_id)))
        .where(
            Statement.verb == VERBS["answered"],
            Learner.unit_id.in_(scope),
            Statement.object_id.startswith(prefix, autoescape=True),
        )
        .group_by(Statement.object_id, *fields)
    )
    counts: dict[tuple[str, int | None, str], list] = {}
    # key → response → [answers, learners]
    wrong: dict[tuple[str, int | None, str], dict[str, list[int]]] = {}
    for object_id, raw_version, raw_success, raw_response, n, learners in session.execute(query):
        try:
            activity = Activity.parse(object_id)
        except StatementError:
            continue
        if activity.kind != "item":
            continue
        try:
            pack_version = int(raw_version) if raw_version is not None else None
        except ValueError:
            pack_version = None
        key = (activity.pack_id, pack_version, activity.local_id)
        entry = counts.setdefault(key, [0, 0])
        entry[0] += n
        if _truthy(raw_success):
            entry[1] += n
        elif raw_response is not None:
            seen = wrong.setdefault(key, {}).setdefault(str(raw_response), [0, 0])
            seen[0] += n
            # The same response can come in two groups (success false, or absent):
            # the larger learner count is a floor, never an overcount.
            seen[1] = max(seen[1], learners)
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
