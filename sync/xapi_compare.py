"""Whether two statements with the same id are the same statement (xAPI 1.0.3 Data
2.3.1, "Statement Comparison Requirements").

A statement is immutable, but a copy of it may differ from what was first sent in
what the specification lists as exceptions: what the LRS assigns (`authority`,
`stored`, `version`, and `timestamp` when none was sent), the definitions of its
activities and the display of its verb (which may be updated), the serialisation of
timestamps, the order of a Group's members, and the case of what is case-insensitive
(an e-mail address's domain). A tool that reads a statement back and sends it again
meets all of these; the LRS must take it as the same statement, not as a conflict.
Anything else that differs is another statement under a taken id: 409.

Ingest compares the canonical bytes' hashes first (`sync.xapi.canonical`); this
runs only when they differ.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sync.xapi import canonical

# What the LRS may set or replace (Data 2.3.1, 2.4.8-2.4.10).
_ASSIGNED = ("authority", "stored", "version", "timestamp")


def same_statement(first: dict[str, Any], second: dict[str, Any]) -> bool:
    """Whether `second` is `first` up to the exceptions to immutability."""
    if not _same_time(first.get("timestamp"), second.get("timestamp")):
        return False
    # Compared as JSON text, not as Python values: True == 1 == 1.0 in Python, but a
    # statement whose extension was 1 is another statement when it says true.
    return canonical(_reduced(first, top=True)) == canonical(_reduced(second, top=True))


def _same_time(first: Any, second: Any) -> bool:
    # A timestamp missing on one side may have been set by the LRS (to `stored`).
    if first is None or second is None:
        return True
    return _instant(first) == _instant(second)


def _instant(text: Any) -> Any:
    """The instant a timestamp names, in one spelling (text, so that it can be encoded)."""
    try:
        moment = datetime.fromisoformat(str(text).replace("Z", "+00:00")).astimezone(UTC)
    except (ValueError, OverflowError):
        return text
    return moment.isoformat()


def _reduced(statement: dict[str, Any], *, top: bool) -> dict[str, Any]:
    out = {k: v for k, v in statement.items() if not top or k not in _ASSIGNED}
    if not top and "timestamp" in out:
        out["timestamp"] = _instant(out["timestamp"])
    out["actor"] = _agent(out.get("actor"))
    verb = out.get("verb")
    if isinstance(verb, dict):
        out["verb"] = {k: v for k, v in verb.items() if k != "display"}
    out["object"] = _object(out.get("object"))
    context = out.get("context")
    if isinstance(context, dict):
        out["context"] = _context(context)
    return out


def _object(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    kind = value.get("objectType", "Activity")
    if kind == "Activity":
        return _activity(value)
    if kind in ("Agent", "Group"):
        return _agent(value)
    if kind == "SubStatement":
        return _reduced(value, top=False)
    return value


def _activity(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    # Only the id: the definition may be updated (Data 2.3.1), and "objectType" may
    # be left out.
    return {"id": value.get("id")}


def _context(context: dict[str, Any]) -> dict[str, Any]:
    out = dict(context)
    for part in ("instructor", "team"):
        if part in out:
            out[part] = _agent(out[part])
    activities = out.get("contextActivities")
    if isinstance(activities, dict):
        out["contextActivities"] = {
            key: [_activity(item) for item in items]
            if isinstance(items, list)
            else [_activity(items)]  # a single activity is a list of one (Data 2.4.6.2)
            for key, items in activities.items()
        }
    return out


def _agent(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    out = dict(value)
    if out.get("objectType") == "Agent":
        del out["objectType"]  # the default: the same agent with or without it
    mbox = out.get("mbox")
    if isinstance(mbox, str) and "@" in mbox:
        local, _, domain = mbox.rpartition("@")
        out["mbox"] = f"{local}@{domain.lower()}"
    members = out.get("member")
    if isinstance(members, list):
        # A Group's members are not an ordered list (Data 2.3.1).
        reduced = [_agent(member) for member in members]
        out["member"] = sorted(reduced, key=lambda member: canonical({"m": member}))
    return out
