"""The web dashboard for administrators, mounted at /admin (DESIGN section 7)."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from sync.server.dashboard import actions, attempts, downloads, login, pages
from sync.server.dashboard.web import (
    HERE,
    PREFIX,
    CsrfRefused,
    NeedLogin,
    Refused,
    audit,
    current_admin,
    redirect,
    render,
)

# No script, no frame, nothing from another origin (the page has no script at all).
_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def mount(app: FastAPI) -> None:
    for module in (login, pages, actions, attempts, downloads):
        app.include_router(module.router, prefix=PREFIX, include_in_schema=False)
    app.mount(PREFIX + "/static", StaticFiles(directory=HERE / "static"), name="dashboard-static")

    @app.middleware("http")
    async def _dashboard_headers(request: Request, call_next) -> Response:
        response = await call_next(request)
        if request.url.path == PREFIX or request.url.path.startswith(PREFIX + "/"):
            for name, value in _HEADERS.items():
                response.headers.setdefault(name, value)
        return response

    @app.get(PREFIX, include_in_schema=False)
    def _root() -> Response:
        return redirect("/")

    @app.exception_handler(NeedLogin)
    async def _need_login(request: Request, _exc: NeedLogin) -> Response:
        return redirect("/login")

    @app.exception_handler(CsrfRefused)
    async def _csrf(request: Request, _exc: CsrfRefused) -> Response:
        ctx = request.app.state.server
        try:
            who = await run_in_threadpool(current_admin, request, ctx)
        except NeedLogin:
            who = None
        if who is not None:
            await run_in_threadpool(
                audit, ctx, who, "refused", None, reason="csrf", path=request.url.path
            )
        return render(
            request,
            "message.html",
            None,
            status=403,
            heading="refused.title",
            message="refused.csrf",
            detail=None,
        )

    @app.exception_handler(Refused)
    async def _refused(request: Request, exc: Refused) -> Response:
        try:
            who = await run_in_threadpool(current_admin, request, request.app.state.server)
        except NeedLogin:
            return redirect("/login")
        await run_in_threadpool(
            audit,
            request.app.state.server,
            who,
            "refused",
            exc.target,
            reason=exc.message_id,
            path=request.url.path,
        )
        return render(
            request,
            "message.html",
            who,
            status=exc.status,
            heading="refused.title",
            message=exc.message_id,
            detail=None,
        )
