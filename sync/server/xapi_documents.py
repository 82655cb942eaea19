"""The documents of the xAPI State, Activity Profile and Agent Profile resources
(xAPI 1.0.3, Communication 2.2, 2.3, 2.6 and 2.7; DESIGN section 6).

A document is a blob with a content type, stored under a key: the resource (`kind`),
the activity, the agent, the registration and the state or profile id, as each
resource has them. Documents with the same key but the id form a set: a resource lists
a set's ids and the State resource deletes a set at once.

Scope: a document belongs to the unit of the xAPI client that created it. A client
reads, changes and deletes the documents of its unit and of the units below it, as it
reads the statements of their learners; a new document goes to the client's own unit.
When two units of a client's scope hold a document under the same key (two missions'
tools that happen to use the same ids), the client's own unit's copy wins, then the
most recently updated one.

Concurrency (Communication 3.1): every document has an ETag, the quoted SHA-1 of its
content; `If-Match` and `If-None-Match` are checked before any change (412 when they
fail), and a PUT that would overwrite a profile document without either header is
refused (409), as the specification asks; the State resource is not held to that.

This module knows no HTTP: the routes (`sync.server.routes.xapi_documents`) parse the
request and call these functions inside one unit of work.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sync.problems import Problem, Refusal
from sync.server.db import aware
from sync.server.limits import XAPI_DOCUMENT_BYTES
from sync.server.models import XapiDocument

STATE, ACTIVITY_PROFILE, AGENT_PROFILE = "state", "activity_profile", "agent_profile"
KINDS = (STATE, ACTIVITY_PROFILE, AGENT_PROFILE)
JSON_TYPE = "application/json"
DEFAULT_TYPE = "application/octet-stream"


@dataclass(frozen=True)
class DocumentSet:
    """What a resource's parameters name apart from the document's own id."""

    kind: str
    activity_id: str | None = None
    agent_key: str | None = None
    registration: str | None = None

    @property
    def set_hash(self) -> bytes:
        # Separators that cannot occur in an IRI, a UUID or an Actor.key part.
        parts = (self.kind, self.activity_id or "", self.agent_key or "", self.registration or "")
        return hashlib.sha256("\x00".join(parts).encode()).digest()

    def key_hash(self, document_id: str) -> bytes:
        return hashlib.sha256(self.set_hash + document_id.encode()).digest()


@dataclass(frozen=True)
class Document:
    document_id: str
    content: bytes
    content_type: str
    etag: str  # SHA-1 hex, unquoted
    updated: datetime

    @property
    def quoted_etag(self) -> str:
        return f'"{self.etag}"'


@dataclass(frozen=True)
class Scope:
    """The client asking: its own unit and every unit its documents may be in."""

    client_id: int
    unit_id: int
    unit_ids: Sequence[int]


@dataclass(frozen=True)
class Preconditions:
    """`If-Match` and `If-None-Match` as received (None when absent)."""

    if_match: str | None = None
    if_none_match: str | None = None

    @property
    def given(self) -> bool:
        return self.if_match is not None or self.if_none_match is not None

    def check(self, current: Document | None) -> None:
        """Raise 412 when a header's condition does not hold for `current`."""
        if self.if_match is not None:
            tags = entity_tags(self.if_match)
            if current is None or ("*" not in tags and current.etag not in tags):
                raise Refusal(
                    Problem.DOCUMENT_PRECONDITION,
                    "If-Match does not match the document's ETag"
                    if current
                    else "If-Match was given but there is no such document",
                )
        if self.if_none_match is not None and current is not None:
            tags = entity_tags(self.if_none_match)
            if "*" in tags or current.etag in tags:
                raise Refusal(
                    Problem.DOCUMENT_PRECONDITION, "If-None-Match matches the document's ETag"
                )


def entity_tags(header: str) -> set[str]:
    """The tags of an If-Match or If-None-Match header, unquoted and lowercased. Weak
    tags compare as strong ones (a document's bytes are its only version), and a bare
    tag without quotes, which some xAPI clients send, is taken as written."""
    tags = set()
    for part in header.split(","):
        tag = part.strip()
        if tag.startswith("W/"):
            tag = tag[2:]
        tags.add(tag.strip('"').lower())
    return tags - {""}


def etag_of(content: bytes) -> str:
    return hashlib.sha1(content, usedforsecurity=False).hexdigest()


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _row_document(row: XapiDocument) -> Document:
    return Document(
        row.document_id, bytes(row.content), row.content_type, row.etag, aware(row.updated)
    )


def _current(
    session: Session, scope: Scope, key: DocumentSet, document_id: str, *, lock: bool = False
):
    """The row a client means by this key: its own unit's, else the newest in scope.
    `lock` holds it until the transaction ends (PostgreSQL; SQLite's writes queue
    whole), so that two writers with the same If-Match cannot both pass."""
    query = select(XapiDocument).where(
        XapiDocument.key_hash == key.key_hash(document_id),
        XapiDocument.unit_id.in_(scope.unit_ids),
    )
    rows = session.scalars(query.with_for_update() if lock else query).all()
    if not rows:
        return None
    return max(rows, key=lambda r: (r.unit_id == scope.unit_id, aware(r.updated), r.id))


def get(session: Session, scope: Scope, key: DocumentSet, document_id: str) -> Document | None:
    row = _current(session, scope, key, document_id)
    return None if row is None else _row_document(row)


def ids(
    session: Session, scope: Scope, key: DocumentSet, since: datetime | None = None
) -> list[str]:
    """The ids of the set's documents, those updated after `since` when given."""
    query = select(XapiDocument.document_id).where(
        XapiDocument.set_hash == key.set_hash, XapiDocument.unit_id.in_(scope.unit_ids)
    )
    if since is not None:
        query = query.where(XapiDocument.updated > since)
    return sorted(set(session.scalars(query)))


def put(
    session: Session,
    scope: Scope,
    key: DocumentSet,
    document_id: str,
    content: bytes,
    content_type: str | None,
    preconditions: Preconditions,
    now: datetime,
) -> Document:
    """Store `content` as the document, replacing what was there."""
    row = _current(session, scope, key, document_id, lock=True)
    current = None if row is None else _row_document(row)
    if current is not None and key.kind != STATE and not preconditions.given:
        raise Refusal(
            Problem.DOCUMENT_EXISTS,
            "the document exists: send If-Match with its ETag (or If-None-Match: *)",
        )
    preconditions.check(current)
    content_type = content_type or DEFAULT_TYPE
    if media_type(content_type) == JSON_TYPE:
        _json(content)
    return _write(session, scope, key, document_id, row, content, content_type, now)


def post(
    session: Session,
    scope: Scope,
    key: DocumentSet,
    document_id: str,
    content: bytes,
    content_type: str | None,
    preconditions: Preconditions,
    now: datetime,
) -> Document:
    """Store the document if there is none, else merge the two JSON objects (the
    posted one's top-level properties win); anything else cannot be merged (400)."""
    row = _current(session, scope, key, document_id, lock=True)
    current = None if row is None else _row_document(row)
    preconditions.check(current)
    content_type = content_type or DEFAULT_TYPE
    posted_json = media_type(content_type) == JSON_TYPE
    posted = _json(content) if posted_json else None
    if current is None:
        return _write(session, scope, key, document_id, None, content, content_type, now)
    if not posted_json or media_type(current.content_type) != JSON_TYPE:
        raise Refusal(
            Problem.DOCUMENT_NOT_MERGEABLE,
            "POST merges JSON documents only: both must be application/json",
        )
    stored = _json(current.content)
    if not isinstance(posted, dict) or not isinstance(stored, dict):
        raise Refusal(
            Problem.DOCUMENT_NOT_MERGEABLE, "POST merges JSON objects only, not other JSON values"
        )
    merged = json.dumps({**stored, **posted}, ensure_ascii=False, separators=(",", ":")).encode()
    # The request limit bounds what is sent, not what merges add up to.
    if len(merged) > XAPI_DOCUMENT_BYTES:
        raise Refusal(
            Problem.REQUEST_TOO_LARGE,
            f"the merged document would be larger than {XAPI_DOCUMENT_BYTES} bytes",
            limit_bytes=XAPI_DOCUMENT_BYTES,
        )
    return _write(session, scope, key, document_id, row, merged, JSON_TYPE, now)


def remove(
    session: Session,
    scope: Scope,
    key: DocumentSet,
    document_id: str,
    preconditions: Preconditions,
) -> None:
    """Delete one document; deleting one that is not there is not an error."""
    row = _current(session, scope, key, document_id, lock=True)
    preconditions.check(None if row is None else _row_document(row))
    if row is not None:
        session.delete(row)


def remove_set(session: Session, scope: Scope, key: DocumentSet) -> int:
    """Delete every document of the set in the client's scope (the State resource
    without a stateId)."""
    result = session.execute(
        delete(XapiDocument).where(
            XapiDocument.set_hash == key.set_hash, XapiDocument.unit_id.in_(scope.unit_ids)
        )
    )
    return result.rowcount or 0


def _json(content: bytes) -> Any:
    try:
        return json.loads(content)
    except ValueError:
        raise Refusal(
            Problem.REQUEST_NOT_JSON, "the document is declared application/json but is not JSON"
        ) from None


def _write(
    session: Session,
    scope: Scope,
    key: DocumentSet,
    document_id: str,
    row: XapiDocument | None,
    content: bytes,
    content_type: str,
    now: datetime,
) -> Document:
    if row is None:
        row = XapiDocument(
            unit_id=scope.unit_id,
            kind=key.kind,
            set_hash=key.set_hash,
            key_hash=key.key_hash(document_id),
            document_id=document_id,
            activity_id=key.activity_id,
            agent_key=key.agent_key,
            registration=key.registration,
        )
        session.add(row)
    row.content = content
    row.content_type = content_type[:255]
    row.etag = etag_of(content)
    row.updated = now
    row.xapi_client_id = scope.client_id
    session.flush()
    return _row_document(row)
