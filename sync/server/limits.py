"""Request limits enforced before any route parses a body (DESIGN section 8).

A body larger than its route group allows is answered 413 as soon as the headers say
so (Content-Length), or as soon as the bytes received pass the limit (chunked
uploads), without reading the rest; the statement push answers 401 before its body
is read when no device token is offered. Starlette's multipart parser already spools
large uploads (packs, bundles) to disk, so their caps bound the disk, not the memory.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import HTTPException

from sync.problems import Problem, problem_bytes

KIB, MIB = 1024, 1024 * 1024
# An xAPI document as sent, and as a POST's merge may grow it
# (`sync.server.xapi_documents`).
XAPI_DOCUMENT_BYTES = 1 * MIB
# The attachments one page of GET /xapi/statements?attachments=true carries: the page is
# cut short (its `more` link goes on) rather than built whole in memory, since a page of
# statements that each name a different large attachment would be gigabytes.
XAPI_ATTACHMENT_PAGE_BYTES = 64 * MIB
# The distinct activities one page of GET /xapi/statements?format=canonical looks up
# definitions for: a statement may name a thousand, so 500 of them would be half a
# million look-ups in one request; the page is cut short instead (`more` goes on).
XAPI_CANONICAL_PAGE_ACTIVITIES = 2_000


@dataclass(frozen=True)
class BodyLimit:
    method: str  # "*" for any
    prefix: str  # the path, or a prefix ending in "/"
    max_bytes: int


# First match wins. Statement batches: at most 500 statements of at most
# MAX_STATEMENT_BYTES (sync/xapi.py) each, with room for the JSON around them.
LIMITS: tuple[BodyLimit, ...] = (
    BodyLimit("POST", "/api/v1/enrol", 16 * KIB),
    BodyLimit("POST", "/api/v1/statements", 17 * MIB),
    # xAPI documents (State, Activity Profile, Agent Profile): one blob each.
    BodyLimit("*", "/xapi/activities", XAPI_DOCUMENT_BYTES),
    BodyLimit("*", "/xapi/agents", XAPI_DOCUMENT_BYTES),
    BodyLimit("*", "/xapi/", 17 * MIB),
    BodyLimit("POST", "/admin/login", 16 * KIB),
    BodyLimit("POST", "/admin/packs", 1024 * MIB),
    BodyLimit("POST", "/admin/bundles", 256 * MIB),
    BodyLimit("POST", "/admin/enrol", 4 * MIB),
    BodyLimit("POST", "/admin/certificates/verify", 1 * MIB),
    BodyLimit("*", "/", 64 * KIB),
)


def limit_for(method: str, path: str) -> int:
    for rule in LIMITS:
        if rule.method in ("*", method) and (
            path == rule.prefix or path.startswith(rule.prefix.rstrip("/") + "/")
        ):
            return rule.max_bytes
    return LIMITS[-1].max_bytes


class BodyTooLarge(HTTPException):
    """Raised from inside `receive`: an HTTPException, so FastAPI's body parsing passes
    it on instead of calling it a malformed body."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit} bytes")
        self.limit = limit


async def _answer(send, status: int, body: bytes, extra: list | None = None) -> None:
    headers = [
        (b"content-type", b"application/problem+json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
        *(extra or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class RequestLimits:
    """ASGI middleware: the body limits of `LIMITS`, and the push's early 401."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        limit = limit_for(method, path)
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length")
        if declared is not None and (
            not declared.isdigit() or len(declared) > 18 or int(declared) > limit
        ):
            await _answer(send, 413, _too_large(limit))
            return
        if (
            method == "POST"
            and path == "/api/v1/statements"
            and not headers.get(b"authorization", b"").lower().startswith(b"bearer ")
        ):
            body = problem_bytes(Problem.AUTH_TOKEN_MISSING, "this request needs a device token")
            await _answer(send, 401, body, [(b"www-authenticate", b"Bearer")])
            return
        received = 0
        started = answered = False

        async def counted() -> dict:
            nonlocal received, answered
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # Answer now: layers between here and the route (Starlette's
                    # BaseHTTPMiddleware, FastAPI's body parsing) may turn the exception
                    # into their own 400; whatever they send after this is dropped.
                    if not started and not answered:
                        answered = True
                        await _answer(send, 413, _too_large(limit))
                    raise BodyTooLarge(limit)
            return message

        async def watched(message) -> None:
            nonlocal started
            if answered:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except Exception:
            if not answered:
                raise


def _too_large(limit: int) -> bytes:
    return problem_bytes(
        Problem.REQUEST_TOO_LARGE,
        f"the request body is larger than {limit} bytes",
        limit_bytes=limit,
    )
