"""The Data section of xAPI 1.0.3 (section 2) as checks: `check_statement` raises
StatementError naming the first fault of a statement sent to the LRS.

Every property a statement, a sub-statement, an activity definition, a result or a
context may hold is checked for its type and its form (UUIDs, IRIs, IRLs, language
maps and tags, ISO 8601 timestamps and durations, score ranges, extensions keyed by
IRIs, attachments); a property the specification does not define is a fault (the
LRS conformance requirements ask for 400 then). Agents and Groups are checked by
`sync.xapi_actors`.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from sync.xapi_actors import is_iri, is_irl, parse_actor
from sync.xapi_errors import StatementError, clipped

VOIDED = "http://adlnet.gov/expapi/verbs/voided"
SIGNATURE_USAGE = "http://adlnet.gov/expapi/attachments/signature"
# The longest verb IRI and activity id, in UTF-8 bytes: longer ones are refused rather
# than cut. The verb is a key of a PostgreSQL btree index (ix_statements_verb_seq),
# whose rows hold at most 2,704 bytes; a bound in characters would not do, since a
# Vietnamese letter takes 2 or 3 bytes (a 2,048-letter IRI is 4-6 KB). Measured on
# PostgreSQL 15: 2,682 ASCII bytes is the most a row takes; 2,048 leaves room.
MAX_IRI_BYTES = 2048
# Extensions are the only free-form JSON of a statement: deeper values are refused, so
# that no reader (a copy, a canonical form, the app) meets a value that exhausts
# Python's recursion; no real extension nests anywhere near this.
MAX_EXTENSION_DEPTH = 64

_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_LANGUAGE = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")
_SHA2 = re.compile(r"^[0-9a-fA-F]{56,128}$")
_MEDIA_TYPE = re.compile(r"^[\w.+-]+/[\w.+-]+(?:\s*;.*)?$")
_TIMESTAMP = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$"
)
_DURATION = re.compile(
    r"^P(?!$)(?:\d+(?:\.\d+)?Y)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?W)?(?:\d+(?:\.\d+)?D)?"
    r"(?:T(?=\d)(?:\d+(?:\.\d+)?H)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?S)?)?$"
)
INTERACTION_TYPES = {
    "true-false",
    "choice",
    "fill-in",
    "long-fill-in",
    "matching",
    "performance",
    "sequencing",
    "likert",
    "numeric",
    "other",
}
_COMPONENT_LISTS = ("choices", "scale", "source", "target", "steps")
_STATEMENT_KEYS = {
    "id",
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "stored",
    "authority",
    "version",
    "attachments",
}
_SUB_KEYS = {
    "objectType",
    "actor",
    "verb",
    "object",
    "result",
    "context",
    "timestamp",
    "attachments",
}
_CONTEXT_KEYS = {
    "registration",
    "instructor",
    "team",
    "contextActivities",
    "revision",
    "platform",
    "language",
    "statement",
    "extensions",
}
_DEFINITION_KEYS = {
    "name",
    "description",
    "type",
    "moreInfo",
    "extensions",
    "interactionType",
    "correctResponsesPattern",
    *_COMPONENT_LISTS,
}
_RESULT_KEYS = {"score", "success", "completion", "response", "duration", "extensions"}
_SCORE_KEYS = {"scaled", "raw", "min", "max"}
_ACTIVITY_KEYS = {"objectType", "id", "definition"}
_CONTEXT_ACTIVITY_KEYS = {"parent", "grouping", "category", "other"}
_VERB_KEYS = {"id", "display"}


def is_uuid(value: Any) -> bool:
    return isinstance(value, str) and bool(_UUID.match(value))


def _object(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise StatementError(f"{where} must be an object")
    return value


def _only(value: dict[str, Any], allowed: set[str], where: str) -> None:
    if value.keys() <= allowed:
        return
    extra = set(value) - allowed
    if extra:
        raise StatementError(f"{where} has unknown properties: {', '.join(sorted(extra))[:200]}")


def _iri(value: Any, where: str) -> str:
    if not is_iri(value):
        raise StatementError(f"{where} {clipped(value)} is not an IRI")
    return value


def _string(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise StatementError(f"{where} must be a string")
    return value


def language_map(value: Any, where: str) -> dict[str, str]:
    value = _object(value, where)
    for tag, text in value.items():
        if not _LANGUAGE.match(tag):
            raise StatementError(f"{where}: {clipped(tag)} is not a language tag")
        if not isinstance(text, str):
            raise StatementError(f"{where}[{tag}] must be a string")
    return value


def extensions(value: Any, where: str) -> None:
    for key, item in _object(value, where).items():
        if not is_iri(key):
            raise StatementError(f"{where}: key {clipped(key)} is not an IRI")
        if isinstance(item, dict | list) and _too_deep(item):
            raise StatementError(
                f"{where}[{clipped(key)}] is nested more than {MAX_EXTENSION_DEPTH} levels deep"
            )


def _too_deep(value: dict | list) -> bool:
    """Whether JSON nests deeper than MAX_EXTENSION_DEPTH; walked level by level, since
    a recursive walk is what such a value is made to break."""
    level: list[Any] = [value]
    for _ in range(MAX_EXTENSION_DEPTH):
        level = [
            child
            for item in level
            for child in (item.values() if isinstance(item, dict) else item)
            if isinstance(child, dict | list)
        ]
        if not level:
            return False
    return True


def timestamp(value: Any, where: str) -> datetime:
    if not isinstance(value, str) or not _TIMESTAMP.match(value):
        raise StatementError(
            f"{where} {clipped(value)} is not ISO 8601 (a date, a time and a zone)"
        )
    if value.endswith("-00:00") or value.endswith("-0000"):
        raise StatementError(f"{where}: the offset -00:00 is not allowed (RFC 3339)")
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        raise StatementError(f"{where} {clipped(value)} is not a valid time") from None
    return parsed


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise StatementError(f"{where} must be a number")
    return value


def _bounded(iri: str, where: str) -> str:
    # A character is at most 4 bytes: shorter IRIs need no encoding to be measured.
    if len(iri) > MAX_IRI_BYTES // 4:
        size = len(iri.encode("utf-8", "surrogatepass"))
        if size > MAX_IRI_BYTES:
            raise StatementError(
                f"{where} is {size} bytes in UTF-8; at most {MAX_IRI_BYTES} "
                "(a Vietnamese letter takes 2 or 3)"
            )
    return iri


def _verb(value: Any, where: str) -> None:
    verb = _object(value, where)
    _only(verb, _VERB_KEYS, where)
    _bounded(_iri(verb.get("id"), f"{where}.id"), f"{where}.id")
    if "display" in verb:
        language_map(verb["display"], f"{where}.display")


def _components(value: Any, where: str) -> None:
    if not isinstance(value, list):
        raise StatementError(f"{where} must be a list")
    seen = set()
    for i, item in enumerate(value):
        item = _object(item, f"{where}[{i}]")
        _only(item, {"id", "description"}, f"{where}[{i}]")
        component = _string(item.get("id"), f"{where}[{i}].id")
        if component in seen:
            raise StatementError(f"{where}: id {clipped(component)} appears twice")
        seen.add(component)
        if "description" in item:
            language_map(item["description"], f"{where}[{i}].description")


def _definition(value: Any, where: str) -> None:
    definition = _object(value, where)
    _only(definition, _DEFINITION_KEYS, where)
    for part in ("name", "description"):
        if part in definition:
            language_map(definition[part], f"{where}.{part}")
    if "type" in definition:
        _iri(definition["type"], f"{where}.type")
    if "moreInfo" in definition and not is_irl(definition["moreInfo"]):
        raise StatementError(f"{where}.moreInfo {clipped(definition['moreInfo'])} is not an IRL")
    if "extensions" in definition:
        extensions(definition["extensions"], f"{where}.extensions")
    kind = definition.get("interactionType")
    if kind is not None and kind not in INTERACTION_TYPES:
        raise StatementError(f"{where}.interactionType {clipped(kind)} is not known")
    pattern = definition.get("correctResponsesPattern")
    if pattern is not None and (
        not isinstance(pattern, list) or not all(isinstance(p, str) for p in pattern)
    ):
        raise StatementError(f"{where}.correctResponsesPattern must be a list of strings")
    for part in _COMPONENT_LISTS:
        if part in definition:
            if kind is None:
                raise StatementError(f"{where}.{part} needs an interactionType")
            _components(definition[part], f"{where}.{part}")


def activity(value: Any, where: str) -> str:
    item = _object(value, where)
    _only(item, _ACTIVITY_KEYS, where)
    if item.get("objectType", "Activity") != "Activity":
        raise StatementError(f"{where}.objectType must be Activity")
    activity_id = _bounded(_iri(item.get("id"), f"{where}.id"), f"{where}.id")
    if "definition" in item:
        _definition(item["definition"], f"{where}.definition")
    return activity_id


def _statement_ref(value: dict[str, Any], where: str) -> None:
    _only(value, {"objectType", "id"}, where)
    if not is_uuid(value.get("id")):
        raise StatementError(f"{where}.id {clipped(value.get('id'))} is not a UUID")


def _score(value: Any, where: str) -> None:
    score = _object(value, where)
    _only(score, _SCORE_KEYS, where)
    numbers = {k: _number(v, f"{where}.{k}") for k, v in score.items()}
    if "scaled" in numbers and not -1 <= numbers["scaled"] <= 1:
        raise StatementError(f"{where}.scaled must be between -1 and 1")
    low, high, raw = numbers.get("min"), numbers.get("max"), numbers.get("raw")
    if low is not None and high is not None and low >= high:
        raise StatementError(f"{where}.min must be less than max")
    if raw is not None and ((low is not None and raw < low) or (high is not None and raw > high)):
        raise StatementError(f"{where}.raw must lie between min and max")


def result(value: Any, where: str = "result") -> None:
    res = _object(value, where)
    _only(res, _RESULT_KEYS, where)
    if "score" in res:
        _score(res["score"], f"{where}.score")
    for flag in ("success", "completion"):
        if flag in res and not isinstance(res[flag], bool):
            raise StatementError(f"{where}.{flag} must be true or false")
    if "response" in res:
        _string(res["response"], f"{where}.response")
    if "duration" in res and (
        not isinstance(res["duration"], str) or not _DURATION.match(res["duration"])
    ):
        raise StatementError(f"{where}.duration {clipped(res['duration'])} is not ISO 8601")
    if "extensions" in res:
        extensions(res["extensions"], f"{where}.extensions")


def context(value: Any, object_kind: str, where: str = "context") -> None:
    ctx = _object(value, where)
    _only(ctx, _CONTEXT_KEYS, where)
    if "registration" in ctx and not is_uuid(ctx["registration"]):
        raise StatementError(f"{where}.registration {clipped(ctx['registration'])} is not a UUID")
    if "instructor" in ctx:
        parse_actor(ctx["instructor"], f"{where}.instructor")
    if "team" in ctx:
        team = parse_actor(ctx["team"], f"{where}.team")
        if team.object_type != "Group":
            raise StatementError(f"{where}.team must be a Group")
    for part in ("revision", "platform"):
        if part in ctx:
            _string(ctx[part], f"{where}.{part}")
            if object_kind != "Activity":
                raise StatementError(
                    f"{where}.{part} is only allowed when the object is an Activity"
                )
    if "language" in ctx and (
        not isinstance(ctx["language"], str) or not _LANGUAGE.match(ctx["language"])
    ):
        raise StatementError(f"{where}.language {clipped(ctx['language'])} is not a language tag")
    if "statement" in ctx:
        ref = _object(ctx["statement"], f"{where}.statement")
        if ref.get("objectType") != "StatementRef":
            raise StatementError(f"{where}.statement must be a StatementRef")
        _statement_ref(ref, f"{where}.statement")
    if "extensions" in ctx:
        extensions(ctx["extensions"], f"{where}.extensions")
    if "contextActivities" in ctx:
        activities = _object(ctx["contextActivities"], f"{where}.contextActivities")
        _only(activities, _CONTEXT_ACTIVITY_KEYS, f"{where}.contextActivities")
        for part, items in activities.items():
            listed = items if isinstance(items, list) else [items]
            for i, item in enumerate(listed):
                activity(item, f"{where}.contextActivities.{part}[{i}]")


def attachments(value: Any, where: str = "attachments") -> None:
    if not isinstance(value, list):
        raise StatementError(f"{where} must be a list")
    for i, raw in enumerate(value):
        at = f"{where}[{i}]"
        item = _object(raw, at)
        _only(
            item,
            {"usageType", "display", "description", "contentType", "length", "sha2", "fileUrl"},
            at,
        )
        _iri(item.get("usageType"), f"{at}.usageType")
        language_map(item.get("display"), f"{at}.display")
        if "description" in item:
            language_map(item["description"], f"{at}.description")
        content_type = item.get("contentType")
        if not isinstance(content_type, str) or not _MEDIA_TYPE.match(content_type):
            raise StatementError(f"{at}.contentType {clipped(content_type)} is not a media type")
        length = item.get("length")
        if isinstance(length, bool) or not isinstance(length, int) or length < 0:
            raise StatementError(f"{at}.length must be a whole number of bytes")
        if not isinstance(item.get("sha2"), str) or not _SHA2.match(item["sha2"]):
            raise StatementError(f"{at}.sha2 must be a SHA-2 digest in hexadecimal")
        if "fileUrl" in item and not is_irl(item["fileUrl"]):
            raise StatementError(f"{at}.fileUrl {clipped(item['fileUrl'])} is not an IRL")


def _object_kind(obj: dict[str, Any], where: str, *, sub: bool) -> str:
    kind = obj.get("objectType", "Activity")
    if kind == "Activity":
        activity(obj, where)
    elif kind in ("Agent", "Group"):
        parse_actor(obj, where)
    elif kind == "StatementRef":
        _statement_ref(obj, where)
    elif kind == "SubStatement" and not sub:
        _statement_body(obj, where, sub=True)
    else:
        raise StatementError(f"{where}.objectType {clipped(kind)} is not allowed here")
    return kind


def _statement_body(statement: dict[str, Any], where: str, *, sub: bool) -> None:
    prefix = f"{where}." if where else ""
    _only(statement, _SUB_KEYS if sub else _STATEMENT_KEYS, where or "the statement")
    for part in ("actor", "verb", "object"):
        if part not in statement:
            raise StatementError(f"{prefix}{part} is missing")
    parse_actor(statement["actor"], f"{prefix}actor")
    _verb(statement["verb"], f"{prefix}verb")
    obj = _object(statement["object"], f"{prefix}object")
    kind = _object_kind(obj, f"{prefix}object", sub=sub)
    if statement["verb"]["id"] == VOIDED and kind != "StatementRef":
        raise StatementError(f"{prefix}object of a voiding statement must be a StatementRef")
    if "result" in statement:
        result(statement["result"], f"{prefix}result")
    if "context" in statement:
        context(statement["context"], kind, f"{prefix}context")
    if "timestamp" in statement:
        timestamp(statement["timestamp"], f"{prefix}timestamp")
    if "attachments" in statement:
        attachments(statement["attachments"], f"{prefix}attachments")


def check_statement(statement: Any) -> None:
    """Raise StatementError naming the first fault of a statement (Data section 2)."""
    if not isinstance(statement, dict):
        raise StatementError("a statement must be a JSON object")
    if "id" in statement and not is_uuid(statement["id"]):
        raise StatementError(f"id {clipped(statement['id'])} is not a UUID")
    _statement_body(statement, "", sub=False)
    if "stored" in statement:
        timestamp(statement["stored"], "stored")
    if "authority" in statement:
        authority = parse_actor(statement["authority"], "authority")
        # A Group as authority is OAuth's pair of application and user (Data 2.4.9).
        if authority.object_type == "Group" and (authority.ifi or len(authority.members) != 2):
            raise StatementError("authority: a Group must be anonymous with exactly two members")
    version = statement.get("version")
    if version is not None and (
        not isinstance(version, str) or not re.fullmatch(r"1\.0(\.\d+)?", version)
    ):
        raise StatementError(f"version {clipped(version)} is not 1.0.x")
