"""Held exam attempts: the list, and release or reject after a confirmation page.

Only attempts of learners inside the admin's unit tree are shown or decided; a
registration outside it is refused as not found (and audited). The decision itself
is `Grader.decide`, which writes the result, the certificate for a pass and the
audit entry in one transaction.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from sync.server import grading
from sync.server.dashboard.web import (
    Admin,
    Context,
    Refused,
    Signed,
    need,
    posted,
    redirect,
    render,
)
from sync.server.db import now

router = APIRouter()
ACTIONS = ("release", "reject")


def _held(ctx, who: Admin) -> list[grading.HeldAttempt]:
    with ctx.db.read() as session:
        return grading.held_attempts(session, who.scope)


def _one(ctx, who: Admin, registration: str) -> grading.HeldAttempt:
    found = next(
        (a for a in _held(ctx, who) if a.registration == registration.strip().lower()), None
    )
    if found is None:
        raise Refused("refused.scope", f"attempt:{registration}", 404)
    return found


@router.get("/attempts")
async def held_list(request: Request, who: Signed, ctx: Context, done: str = "") -> Response:
    need(who, "attempts")
    held = await run_in_threadpool(_held, ctx, who)
    return render(
        request,
        "attempts.html",
        who,
        held=held,
        done=done if done in ("released", "rejected") else "",
    )


@router.get("/attempts/{registration}/{action}")
async def confirm(
    registration: str, action: str, request: Request, who: Signed, ctx: Context
) -> Response:
    need(who, "attempts")
    if action not in ACTIONS:
        raise Refused("refused.scope", f"attempt:{registration}", 404)
    attempt = await run_in_threadpool(_one, ctx, who, registration)
    return render(request, "attempt_decide.html", who, a=attempt, action=action, error=None)


@router.post("/attempts/{registration}/{action}")
async def decide(
    registration: str, action: str, request: Request, who: Signed, ctx: Context
) -> Response:
    form = await posted(request, who)
    need(who, "attempts")
    if action not in ACTIONS:
        raise Refused("refused.scope", f"attempt:{registration}", 404)
    attempt = await run_in_threadpool(_one, ctx, who, registration)
    if form.get("confirm") != "yes":
        # Never decided without the confirmation page's own button.
        return redirect(f"/attempts/{attempt.registration}/{action}")
    reason = str(form.get("reason") or "").strip()[:500] or None

    def work():
        with ctx.db.write() as session:
            ctx.grader.decide(
                session,
                who.name,
                attempt.registration,
                release=action == "release",
                reason=reason,
                now=now(),
                scope=who.scope,
            )

    try:
        await run_in_threadpool(work)
    except grading.GradingRefused as refused:
        return render(
            request,
            "attempt_decide.html",
            who,
            status=400,
            a=attempt,
            action=action,
            error=f"problem.{refused.code}",
            english=str(refused),
        )
    return redirect(f"/attempts?done={'released' if action == 'release' else 'rejected'}")
