"""Statement attachments (xAPI 1.0.3, Data 2.4.11 and Communication 1.5.2):
multipart/mixed bodies in and out, SHA-2 checks, and the stored contents.

A request with attachments is `multipart/mixed`: the first part is the statement(s)
as application/json, each further part one attachment's raw bytes with its SHA-2 in
`X-Experience-API-Hash` and `Content-Transfer-Encoding: binary`. Every attachment a
statement declares without a `fileUrl` must have its part, every part must be an
attachment some statement declares, and each part's digest must be its header's
(SHA-224/256/384/512, chosen by the digest's length). Parts are kept by digest.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.problems import Problem, Refusal
from sync.server.models import XapiAttachment

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


def save(session: Session, parts: dict[str, Part]) -> None:
    if not parts:
        return
    have = set(session.scalars(select(XapiAttachment.sha2).where(XapiAttachment.sha2.in_(parts))))
    for sha2, part in parts.items():
        if sha2 not in have:
            session.add(
                XapiAttachment(
                    sha2=sha2, content_type=part.content_type[:255], content=part.content
                )
            )


def load(session: Session, statements: Iterable[dict[str, Any]]) -> list[XapiAttachment]:
    wanted = {a["sha2"].lower() for a in declared(statements)}
    if not wanted:
        return []
    return list(session.scalars(select(XapiAttachment).where(XapiAttachment.sha2.in_(wanted))))


def fitting(session: Session, statements: list[dict[str, Any]], budget: int) -> int:
    """How many of `statements`, from the first, a page can carry with their stored
    attachments within `budget` bytes (at least one: a statement's own attachments were
    bounded when it was sent)."""
    wanted = {a["sha2"].lower() for a in declared(statements)}
    if not wanted:
        return len(statements)
    sizes = dict(
        session.execute(
            select(XapiAttachment.sha2, func.length(XapiAttachment.content)).where(
                XapiAttachment.sha2.in_(wanted)
            )
        ).all()
    )
    carried: set[str] = set()
    total = 0
    for n, statement in enumerate(statements):
        new = {a["sha2"].lower() for a in declared([statement])} - carried
        total += sum(sizes.get(sha2, 0) for sha2 in new)
        if total > budget and n > 0:
            return n
        carried |= new
    return len(statements)


def build(document: bytes, attachments: list[XapiAttachment]) -> tuple[bytes, str]:
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
