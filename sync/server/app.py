"""The ministry server as an ASGI app: `create_app(settings)`.

Routes live in `routes/` (one module per resource); the device API is under
`/api/v1`, the xAPI resource under `/xapi`, the OpenAPI document at
`/openapi.json` (browsable at `/docs`), the administrators' dashboard under `/admin`.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException

from hocvu import APP_VERSION
from sync.problems import Problem, Refusal, problem_bytes
from sync.server import dashboard
from sync.server.context import ServerContext, ServerSettings, server
from sync.server.limits import BodyTooLarge, RequestLimits
from sync.server.problem_json import PROBLEM_JSON, problem_response
from sync.server.routes import (
    certificates,
    enrol,
    packs,
    pull,
    statements,
    trust,
    xapi,
    xapi_documents,
)
from sync.server.xapi_protocol import XapiProtocol

API_VERSION = 1
# The parts of the server that answer problem+json; the dashboard answers pages.
PROBLEM_PREFIXES = ("/api/", "/xapi/")
log = logging.getLogger("hocvu.server")


class About(BaseModel):
    server: str
    version: str
    api_version: int
    server_public_keys: dict[str, Any]


class _FailFirst:
    """Test-only fault injection (`fail_first`): the first N API requests of this
    process get 503 with Retry-After, as an overloaded proxy would answer."""

    def __init__(self, app, count: int, retry_after: int) -> None:
        self.app = app
        self.left = count
        self.retry_after = retry_after

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and self.left > 0 and scope["path"].startswith("/api/"):
            self.left -= 1
            body = problem_bytes(
                Problem.SERVER_BUSY, "try again later", retry_after_s=self.retry_after
            )
            await send(
                {
                    "type": "http.response.start",
                    "status": 503,
                    "headers": [
                        (b"retry-after", str(self.retry_after).encode()),
                        (b"content-type", PROBLEM_JSON.encode()),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        await self.app(scope, receive, send)


def create_app(settings: ServerSettings, context: ServerContext | None = None) -> FastAPI:
    ctx = context or ServerContext(settings)
    if settings.migrate:
        ctx.db.migrate()
    app = FastAPI(
        title="Học Vụ Số ministry server",
        version=APP_VERSION,
        description="Enrolment, statement sync, packs, trust and certificates for the "
        "Học Vụ Số app, and the xAPI statements resource.",
    )
    app.state.server = ctx
    for module in (enrol, statements, pull, packs, trust, certificates):
        app.include_router(module.router, prefix="/api/v1")
    app.include_router(xapi.router, prefix="/xapi")
    app.include_router(xapi_documents.router, prefix="/xapi")
    dashboard.mount(app)

    @app.get("/api/v1/about", response_model=About, tags=["server"])
    def about(ctx: Annotated[ServerContext, Depends(server)]) -> About:
        """Public: what this server is and the keys its documents are signed with."""
        return About(
            server="Học Vụ Số",
            version=APP_VERSION,
            api_version=API_VERSION,
            server_public_keys=ctx.keys.public(),
        )

    @app.exception_handler(Refusal)
    async def refused(request: Request, exc: Refusal) -> Response:
        return problem_response(exc)

    @app.exception_handler(BodyTooLarge)
    async def too_large(request: Request, exc: BodyTooLarge) -> Response:
        return problem_response(Refusal(Problem.REQUEST_TOO_LARGE, exc.detail,
                                        limit_bytes=exc.limit))  # fmt: skip

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        """Routing's own refusals (no such path, wrong method, a body FastAPI cannot
        parse) in the same vocabulary under /api and /xapi; pages elsewhere."""
        if not request.url.path.startswith(PROBLEM_PREFIXES):
            return await http_exception_handler(request, exc)
        problem = {404: Problem.REQUEST_NOT_FOUND, 405: Problem.REQUEST_METHOD}.get(
            exc.status_code, Problem.REQUEST_MALFORMED
        )
        body = problem_bytes(problem, str(exc.detail)[:_MAX_MESSAGE], status=exc.status_code)
        return Response(body, exc.status_code, exc.headers, media_type=PROBLEM_JSON)

    async def too_big(request: Request, exc: Exception) -> Response:
        return problem_response(Refusal(Problem.REQUEST_NUMBER_TOO_LARGE, "a number is too large"))

    async def storage(request: Request, exc: Exception) -> Response:
        if number_out_of_range(exc):
            return await too_big(request, exc)
        if value_not_storable(exc):
            detail = "a value holds a character the database cannot store"
            if request.url.path.startswith(PROBLEM_PREFIXES):
                return problem_response(Refusal(Problem.REQUEST_VALUE_NOT_STORABLE, detail))
            return await http_exception_handler(request, StarletteHTTPException(400, detail))
        if not storage_unavailable(exc):
            raise exc
        log.error("the database cannot be written: %s", exc)
        return problem_response(
            Refusal(
                Problem.SERVER_STORAGE,
                "the server cannot write its data now (disk full or read-only); try again later",
                headers={"Retry-After": str(STORAGE_RETRY_S)},
                retry_after_s=STORAGE_RETRY_S,
            )
        )

    for kind in database_errors():
        app.add_exception_handler(kind, storage)
    # An id or cursor beyond 64 bits, from a URL: SQLite's driver cannot bind it.
    app.add_exception_handler(OverflowError, too_big)

    async def too_deep(request: Request, exc: Exception) -> Response:
        # JSON nested thousands deep ("[[[[…") in a body, a parameter or a `more` link:
        # the parsers give up with RecursionError, wherever they run.
        return problem_response(Refusal(Problem.REQUEST_MALFORMED, "the JSON nests too deeply"))

    app.add_exception_handler(RecursionError, too_deep)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return Response(invalid_request(exc), 422, media_type=PROBLEM_JSON)

    app.add_middleware(XapiProtocol)
    if settings.fail_first:
        app.add_middleware(_FailFirst, count=settings.fail_first, retry_after=settings.retry_after)
    # Outermost, so that no other layer reads a body first.
    app.add_middleware(RequestLimits)
    return app


_MAX_ERRORS, _MAX_MESSAGE = 20, 200
STORAGE_RETRY_S = 60
# Driver error codes that mean "the disk is full or read-only", not a bug: SQLite's
# result code names, PostgreSQL's SQLSTATEs (disk full, out of resources, read-only).
_SQLITE_STORAGE = ("SQLITE_READONLY", "SQLITE_FULL", "SQLITE_CANTOPEN", "SQLITE_IOERR")
_PG_STORAGE = ("53100", "53000", "25006")


def database_errors() -> list[type[Exception]]:
    """SQLAlchemy's wrapper and the drivers' own errors (the bulk insert uses the
    driver's cursor directly)."""
    import sqlite3

    kinds: list[type[Exception]] = [DBAPIError, sqlite3.Error]
    try:
        import psycopg

        kinds.append(psycopg.Error)
    except ImportError:
        pass
    return kinds


def number_out_of_range(exc: Exception) -> bool:
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None) or ""
    return isinstance(orig, OverflowError) or state == "22003"


def value_not_storable(exc: Exception) -> bool:
    """A value PostgreSQL's driver refuses to send (text with a NUL character, from a
    URL, a form or a JSON string): a data error without SQLSTATE, raised before the
    query left the process."""
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    try:
        import psycopg
    except ImportError:
        return False
    return isinstance(orig, psycopg.DataError) and orig.sqlstate is None


def storage_unavailable(exc: Exception) -> bool:
    orig = exc.orig if isinstance(exc, DBAPIError) else exc
    name = getattr(orig, "sqlite_errorname", None) or ""
    state = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None) or ""
    return name.startswith(_SQLITE_STORAGE) or state in _PG_STORAGE


def invalid_request(exc: RequestValidationError) -> bytes:
    """A 422 that names where each fault is, never what was sent: FastAPI's default
    echoes the input, so a 2 MB bad field came back as a 6 MB answer."""
    faults = [
        {
            "loc": [str(part)[:_MAX_MESSAGE] for part in error.get("loc", ())][:10],
            "type": str(error.get("type", ""))[:_MAX_MESSAGE],
            "msg": str(error.get("msg", ""))[:_MAX_MESSAGE],
        }
        for error in exc.errors()[:_MAX_ERRORS]
    ]
    return problem_bytes(
        Problem.REQUEST_INVALID,
        f"{len(exc.errors())} field(s) are missing or malformed",
        errors=faults,
    )


def app_from_env() -> FastAPI:
    """The factory uvicorn calls in each worker of `hocvu server --workers N`."""
    return create_app(ServerSettings.from_env())
