"""xAPI 1.0.3 statements as Học Vụ Số writes and accepts them (DESIGN section 5).

The device writes every learning event as a statement first; the server stores it
as received. One module builds, checks and serialises them so that the learner
store, the sync client and the server agree on the exact bytes.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sync.xapi_errors import StatementError, clipped
from sync.xapi_validation import check_statement

XAPI_VERSION = "1.0.3"
ACCOUNT_HOME_PAGE = "urn:hocvu:profile"

VERBS: dict[str, str] = {
    "experienced": "http://adlnet.gov/expapi/verbs/experienced",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "answered": "http://adlnet.gov/expapi/verbs/answered",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
    "attempted": "http://adlnet.gov/expapi/verbs/attempted",
}
VERB_NAMES = {iri: name for name, iri in VERBS.items()}

EXT_PACK_VERSION = "urn:hocvu:ext:pack-version"
EXT_APP_VERSION = "urn:hocvu:ext:app-version"
EXT_DEVICE = "urn:hocvu:ext:device-id"
# The server's grading of an exam, on the result statement only the server writes.
EXT_GRADING = "urn:hocvu:ext:grading"
# The learner's own grade of a review answer (1 Again, 2 Hard, 3 Good, 4 Easy), on the
# `answered` statement of a review session: what the device's scheduler (FSRS) replays.
EXT_REVIEW_RATING = "urn:hocvu:ext:review-rating"
# The `authority` account home page of statements the ministry server writes.
SERVER_HOME_PAGE = "urn:hocvu:server"

OBJECT_KINDS = ("lesson", "quiz", "item", "exam", "placement")
_ACTIVITY = re.compile(
    r"^urn:hocvu:pack:(?P<pack>[a-z0-9][a-z0-9.-]*):(?P<kind>lesson|quiz|item|exam|placement)"
    r":(?P<id>[A-Za-z0-9][A-Za-z0-9/_.-]*)$"
)
_DURATION = re.compile(r"^P(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d+)?S)?)?$")


@dataclass(frozen=True)
class Activity:
    pack_id: str
    kind: str
    local_id: str

    @property
    def iri(self) -> str:
        return f"urn:hocvu:pack:{self.pack_id}:{self.kind}:{self.local_id}"

    @classmethod
    def parse(cls, iri: str) -> Activity:
        match = _ACTIVITY.match(iri)
        if not match:
            raise StatementError(f"object.id {clipped(iri)} is not a Học Vụ Số activity IRI")
        return cls(match["pack"], match["kind"], match["id"])


def activity_iri(pack_id: str, kind: str, local_id: str) -> str:
    return Activity(pack_id, kind, local_id).iri


def iso_duration(seconds: float) -> str:
    """ISO 8601 duration as xAPI wants it, to the hundredth of a second."""
    seconds = max(0.0, round(seconds, 2))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    out = "PT"
    if hours:
        out += f"{int(hours)}H"
    if minutes:
        out += f"{int(minutes)}M"
    return out + f"{secs:g}S"


def parse_duration(text: str) -> float:
    if not isinstance(text, str) or not _DURATION.match(text):
        raise StatementError(f"result.duration {clipped(text)} is not an ISO 8601 duration")
    total = 0.0
    for value, unit in re.findall(r"(\d+(?:\.\d+)?)([DHMS])", text):
        total += float(value) * {"D": 86400, "H": 3600, "M": 60, "S": 1}[unit]
    return total


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def make_statement(
    *,
    profile_id: str,
    verb: str,
    pack_id: str,
    kind: str,
    local_id: str,
    pack_version: int,
    app_version: str,
    device_id: str,
    registration: str | None = None,
    score: float | None = None,
    success: bool | None = None,
    completion: bool | None = None,
    response: str | None = None,
    duration_s: float | None = None,
    timestamp: str | None = None,
    statement_id: str | None = None,
    extensions: dict[str, Any] | None = None,
    check: bool = True,
) -> dict[str, Any]:
    """Build a statement dict; everything optional is left out rather than set to null.
    `extensions` join the context's (pack version, app version, device id). `check=False`
    skips `validate` (most of the cost): only for a generator of a million statements
    whose shapes are proven otherwise (bench/report_bench.py seeds its first learners
    through ingest, which validates)."""
    if verb not in VERBS:
        raise StatementError(f"verb {verb!r} is not one of {', '.join(VERBS)}")
    result: dict[str, Any] = {}
    if score is not None:
        result["score"] = {"scaled": round(float(score), 4)}
    if success is not None:
        result["success"] = success
    if completion is not None:
        result["completion"] = completion
    if response is not None:
        result["response"] = response
    if duration_s is not None:
        result["duration"] = iso_duration(duration_s)
    context: dict[str, Any] = {
        "contextActivities": {"parent": [{"id": f"urn:hocvu:pack:{pack_id}"}]},
        "extensions": {
            EXT_PACK_VERSION: pack_version,
            EXT_APP_VERSION: app_version,
            EXT_DEVICE: device_id,
            **(extensions or {}),
        },
    }
    if registration:
        context["registration"] = registration
    statement: dict[str, Any] = {
        "id": statement_id or str(uuid.uuid4()),
        "actor": {
            "objectType": "Agent",
            "account": {"homePage": ACCOUNT_HOME_PAGE, "name": profile_id},
        },
        "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
        "object": {"objectType": "Activity", "id": activity_iri(pack_id, kind, local_id)},
        "context": context,
        "timestamp": timestamp or now_iso(),
        "version": XAPI_VERSION,
    }
    if result:
        statement["result"] = result
    if check:
        validate(statement)
    return statement


# A statement's canonical JSON, and a result.response inside it, are at most this long
# (the server refuses larger ones, each on its own; a push of 500 then fits its limit).
MAX_STATEMENT_BYTES = 32 * 1024
MAX_RESPONSE_CHARS = 4096


def validate(statement: Any) -> None:
    """Raise StatementError naming the first fault; accept any statement well formed by
    the xAPI 1.0.3 Data section (`sync.xapi_validation`) that has an id and whose
    result.response is at most MAX_RESPONSE_CHARS long."""
    checked_canonical(statement)


def checked_canonical(statement: Any) -> bytes:
    """`validate`, then the statement's `canonical` bytes: one encoding both checks what
    a database cannot keep and gives the bytes stored (ingest encoded every statement
    twice, once for each)."""
    if not isinstance(statement, dict):
        raise StatementError("a statement must be a JSON object")
    if "id" not in statement:
        raise StatementError("id is missing")
    check_statement(statement)
    result = statement.get("result")
    response = result.get("response") if isinstance(result, dict) else None
    if response is not None and len(response) > MAX_RESPONSE_CHARS:
        raise StatementError(
            f"result.response must be a string of at most {MAX_RESPONSE_CHARS} characters"
        )
    return _storable(statement)


# A NUL character escaped in JSON text (and not a backslash followed by "u0000").
_NUL = re.compile(r"(?<!\\)(?:\\\\)*\\u0000")
_STRICT = json.JSONEncoder(
    sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
)


def _storable(statement: dict[str, Any]) -> bytes:
    """The canonical bytes, refusing what a database cannot keep or a reader cannot parse
    back: NaN and infinities (not JSON), lone surrogates (not Unicode), NUL characters
    (PostgreSQL refuses them)."""
    try:
        text = _STRICT.encode(statement)
        data = text.encode()
    except ValueError:  # UnicodeEncodeError is one
        raise StatementError("numbers must be finite and text must be Unicode") from None
    # The plain substring test first: the regular expression cost a sixth of a push.
    if "\x00" in text or ("\\u0000" in text and _NUL.search(text)):
        raise StatementError("text must not contain NUL characters")
    return data


def parse_timestamp(text: Any) -> datetime:
    if not isinstance(text, str):
        raise StatementError("timestamp must be an ISO 8601 string")
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise StatementError(f"timestamp {clipped(text)} is not ISO 8601") from None
    if value.tzinfo is None:
        raise StatementError(f"timestamp {clipped(text)} has no time zone")
    try:
        value.astimezone(UTC)
    except OverflowError:
        raise StatementError(f"timestamp {clipped(text)} is out of range") from None
    return value


# One encoder for every call: json.dumps with options builds a new one each time, which
# the server notices at 500 statements a batch.
_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canonical(statement: dict[str, Any]) -> bytes:
    """The bytes two copies of a statement are compared by (sorted keys, no spaces)."""
    return _CANONICAL.encode(statement).encode()


def verb_name(statement: dict[str, Any]) -> str | None:
    return VERB_NAMES.get(statement.get("verb", {}).get("id", ""))


def actor_name(statement: dict[str, Any]) -> str:
    return statement["actor"]["account"]["name"]


def server_authored(statement: dict[str, Any]) -> bool:
    """Whether the statement names the ministry server as its authority. Only the
    server writes such statements (it refuses them from anyone else), so on a device
    they can only have arrived by a pull or a return bundle."""
    authority = statement.get("authority")
    account = authority.get("account") if isinstance(authority, dict) else None
    return isinstance(account, dict) and account.get("homePage") == SERVER_HOME_PAGE
