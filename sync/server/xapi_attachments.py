"""Statement attachments (xAPI 1.0.3, Data 2.4.11 and Communication 1.5.2):
multipart/mixed bodies in and out, SHA-2 checks, and the stored contents.

A request with attachments is `multipart/mixed`: the first part is the statement(s)
as application/json, each further part one attachment's raw bytes with its SHA-2 in
`X-Experience-API-Hash` and `Content-Transfer-Encoding: binary`. Every attachment a
statement declares without a `fileUrl` must have its part, every part must be an
attachment some statement declares, and each part's digest must be its header's
(SHA-224/256/384/512, chosen by the digest's length). Parts are kept by digest.

Contents are returned with a statement only when the statement's writer (the xAPI
client that stored it) sent those bytes itself, in this request or an earlier one
(`XapiAttachmentUpload`). The bytes are kept once, but a digest is not a secret: it
can be guessed for a short text or a common file, or read in a statement, and a
`fileUrl` attachment needs no part, so without this rule a tool could declare the
digest of another unit's file and read it back. Devices and the server send no parts
(the device API takes JSON), so their statements' attachments come without contents.
What is served, its size (the page budget) and its type are the writer's own upload,
so an answer tells nothing of what other tools sent.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from sync.problems import Problem, Refusal
from sync.server.models import XapiAttachment, XapiAttachmentUpload

_DIGESTS = {56: hashlib.sha224, 64: hashlib.sha256, 96: hashlib.sha384, 128: hashlib.sha512}


@dataclass(frozen=True)
class Part:
    headers: dict[str, str]  # lower-case names
    content: bytes

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "application/octet-stream")


def boundary_of(content_type: str) -> str | None:
    """The boundary parameter of a multipart/mixed Content-Type, None when the type is
    another one."""
    kind, _, params = content_type.partition(";")
    if kind.strip().lower() != "multipart/mixed":
        return None
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.strip().lower() == "boundary":
            return value.strip().strip('"')
    raise Refusal(Problem.XAPI_MULTIPART, "multipart/mixed without a boundary")


def parse(body: bytes, boundary: str) -> list[Part]:
    """The parts of a multipart body (RFC 2046): CRLF line ends, the epilogue ignored."""
    delimiter = b"\r\n--" + boundary.encode("latin-1")
    pieces = (b"\r\n" + body).split(delimiter)
    if len(pieces) < 3:
        raise Refusal(Problem.XAPI_MULTIPART, "the multipart body has no parts")
    parts = []
    for piece in pieces[1:]:
        if piece.startswith(b"--"):
            break
        head, sep, content = piece.partition(b"\r\n\r\n")
        if not sep:
            raise Refusal(Problem.XAPI_MULTIPART, "a part has no blank line after its headers")
        headers: dict[str, str] = {}
        for line in head.split(b"\r\n"):
            if not line.strip():
                continue
            name, colon, value = line.decode("latin-1").partition(":")
            if not colon:
                raise Refusal(Problem.XAPI_MULTIPART, "a part header has no colon")
            headers[name.strip().lower()] = value.strip()
        parts.append(Part(headers, content))
    else:
        raise Refusal(Problem.XAPI_MULTIPART, "the multipart body does not end with its boundary")
    return parts


def statements_and_parts(body: bytes, boundary: str) -> tuple[Any, dict[str, Part]]:
    """The JSON of the first part, and the attachment parts by SHA-2 (lower case)."""
    parts = parse(body, boundary)
    first, rest = parts[0], parts[1:]
    if first.content_type.split(";")[0].strip().lower() != "application/json":
        raise Refusal(Problem.XAPI_MULTIPART, "the first part must be application/json")
    try:
        statements = json.loads(first.content)
    except ValueError:
        raise Refusal(Problem.REQUEST_NOT_JSON, "the first part is not JSON") from None
    by_hash: dict[str, Part] = {}
    for part in rest:
        sha2 = part.headers.get("x-experience-api-hash", "").lower()
        if not sha2:
            raise Refusal(Problem.XAPI_MULTIPART, "an attachment part has no X-Experience-API-Hash")
        if part.headers.get("content-transfer-encoding", "").lower() != "binary":
            raise Refusal(
                Problem.XAPI_MULTIPART,
                "an attachment part must say Content-Transfer-Encoding: binary",
            )
        digest = _DIGESTS.get(len(sha2))
        if digest is None or digest(part.content).hexdigest() != sha2:
            raise Refusal(
                Problem.XAPI_ATTACHMENT_MISSING,
                f"part {sha2[:16]}…'s content does not have that SHA-2",
                sha2=sha2[:128],
            )
        by_hash[sha2] = part
    return statements, by_hash


def declared(statements: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        a
        for s in statements
        for a in (s.get("attachments") or [])
        if isinstance(a, dict) and isinstance(a.get("sha2"), str)
    ]


def check_parts(statements: list[dict[str, Any]], parts: dict[str, Part]) -> None:
    """Every attachment without a fileUrl has its part; every part is declared."""
    attachments = declared(statements)
    wanted = {a["sha2"].lower() for a in attachments}
    for attachment in attachments:
        sha2 = attachment["sha2"].lower()
        if "fileUrl" not in attachment and sha2 not in parts:
            raise Refusal(
                Problem.XAPI_ATTACHMENT_MISSING,
                f"no part carries attachment {sha2[:16]}…",
                sha2=sha2[:128],
            )
    for sha2 in parts:
        if sha2 not in wanted:
            raise Refusal(
                Problem.XAPI_ATTACHMENT_UNUSED,
                f"part {sha2[:16]}… is not an attachment of the statements",
                sha2=sha2[:128],
            )


@dataclass(frozen=True)
class Written:
    """A statement as returned, and the xAPI client that stored it (None: a device or
    the server)."""

    writer: int | None
    statement: dict[str, Any]


@dataclass(frozen=True)
class Content:
    """One attachment part of an answer."""

    sha2: str
    content_type: str
    content: bytes


def save(session: Session, parts: dict[str, Part], uploader: int) -> None:
    """Keep the parts' contents (once per digest) and that `uploader` sent them."""
    if not parts:
        return
    have = set(session.scalars(select(XapiAttachment.sha2).where(XapiAttachment.sha2.in_(parts))))
    # ON CONFLICT DO NOTHING: two tools may send the same bytes at the same moment, and
    # neither request should fail for it.
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    new = [{"sha2": sha2, "content": p.content} for sha2, p in parts.items() if sha2 not in have]
    if new:
        session.execute(insert(XapiAttachment.__table__).on_conflict_do_nothing(), new)
    session.execute(
        insert(XapiAttachmentUpload.__table__).on_conflict_do_nothing(),
        [
            {"sha2": sha2, "xapi_client_id": uploader, "content_type": p.content_type[:255]}
            for sha2, p in parts.items()
        ],
    )


def _served(session: Session, written: list[Written]) -> list[dict[str, str]]:
    """For each statement, the digests whose contents go with it and their types: those
    it declares that its writer uploaded."""
    wanted: dict[int, set[str]] = {}
    for item in written:
        if item.writer is not None:
            wanted.setdefault(item.writer, set()).update(
                a["sha2"].lower() for a in declared([item.statement])
            )
    uploaded: dict[tuple[str, int], str] = {}
    digests = set().union(*wanted.values()) if wanted else set()
    if digests:
        rows = session.execute(
            select(
                XapiAttachmentUpload.sha2,
                XapiAttachmentUpload.xapi_client_id,
                XapiAttachmentUpload.content_type,
            ).where(
                XapiAttachmentUpload.sha2.in_(digests),
                XapiAttachmentUpload.xapi_client_id.in_(wanted),
            )
        ).all()
        uploaded = {(r.sha2, r.xapi_client_id): r.content_type for r in rows}
    out = []
    for item in written:
        mine: dict[str, str] = {}
        if item.writer is not None:
            for attachment in declared([item.statement]):
                sha2 = attachment["sha2"].lower()
                if (sha2, item.writer) in uploaded:
                    mine[sha2] = uploaded[sha2, item.writer]
        out.append(mine)
    return out


def load(session: Session, written: list[Written]) -> list[Content]:
    """The parts an answer carrying `written` holds, each digest once (with the type
    of the first statement that has it)."""
    types: dict[str, str] = {}
    for mine in _served(session, written):
        for sha2, content_type in mine.items():
            types.setdefault(sha2, content_type)
    if not types:
        return []
    contents = dict(
        session.execute(
            select(XapiAttachment.sha2, XapiAttachment.content).where(
                XapiAttachment.sha2.in_(types)
            )
        ).all()
    )
    return [
        Content(sha2, content_type, contents[sha2])
        for sha2, content_type in types.items()
        if sha2 in contents
    ]


def fitting(session: Session, written: list[Written], budget: int) -> int:
    """How many of `written`, from the first, a page can carry with the attachments
    served with them within `budget` bytes (at least one: a statement's own attachments
    were bounded when it was sent). Only what would be served counts, or a page cut
    short would tell a tool that another's file of that digest exists, and its size."""
    served = _served(session, written)
    wanted = set().union(*served) if served else set()
    if not wanted:
        return len(written)
    sizes = dict(
        session.execute(
            select(XapiAttachment.sha2, func.length(XapiAttachment.content)).where(
                XapiAttachment.sha2.in_(wanted)
            )
        ).all()
    )
    carried: set[str] = set()
    total = 0
    for n, mine in enumerate(served):
        new = set(mine) - carried
        total += sum(sizes.get(sha2, 0) for sha2 in new)
        if total > budget and n > 0:
            return n
        carried |= new
    return len(written)


def build(document: bytes, attachments: list[Content]) -> tuple[bytes, str]:
    """A multipart/mixed answer: the JSON document, then each attachment."""
    boundary = "hocvu-" + secrets.token_hex(16)
    out = [
        f"--{boundary}\r\nContent-Type: application/json\r\n\r\n".encode(),
        document,
        b"\r\n",
    ]
    for attachment in attachments:
        out += [
            f"--{boundary}\r\nContent-Type: {attachment.content_type}\r\n"
            "Content-Transfer-Encoding: binary\r\n"
            f"X-Experience-API-Hash: {attachment.sha2}\r\n\r\n".encode(),
            attachment.content,
            b"\r\n",
        ]
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out), f'multipart/mixed; boundary="{boundary}"'
