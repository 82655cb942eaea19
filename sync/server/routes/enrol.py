"""POST /api/v1/enrol: a device trades a one-time code for a device token."""

from __future__ import annotations

import asyncio
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from sync.problems import Problem
from sync.server import admin
from sync.server.context import ServerContext, server
from sync.server.db import now
from sync.server.enrolment import (
    Enrolled,
    EnrolmentRefused,
    enrol,
    failure_delay,
    log,
    record_failure,
)

router = APIRouter(tags=["enrolment"])


class EnrolRequest(BaseModel):
    code: str = Field(min_length=4, max_length=64, description="the one-time enrolment code")
    device_name: str = Field(min_length=1, max_length=200)
    device_public_key: str = Field(description="the device's Ed25519 public key, base64")
    profile_id: str = Field(description="the profile UUID the device's statements use")
    device_id: str | None = Field(
        None, description="the id the device already uses in its statements, if free"
    )


class EnrolResponse(BaseModel):
    device_id: str
    device_token: str = Field(description="keep it secret; the server stores only a hash")
    learner_id: str
    server_public_keys: dict[str, Any]


@router.post(
    "/enrol",
    response_model=EnrolResponse,
    responses={
        400: {"description": "malformed request"},
        403: {"description": "unknown, used or expired code"},
        409: {"description": "the profile belongs to another learner"},
        429: {"description": "too many failed attempts from this source or for this code"},
    },
)
async def enrol_device(
    body: EnrolRequest, request: Request, ctx: Annotated[ServerContext, Depends(server)]
) -> EnrolResponse:
    source = request.client.host if request.client else None
    moment = now()

    def use_code() -> Enrolled:
        with ctx.db.write() as session:
            return enrol(
                session,
                ctx.settings,
                code=body.code,
                device_name=body.device_name,
                public_key=body.device_public_key,
                profile_id=body.profile_id,
                device_id=body.device_id,
                source=source,
                now=moment,
            )

    def count_failure() -> float:
        with ctx.db.write() as session:
            record_failure(session, ctx.settings, source, body.code, moment)
            return failure_delay(session, ctx.settings, source, moment)

    def throttled() -> float:
        # Over the limit: audited (without the code) and held like other failures.
        with ctx.db.write() as session:
            admin.audit(session, "server", "enrol-throttled", None, source=source)
            return failure_delay(session, ctx.settings, source, moment)

    try:
        enrolled = await run_in_threadpool(use_code)
    except EnrolmentRefused as refused:
        # Logged without the code: a log must not become a list of secrets.
        log.warning("enrolment refused from %s: %s (%s)", source, refused.detail, refused.code)
        if refused.counts:
            # Slowed, not refused: the wait holds no worker thread.
            await asyncio.sleep(await run_in_threadpool(count_failure))
        elif refused.problem is Problem.ENROL_TOO_MANY_ATTEMPTS:
            await asyncio.sleep(await run_in_threadpool(throttled))
        raise
    return EnrolResponse(
        device_id=enrolled.device_id,
        device_token=enrolled.device_token,
        learner_id=enrolled.learner_id,
        server_public_keys=ctx.keys.public(),
    )
