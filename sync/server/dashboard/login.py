"""Logging in and out, and the language switch."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from sync.server.dashboard import i18n
from sync.server.dashboard.sessions import LoginRefused, log_in, log_out
from sync.server.dashboard.web import (
    COOKIE,
    LANG_COOKIE,
    PREFIX,
    Context,
    CsrfRefused,
    Signed,
    posted,
    redirect,
    render,
)
from sync.server.db import now

router = APIRouter()
# Before there is a session, the login form is protected by a double-submit token:
# a random value in a cookie that the form must repeat.
LOGIN_CSRF = "hocvu_login_csrf"


def _secure(request: Request) -> bool:
    return request.url.scheme == "https"


def _login_page(request: Request, error: str | None = None, status: int = 200) -> Response:
    token = request.cookies.get(LOGIN_CSRF) or secrets.token_urlsafe(24)
    response = render(request, "login.html", None, status=status, error=error, login_csrf=token)
    response.set_cookie(
        LOGIN_CSRF,
        token,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
        path=PREFIX,
    )
    return response


@router.get("/login")
def login_form(request: Request) -> Response:
    return _login_page(request)


@router.post("/login")
async def login(
    request: Request,
    ctx: Context,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form()] = "",
) -> Response:
    expected = request.cookies.get(LOGIN_CSRF)
    # As bytes: compare_digest refuses str with non-ASCII letters, which a form may hold.
    if not expected or not secrets.compare_digest(
        expected.encode("utf-8", "surrogatepass"), csrf.encode("utf-8", "surrogatepass")
    ):
        raise CsrfRefused()
    source = request.client.host if request.client else None

    def attempt() -> tuple[str, object] | LoginRefused:
        try:
            return log_in(ctx.db, ctx.settings, username.strip(), password, source, now())
        except LoginRefused as refused:
            return refused

    outcome = await run_in_threadpool(attempt)
    if isinstance(outcome, LoginRefused):
        if outcome.message_id == "login.too_many":
            response = _login_page(request, outcome.message_id, 429)
            response.headers["Retry-After"] = str(outcome.wait_s)
            return response
        return _login_page(request, outcome.message_id, 401)
    token, _who = outcome
    response = redirect("/")
    # A browser-session cookie: the server ends the session itself (idle and longest
    # lifetimes in sessions.py), and closing the browser ends it too.
    response.set_cookie(
        COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=_secure(request),
        path=PREFIX,
    )
    response.delete_cookie(LOGIN_CSRF, path=PREFIX)
    return response


@router.post("/logout")
async def logout(request: Request, who: Signed, ctx: Context) -> Response:
    await posted(request, who)

    def end():
        with ctx.db.write() as session:
            log_out(session, who.token)

    await run_in_threadpool(end)
    response = redirect("/login")
    response.delete_cookie(COOKIE, path=PREFIX)
    return response


@router.get("/lang/{code}")
def switch_language(code: str, request: Request, next: str = "/admin/") -> Response:
    # Only paths of this dashboard: never an open redirect to another site.
    target = next if next.startswith(PREFIX + "/") and not next.startswith("//") else PREFIX + "/"
    response = RedirectResponse(target, status_code=303)
    if code in i18n.LANGUAGES:
        response.set_cookie(
            LANG_COOKIE,
            code,
            max_age=365 * 86400,
            samesite="lax",
            secure=_secure(request),
            path=PREFIX,
        )
    return response
