"""What every dashboard page shares: templates, the signed-in admin, scope checks,
CSRF on forms, refusals that are audited, and downloads that are audited.

Pages are rendered on the server (Jinja2, autoescaped); the only static file is a
stylesheet served by the app itself. No script runs in the browser.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import select
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from sync.server import admin
from sync.server.context import ServerContext, server
from sync.server.dashboard import i18n
from sync.server.dashboard.clock import display_zone
from sync.server.dashboard.sessions import SignedIn, csrf_matches, signed_in
from sync.server.db import now
from sync.server.models import Unit
from sync.server.reporting.scope import scope_unit_ids

HERE = Path(__file__).resolve().parent
COOKIE = "hocvu_admin"
LANG_COOKIE = "hocvu_lang"
PREFIX = "/admin"

templates = Environment(
    loader=FileSystemLoader(HERE / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
templates.globals.update(pct=i18n.percent, when=i18n.when)


# The menu: (section, permission or None, message id). A page belongs to the section
# of its path's first part; a learner's or a device's page to the units.
NAV = (
    ("", None, "nav.overview"),
    ("units", "names", "nav.units"),
    ("assignments", "assign", "nav.assignments"),
    ("packs", None, "nav.packs"),
    ("items", None, "nav.items"),
    ("enrol", "enrol", "nav.enrol"),
    ("bundles", "bundles", "nav.bundles"),
    ("certificates", "certificates", "nav.certificates"),
    ("attempts", "attempts", "nav.attempts"),
    ("audit", "audit", "nav.audit"),
)
_SECTION_OF = {"learners": "units", "devices": "units"}


def section_of(path: str) -> str:
    first = path.removeprefix(PREFIX).strip("/").split("/")[0]
    return _SECTION_OF.get(first, first)


class NeedLogin(Exception):
    """No live session: the browser is sent to the login page."""


class Refused(Exception):
    """A request outside the admin's role or scope: 403 (or 404), audited."""

    def __init__(self, message_id: str, target: str | None, status: int = 403) -> None:
        self.message_id = message_id
        self.target = target
        self.status = status
        super().__init__(message_id)


class CsrfRefused(Exception):
    """A form posted without this session's token (or with another one)."""


def language(request: Request) -> str:
    lang = request.cookies.get(LANG_COOKIE, i18n.DEFAULT)
    return lang if lang in i18n.LANGUAGES else i18n.DEFAULT


@dataclass(frozen=True)
class Admin:
    """The signed-in admin of one request, with the units they may see."""

    who: SignedIn
    scope: frozenset[int]
    token: str
    # Attached to the top of the tree (the ministry itself), not a unit below it.
    at_root: bool

    @property
    def name(self) -> str:
        return self.who.username

    @property
    def role(self) -> str:
        return self.who.role

    def can(self, action: str) -> bool:
        # The audit log is the whole ministry's: only an account at its root sees it.
        if action == "audit" and not self.at_root:
            return False
        return admin.can(self.who.role, action)


def current_admin(request: Request, ctx: Annotated[ServerContext, Depends(server)]) -> Admin:
    token = request.cookies.get(COOKIE)
    who = signed_in(ctx.db, token, now())
    if who is None:
        raise NeedLogin()
    with ctx.db.read() as session:
        scope = frozenset(scope_unit_ids(session, who.unit_id))
        at_root = session.scalar(select(Unit.parent_id).where(Unit.id == who.unit_id)) is None
    return Admin(who, scope, token or "", at_root)


Signed = Annotated[Admin, Depends(current_admin)]
Context = Annotated[ServerContext, Depends(server)]


def need(who: Admin, action: str) -> None:
    if not who.can(action):
        raise Refused("refused.role", f"action:{action}")


def need_unit(who: Admin, unit_id: int | None) -> int:
    """A unit id from a URL or a form, if the admin's scope holds it."""
    if unit_id is None or unit_id not in who.scope:
        raise Refused("refused.scope", f"unit:{unit_id}", 404)
    return unit_id


async def posted(request: Request, who: Admin) -> FormData:
    """The form of a POST, after checking its CSRF token in constant time."""
    form = await request.form()
    offered = form.get("csrf")
    if not isinstance(offered, str) or not csrf_matches(who.token, offered):
        raise CsrfRefused()
    return form


def audit(ctx: ServerContext, who: Admin | str, action: str, target: str | None, **detail):
    with ctx.db.write() as session:
        admin.audit(session, who if isinstance(who, str) else who.name, action, target, **detail)


def render(
    request: Request,
    template: str,
    who: Admin | None,
    *,
    status: int = 200,
    **context: Any,
) -> HTMLResponse:
    lang = language(request)
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    zone = display_zone(request.app.state.server.settings.time_zone)
    menu = [
        (section, f"/units/{who.who.unit_id}" if section == "units" else f"/{section}", label)
        for section, permission, label in NAV
        if who is not None and (permission is None or who.can(permission))
    ]
    body = templates.get_template(template).render(
        t=i18n.translator(lang),
        lang=lang,
        who=who,
        csrf=who.who.csrf if who else "",
        here=quote(here, safe="/?=&"),
        prefix=PREFIX,
        menu=menu,
        section=section_of(request.url.path),
        zone=zone,
        when=zone.when,
        **context,
    )
    return HTMLResponse(body, status_code=status)


def redirect(path: str) -> RedirectResponse:
    return RedirectResponse(PREFIX + path, status_code=303)


def in_session(ctx: ServerContext, work: Callable[[Session], Any]) -> Any:
    with ctx.db.read() as session:
        return work(session)


def download(data: bytes, filename: str, media_type: str) -> Response:
    return Response(
        data,
        media_type=media_type,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )
