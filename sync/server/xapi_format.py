"""Statements as the LRS returns them (xAPI 1.0.3, Data 2.2 and Communication 2.1.3).

The stored body is the statement exactly as its writer sent it; what the LRS adds is
added when it is read (`complete`): `stored`, the `authority` of the credentials that
wrote it when the writer gave none, a `timestamp` equal to `stored` when it had none,
and `version`. A statement sent again unchanged therefore still compares equal.
`shape` then applies the `format` parameter: `exact` as stored, `ids` with agents,
groups, activities and verbs reduced to their identifiers, `canonical` with each
language map reduced to the one language the reader prefers (Accept-Language).
"""

from __future__ import annotations

import copy
from datetime import datetime
from typing import Any

from sync.xapi import SERVER_HOME_PAGE
from sync.xapi_actors import parse_actor
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


def iso(value: datetime) -> str:
    return value.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def complete(statement: dict[str, Any], stored: datetime, authority: dict) -> dict[str, Any]:
    statement["stored"] = iso(stored)
    statement.setdefault("authority", authority)
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


def _canonical_body(statement: dict[str, Any], languages: list[str]) -> None:
    verb = statement.get("verb")
    if isinstance(verb, dict) and "display" in verb:
        verb["display"] = _pick(languages, verb["display"])
    activities = [statement.get("object")]
    context = statement.get("context")
    if isinstance(context, dict) and isinstance(context.get("contextActivities"), dict):
        for items in context["contextActivities"].values():
            activities += items if isinstance(items, list) else [items]
    for item in activities:
        if not isinstance(item, dict):
            continue
        if item.get("objectType") == "SubStatement":
            _canonical_body(item, languages)
            continue
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


def shape(statement: dict[str, Any], form: str, languages: list[str]) -> dict[str, Any]:
    """The statement in the `format` asked for (see the module docstring)."""
    if form == "ids":
        return _ids_body(statement, sub=False)
    if form == "canonical":
        statement = copy.deepcopy(statement)
        _canonical_body(statement, languages)
    return statement
