"""Statements as the LRS returns them (xAPI 1.0.3, Data 2.2 and Communication 2.1.3).

The stored body is the statement exactly as its writer sent it; what the LRS adds is
added when it is read (`complete`): `stored`, the `authority` of the credentials that
wrote it (in place of any the writer sent), a `timestamp` equal to `stored` when it had
none, and `version`. A statement sent again unchanged therefore still compares equal.
`shape` then applies the `format` parameter: `exact` as stored, `ids` with agents,
groups, activities and verbs reduced to their identifiers, `canonical` with each
activity's definition replaced by the LRS's (`xapi_lookup.known_definitions`) and each
language map reduced to the one language the reader prefers (Accept-Language).
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sync.xapi import SERVER_HOME_PAGE
from sync.xapi_actors import Actor, parse_actor
from sync.xapi_errors import StatementError

CLIENT_HOME_PAGE = "urn:hocvu:xapi-client"
DEVICE_HOME_PAGE = "urn:hocvu:device"
FORMATS = ("exact", "ids", "canonical")


def authority(client_id: int | None, client_name: str | None, device_id: str | None) -> dict:
    """The agent of the credentials a statement arrived with."""
    if client_id is not None:
        return {
            "objectType": "Agent",
            "name": client_name or "",
            "account": {"homePage": CLIENT_HOME_PAGE, "name": str(client_id)},
        }
    name = device_id or "server"
    home = DEVICE_HOME_PAGE if device_id else SERVER_HOME_PAGE
    return {"objectType": "Agent", "account": {"homePage": home, "name": name}}


@dataclass(frozen=True)
class Credentials:
    """The credentials an authority made by `authority` stands for: an xAPI client's
    id or a device's id."""

    client_id: int | None = None
    device_id: str | None = None


def credentials_of(actor: Actor) -> Credentials | None:
    """The credentials whose authority `actor` is, when it is one `authority` makes
    for an xAPI client or a device; else None. (The server's own statements carry their
    authority in the stored body, and the statement index holds it.)"""
    if actor.object_type != "Agent" or actor.ifi is None or actor.ifi[0] != "account":
        return None
    home, name = actor.ifi[1]
    # Spelt exactly as `authority` spells it: an account name is compared as a string.
    if home == CLIENT_HOME_PAGE and name.isascii() and name.isdigit() and str(int(name)) == name:
        return Credentials(client_id=int(name))
    if home == DEVICE_HOME_PAGE:
        try:
            device_id = str(uuid.UUID(name))
        except ValueError:
            return None
        return Credentials(device_id=device_id) if device_id == name else None
    return None


def iso(value: datetime) -> str:
    return value.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def complete(statement: dict[str, Any], stored: datetime, authority: dict) -> dict[str, Any]:
    statement["stored"] = iso(stored)
    if authority["account"]["homePage"] == SERVER_HOME_PAGE:
        # The server's own statements were written with the authority they carry.
        statement.setdefault("authority", authority)
    else:
        # The LRS vouches for the credentials a statement came with (Data 2.4.9: it
        # SHOULD overwrite the authority), not for one a client or a device asserted:
        # over HTTP Basic nothing delegates that trust. The stored body keeps what was
        # sent, so a statement sent again unchanged still compares equal.
        statement["authority"] = authority
    statement.setdefault("timestamp", statement["stored"])
    statement.setdefault("version", "1.0.0")
    return statement


# ------------------------------------------------------------------ format=ids


def _actor_ids(raw: Any) -> Any:
    try:
        return parse_actor(raw).ids()
    except StatementError:
        return raw


def _activity_ids(raw: Any) -> Any:
    if isinstance(raw, dict) and "id" in raw:
        return {"objectType": "Activity", "id": raw["id"]}
    return raw


def _ids_body(statement: dict[str, Any], *, sub: bool) -> dict[str, Any]:
    out = dict(statement)
    out["actor"] = _actor_ids(statement["actor"])
    out["verb"] = {"id": statement["verb"]["id"]}
    obj = statement["object"]
    kind = obj.get("objectType", "Activity")
    if kind == "Activity":
        out["object"] = _activity_ids(obj)
    elif kind in ("Agent", "Group"):
        out["object"] = _actor_ids(obj)
    elif kind == "SubStatement" and not sub:
        out["object"] = _ids_body(obj, sub=True)
    context = statement.get("context")
    if isinstance(context, dict):
        context = dict(context)
        for part in ("instructor", "team"):
            if part in context:
                context[part] = _actor_ids(context[part])
        if isinstance(context.get("contextActivities"), dict):
            context["contextActivities"] = {
                name: [_activity_ids(a) for a in (items if isinstance(items, list) else [items])]
                for name, items in context["contextActivities"].items()
            }
        out["context"] = context
    if "authority" in statement:
        out["authority"] = _actor_ids(statement["authority"])
    return out


# ------------------------------------------------------------------ format=canonical


def accept_languages(header: str | None) -> list[str]:
    """The languages of an Accept-Language header, most wanted first."""
    ranked = []
    for position, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        if not tag:
            continue
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        if weight > 0:
            ranked.append((-weight, position, tag.strip()))
    return [tag for _, _, tag in sorted(ranked)]


def _pick(languages: list[str], value: Any) -> Any:
    if not isinstance(value, dict) or not value:
        return value
    lowered = {tag.lower(): tag for tag in value}
    for wanted in languages:
        if wanted == "*":
            break
        want = wanted.lower()
        if want in lowered:
            tag = lowered[want]
            return {tag: value[tag]}
        for low, tag in lowered.items():
            if low.split("-")[0] == want.split("-")[0]:
                return {tag: value[tag]}
    tag = next(iter(value))
    return {tag: value[tag]}


def _activities(statement: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """The Activity objects of a statement (object, context activities), and a
    sub-statement's as SubStatement objects for the caller to walk."""
    items = [statement.get("object")]
    context = statement.get("context")
    if isinstance(context, dict) and isinstance(context.get("contextActivities"), dict):
        for listed in context["contextActivities"].values():
            items += listed if isinstance(listed, list) else [listed]
    for item in items:
        if isinstance(item, dict) and item.get("objectType", "Activity") in (
            "Activity",
            "SubStatement",
        ):
            yield item


def activity_ids(statement: dict[str, Any]) -> set[str]:
    """The ids of the activities whose definition `format=canonical` replaces."""
    found = set()
    for item in _activities(statement):
        if item.get("objectType") == "SubStatement":
            found |= activity_ids(item)
        elif isinstance(item.get("id"), str):
            found.add(item["id"])
    return found


def _canonical_body(
    statement: dict[str, Any], languages: list[str], known: dict[str, dict[str, Any]] | None
) -> None:
    verb = statement.get("verb")
    if isinstance(verb, dict) and "display" in verb:
        verb["display"] = _pick(languages, verb["display"])
    for item in _activities(statement):
        if item.get("objectType") == "SubStatement":
            _canonical_body(item, languages, known)
            continue
        if known is not None:
            # The LRS's definition, not the one this statement gave (Data 2.4.4.1), even
            # when that is none: the same the Activities resource answers.
            item.pop("definition", None)
            if item.get("id") in known:
                item["definition"] = copy.deepcopy(known[item["id"]])
        definition = item.get("definition")
        if not isinstance(definition, dict):
            continue
        for part in ("name", "description"):
            if part in definition:
                definition[part] = _pick(languages, definition[part])
        for part in ("choices", "scale", "source", "target", "steps"):
            for component in definition.get(part) or []:
                if isinstance(component, dict) and "description" in component:
                    component["description"] = _pick(languages, component["description"])
    for attachment in statement.get("attachments") or []:
        for part in ("display", "description"):
            if isinstance(attachment, dict) and part in attachment:
                attachment[part] = _pick(languages, attachment[part])


def shape(
    statement: dict[str, Any],
    form: str,
    languages: list[str],
    known: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The statement in the `format` asked for (see the module docstring). `known`:
    the LRS's definition of each activity `activity_ids` names, for `canonical` (None:
    the statement's own definitions, only their languages reduced)."""
    if form == "ids":
        return _ids_body(statement, sub=False)
    if form == "canonical":
        statement = copy.deepcopy(statement)
        _canonical_body(statement, languages, known)
    return statement
