"""What the server knows about an activity or an agent, for the xAPI Activities and
Agents resources (xAPI 1.0.3, Communication 2.5 and 2.4), from the statements a client
may read.

Both walk the statement index (`sync.server.statement_index`: a hash of the activity
id or of the agent's identity, newest first) over at most `NEWEST` statements, so an
answer costs the same at a thousand statements as at a million.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import ColumnElement, CompoundSelect, bindparam, select, union_all
from sqlalchemy.orm import Session

from sync.server.models import Learner, Profile, Statement, StatementActivity, StatementAgent
from sync.server.statement_index import activity_digest
from sync.xapi import ACCOUNT_HOME_PAGE, server_authored
from sync.xapi_actors import Actor, parse_actor
from sync.xapi_errors import StatementError

# How many of the newest statements naming an activity or agent an answer reads.
NEWEST = 200
# How many activities one query looks up: one index walk each, joined by UNION ALL
# (SQLite allows at most 500 terms in a compound SELECT).
_PER_QUERY = 100
# Fills a query's unused activity slots: no digest is empty.
_NO_ACTIVITY = b""
# How many statements' bodies one query reads (well under SQLite's 32,766 parameters).
_BODIES_PER_QUERY = 500
_PERSON_PARTS = ("name", "mbox", "mbox_sha1sum", "openid", "account")


def merge_definitions(definitions: list[dict[str, Any]]) -> dict[str, Any]:
    """One definition from several, oldest first: a later one's properties win, and
    language maps (name, description) are merged language by language."""
    merged: dict[str, Any] = {}
    for definition in definitions:
        for name, value in definition.items():
            if name in ("name", "description") and isinstance(value, dict):
                merged[name] = {**(merged.get(name) or {}), **value}
            else:
                merged[name] = value
    return merged


def definitions_in(statement: dict[str, Any], activity_id: str) -> Iterator[dict[str, Any]]:
    """Every definition a statement gives the activity: as its object, a sub-statement's
    object or one of its context activities."""
    return (definition for named, definition in _definitions(statement) if named == activity_id)


def _definitions(statement: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Each (activity id, definition) a statement gives, in the order `definitions_in`
    meets them: one walk over the statement for all of its activities."""

    def defined(item: Any) -> Iterator[tuple[str, dict[str, Any]]]:
        if (
            isinstance(item, dict)
            and item.get("objectType", "Activity") == "Activity"
            and isinstance(item.get("id"), str)
            and isinstance(item.get("definition"), dict)
        ):
            yield item["id"], item["definition"]

    def visit(part: dict[str, Any], sub: bool) -> Iterator[tuple[str, dict[str, Any]]]:
        obj = part.get("object")
        yield from defined(obj)
        if isinstance(obj, dict) and obj.get("objectType") == "SubStatement" and not sub:
            yield from visit(obj, True)
        context = part.get("context")
        activities = context.get("contextActivities") if isinstance(context, dict) else None
        for items in (activities or {}).values() if isinstance(activities, dict) else ():
            for item in items if isinstance(items, list) else [items]:
                yield from defined(item)

    yield from visit(statement, False)


def known_definitions(
    session: Session, visible: ColumnElement[bool], activity_ids: Iterable[str]
) -> dict[str, dict[str, Any]]:
    """The definition the Activities resource gives each of `activity_ids` that has
    one: the definitions in the newest `NEWEST` readable statements naming it, merged
    oldest first. One query per `_PER_QUERY` activities, not one per activity, so that
    a page of statements in the canonical format costs a bounded number of queries
    (xapi_format.shape)."""
    wanted = {activity_digest(a): a for a in dict.fromkeys(activity_ids)}
    digests = list(wanted)
    if not digests:
        return {}
    width = min(_PER_QUERY, len(digests))
    # Built once and run per chunk with other parameters: building and compiling a
    # UNION of 100 walks cost SQLAlchemy more than the database took to run it.
    walks = _walks(visible, width)
    # The walks send seqs only: a statement naming many of the activities is among the
    # newest of each, and sending its body once per activity sent one 32 KB statement
    # naming 400 activities 400 times (a GET of one statement read 390 MB).
    naming: dict[int, set[str]] = {}
    for start in range(0, len(digests), width):
        chunk = digests[start : start + width]
        slots = {f"a{n}": chunk[n] if n < len(chunk) else _NO_ACTIVITY for n in range(width)}
        for digest, seq in session.execute(walks, slots):
            naming.setdefault(seq, set()).add(wanted[bytes(digest)])
    found: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    seqs = sorted(naming)
    for start in range(0, len(seqs), _BODIES_PER_QUERY):
        rows = session.execute(
            select(Statement.seq, Statement.body).where(
                Statement.seq.in_(seqs[start : start + _BODIES_PER_QUERY]),
                # Bodies are stored re-serialised (sync.xapi.canonical), so a
                # definition's key is spelt plainly: the others need not be sent or parsed.
                Statement.body.contains('"definition"'),
            )
        )
        for seq, body in rows:
            for activity_id, definition in _definitions(json.loads(body)):
                if activity_id in naming[seq]:
                    found.setdefault(activity_id, []).append((seq, definition))
    # Merged oldest first; a statement's own definitions keep their order (sort is stable).
    return {
        activity_id: merge_definitions([d for _, d in sorted(pairs, key=lambda pair: pair[0])])
        for activity_id, pairs in found.items()
    }


def _walks(visible: ColumnElement[bool], width: int) -> CompoundSelect:
    """`width` index walks, one per activity digest parameter `a0`, `a1`…: the seqs of
    the newest `NEWEST` readable statements naming it."""
    walks = []
    for n in range(width):
        walk = (
            select(StatementActivity.activity, Statement.seq)
            .join(StatementActivity, StatementActivity.seq == Statement.seq)
            .where(StatementActivity.activity == bindparam(f"a{n}"), visible)
            .order_by(Statement.seq.desc())
            .limit(NEWEST)
            .subquery()
        )
        walks.append(select(walk))
    return union_all(*walks)


def known_activity(
    session: Session, visible: ColumnElement[bool], activity_id: str
) -> dict[str, Any]:
    """The Activity object: its id and the definition the readable statements give it
    (none when no statement defines it)."""
    activity: dict[str, Any] = {"objectType": "Activity", "id": activity_id}
    definition = known_definitions(session, visible, [activity_id]).get(activity_id)
    if definition is not None:
        activity["definition"] = definition
    return activity


def _agents_in(statement: dict[str, Any]) -> Iterator[Any]:
    """The agent objects of a statement that may carry a name (groups' members too)."""
    context = statement.get("context") if isinstance(statement.get("context"), dict) else {}
    parts = [
        statement.get("actor"),
        statement.get("object"),
        # Any other authority is read as the credentials' (xapi_format.complete).
        statement.get("authority") if server_authored(statement) else None,
        context.get("instructor"),
        context.get("team"),
    ]
    obj = statement.get("object")
    if isinstance(obj, dict) and obj.get("objectType") == "SubStatement":
        parts += [obj.get("actor"), obj.get("object")]
    for part in parts:
        if isinstance(part, dict):
            yield part
            members = part.get("member")
            if isinstance(members, list):
                yield from (m for m in members if isinstance(m, dict))


def _same_learner(session: Session, actor: Actor, unit_ids: set[int]) -> list[Actor]:
    """The other profile accounts of the learner a Học Vụ Số account belongs to, when
    the learner is in `unit_ids`: one learner has one profile per device."""
    kind, value = actor.ifi  # type: ignore[misc]
    if kind != "account" or value[0] != ACCOUNT_HOME_PAGE:
        return []
    try:
        profile_id = str(uuid.UUID(value[1]))
    except ValueError:
        return []
    learner = session.execute(
        select(Profile.learner_id, Learner.unit_id)
        .join(Learner, Learner.id == Profile.learner_id)
        .where(Profile.profile_id == profile_id)
    ).first()
    if learner is None or learner.unit_id not in unit_ids:
        return []
    profiles = session.scalars(
        select(Profile.profile_id)
        .where(Profile.learner_id == learner.learner_id)
        .order_by(Profile.profile_id)
    )
    return [
        Actor("Agent", ("account", (ACCOUNT_HOME_PAGE, p)))
        for p in profiles
        if p != value[1].lower()
    ]


def known_person(
    session: Session, visible: ColumnElement[bool], actor: Actor, unit_ids: set[int]
) -> dict[str, Any]:
    """The Person object: the agent's identifier and every name the readable
    statements give it, and, for a Học Vụ Số profile of a learner in `unit_ids`, the
    learner's other profile accounts and their names."""
    identities = [actor, *_same_learner(session, actor, unit_ids)]
    person: dict[str, list[Any]] = {part: [] for part in _PERSON_PARTS}

    def add(part: str, value: Any) -> None:
        if value not in person[part]:
            person[part].append(value)

    for identity in identities:
        kind, value = identity.ifi  # type: ignore[misc]
        add(kind, {"homePage": value[0], "name": value[1]} if kind == "account" else value)
    if actor.name:
        add("name", actor.name)
    keys = {identity.key for identity in identities}
    bodies = session.scalars(
        select(Statement.body)
        .join(StatementAgent, StatementAgent.seq == Statement.seq)
        .where(StatementAgent.agent.in_([i.digest for i in identities]), visible)
        .order_by(Statement.seq.desc())
        .limit(NEWEST)
    ).all()
    for body in bodies:
        for raw in _agents_in(json.loads(body)):
            try:
                named = parse_actor(raw)
            except StatementError:
                continue
            if named.key in keys and named.name:
                add("name", named.name)
    return {"objectType": "Person", **{k: v for k, v in person.items() if v}}
