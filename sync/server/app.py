"""The ministry server as an ASGI app: `create_app(settings)`.

Routes live in `routes/` (one module per resource); the device API is under
`/api/v1`, the xAPI resource under `/xapi`, the OpenAPI document at
`/openapi.json` (browsable at `/docs`), the administrators' dashboard under `/admin`.
"""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import Depends, FastAPI
from pydantic import BaseModel

from hocvu import APP_VERSION
from sync.server import dashboard
from sync.server.context import ServerContext, ServerSettings, server
from sync.server.routes import certificates, enrol, packs, pull, statements, trust, xapi

API_VERSION = 1
log = logging.getLogger("hocvu.server")


class About(BaseModel):
    server: str
    version: str
    api_version: int
    server_public_keys: dict[str, Any]


class _XapiVersionHeader:
    """Every response under /xapi carries the xAPI version header."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/xapi"):
            await self.app(scope, receive, send)
            return

        async def send_with_header(message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((b"x-experience-api-version", xapi.XAPI_VERSION.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_header)


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
            await send(
                {
                    "type": "http.response.start",
                    "status": 503,
                    "headers": [
                        (b"retry-after", str(self.retry_after).encode()),
                        (b"content-type", b"application/json"),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": b'{"detail":"try again later"}'})
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

    app.add_middleware(_XapiVersionHeader)
    if settings.fail_first:
        app.add_middleware(_FailFirst, count=settings.fail_first, retry_after=settings.retry_after)
    return app


def app_from_env() -> FastAPI:
    """The factory uvicorn calls in each worker of `hocvu server --workers N`."""
    return create_app(ServerSettings.from_env())
