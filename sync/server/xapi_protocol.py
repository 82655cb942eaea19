"""The request conventions every /xapi resource follows (xAPI 1.0.3, Communication
section 1), applied once, before routing, by the `XapiProtocol` middleware:

- The alternate request syntax (1.3): a POST whose query string is only `method=X`
  and whose form body carries the headers, the parameters and the `content` is
  turned back into the request it stands for (any resource, any method). Anything
  else in the query string is refused with 400.
- HEAD is answered for every GET: the GET runs and its body is dropped, so the
  headers (Content-Length, ETag, X-Experience-API-Consistent-Through) are the GET's.
- `X-Experience-API-Version` is required on every request but `/xapi/about` (400
  when missing or not 1.0.x), and every answer carries the version the server speaks.
- Refusals are problem+json (`sync.problems`), whatever the resource.

Routes add what depends on them: `check_parameters` refuses parameters a resource
does not know (the specification asks for 400, and parameters differing only in
case are unknown too); `agent_parameter` reads an Agent or Group given as JSON in a
parameter (`agent=…`) with `sync.xapi_actors`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode

from fastapi import Request

from sync.problems import Problem, Refusal
from sync.xapi import XAPI_VERSION
from sync.xapi_actors import Actor, parse_actor
from sync.xapi_errors import StatementError

PREFIX = "/xapi"
VERSION_HEADER = "X-Experience-API-Version"
_UNVERSIONED = ("/xapi/about",)
_VERSION = re.compile(r"^1\.0(\.\d+)?$")
# The headers the alternate syntax may carry as form fields (Communication 1.3).
_FORM_HEADERS = {
    "authorization",
    "x-experience-api-version",
    "content-type",
    "content-length",
    "if-match",
    "if-none-match",
}
_METHODS = {"GET", "HEAD", "PUT", "POST", "DELETE"}


class _Refused(Exception):
    def __init__(self, refusal: Refusal) -> None:
        self.refusal = refusal


def _check_version(headers: list[tuple[bytes, bytes]]) -> None:
    values = [v.decode("latin-1") for k, v in headers if k.lower() == b"x-experience-api-version"]
    if not values or not values[0].strip():
        raise _Refused(
            Refusal(Problem.XAPI_VERSION_MISSING, f"the {VERSION_HEADER} header is required")
        )
    version = values[0].strip()
    if not _VERSION.match(version):
        shown = version[:40]
        raise _Refused(
            Refusal(
                Problem.XAPI_VERSION_UNSUPPORTED,
                f"xAPI version {shown!r} is not supported; use 1.0.x",
                version=shown,
            )
        )


async def _read_body(receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body"):
            break
    return b"".join(chunks)


def _alternate(scope: dict, body: bytes) -> tuple[dict, bytes]:
    """The request a POST in the alternate syntax stands for, and its body."""
    query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
    if [name for name, _ in query] != ["method"]:
        raise _Refused(
            Refusal(
                Problem.XAPI_ALTERNATE_SYNTAX,
                "with the alternate request syntax the query string holds only `method`",
            )
        )
    method = query[0][1].upper()
    if method not in _METHODS:
        raise _Refused(
            Refusal(Problem.XAPI_ALTERNATE_SYNTAX, f"method {query[0][1][:20]!r} is not known")
        )
    content_type = b""
    for key, value in scope["headers"]:
        if key.lower() == b"content-type":
            content_type = value.split(b";")[0].strip().lower()
    if content_type != b"application/x-www-form-urlencoded":
        raise _Refused(
            Refusal(
                Problem.XAPI_ALTERNATE_SYNTAX,
                "the alternate request syntax sends application/x-www-form-urlencoded",
            )
        )
    try:
        fields = parse_qsl(body.decode(), keep_blank_values=True, strict_parsing=bool(body))
    except (UnicodeDecodeError, ValueError):
        raise _Refused(
            Refusal(Problem.XAPI_ALTERNATE_SYNTAX, "the form body is not URL-encoded")
        ) from None
    headers = [
        (k, v) for k, v in scope["headers"] if k.lower() not in (b"content-type", b"content-length")
    ]
    params: list[tuple[str, str]] = []
    content = b""
    for name, value in fields:
        lower = name.lower()
        if lower == "content":
            content = value.encode()
        elif lower in _FORM_HEADERS:
            if lower == "content-length":
                continue  # recomputed from the content
            headers = [(k, v) for k, v in headers if k.lower() != lower.encode()]
            headers.append((lower.encode(), value.encode("latin-1", "replace")))
        else:
            params.append((name, value))
    headers.append((b"content-length", str(len(content)).encode()))
    new_scope = {
        **scope,
        "method": method,
        "headers": headers,
        "query_string": urlencode(params).encode(),
    }
    return new_scope, content


class XapiProtocol:
    """ASGI middleware for everything under /xapi (see the module docstring)."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not (path == PREFIX or path.startswith(PREFIX + "/")):
            await self.app(scope, receive, send)
            return
        head = False

        async def send_versioned(message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() != b"x-experience-api-version"
                ]
                headers.append((b"x-experience-api-version", XAPI_VERSION.encode()))
                message = {**message, "headers": headers}
            elif head and message["type"] == "http.response.body":
                message = {**message, "body": b""}
            await send(message)

        try:
            if scope["method"] == "POST" and b"method=" in scope.get("query_string", b""):
                body = await _read_body(receive)
                scope, body = _alternate(scope, body)
                receive = _replay(body)
            if scope["method"] == "HEAD":
                head = True
                scope = {**scope, "method": "GET"}
            if path not in _UNVERSIONED:
                _check_version(scope["headers"])
        except _Refused as refused:
            await _answer(send_versioned, refused.refusal)
            return
        await self.app(scope, receive, send_versioned)


def _replay(body: bytes):
    sent = False

    async def receive():
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


async def _answer(send, refusal: Refusal) -> None:
    body = refusal.body()
    await send(
        {
            "type": "http.response.start",
            "status": refusal.status,
            "headers": [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def check_parameters(request: Request, allowed: Iterable[str]) -> None:
    """Refuse (400) a parameter the resource does not know, or one given twice."""
    known = set(allowed)
    seen: set[str] = set()
    for name, _ in request.query_params.multi_items():
        if name not in known:
            raise Refusal(
                Problem.XAPI_PARAMETER_UNKNOWN,
                f"this resource takes no parameter {name[:40]!r}",
                parameter=name[:40],
            )
        if name in seen:
            raise Refusal(
                Problem.XAPI_PARAMETER_INVALID,
                f"parameter {name!r} is given more than once",
                parameter=name,
            )
        seen.add(name)


def agent_parameter(name: str, text: str, *, agent_only: bool = False) -> Actor:
    """An Agent (or Group) given as JSON in a query parameter; 400 if it is not one."""
    try:
        raw = json.loads(text)
        return parse_actor(raw, name, agent_only=agent_only)
    except ValueError as exc:  # StatementError is one; so is a JSON decoding error
        detail = str(exc) if isinstance(exc, StatementError) else f"{name} is not JSON"
        raise Refusal(Problem.XAPI_PARAMETER_INVALID, detail, parameter=name) from None
