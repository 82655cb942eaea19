"""POST /api/v1/statements: a device pushes a batch of up to 500 statements."""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from sync.server.auth import AuthenticatedDevice, current_device
from sync.server.context import MAX_BATCH, ServerContext, server
from sync.server.db import now
from sync.server.ingest import ForeignStatements, check_actors, learner_profiles, prepare, store

router = APIRouter(tags=["statements"])
log = logging.getLogger("hocvu.server.push")


class PushRequest(BaseModel):
    statements: list[dict[str, Any]] = Field(description="xAPI 1.0.3 statements, at most 500")


class StatementFault(BaseModel):
    id: str
    error: str


class PushResponse(BaseModel):
    accepted: list[str] = Field(description="stored now")
    duplicates: list[str] = Field(description="already stored with identical content")
    conflicts: list[str] = Field(description="already stored with different content")
    errors: list[StatementFault] = Field(description="malformed, not stored")


@router.post(
    "/statements",
    response_model=PushResponse,
    responses={
        400: {"model": PushResponse, "description": "some statements are malformed"},
        403: {"description": "a statement is for another learner; nothing was stored"},
        409: {"model": PushResponse, "description": "some ids are stored with other content"},
        413: {"description": "more than 500 statements"},
    },
)
def push(
    body: PushRequest,
    device: Annotated[AuthenticatedDevice, Depends(current_device)],
    ctx: Annotated[ServerContext, Depends(server)],
) -> JSONResponse:
    """Store a batch idempotently. The well-formed statements are stored whatever the
    status; the body says what happened to every id. 200: all accepted or duplicate;
    409: some conflicts; 400: some malformed."""
    if len(body.statements) > MAX_BATCH:
        raise HTTPException(413, f"{len(body.statements)} statements; at most {MAX_BATCH}")
    prepared, errors = prepare(body.statements)
    with ctx.db.write() as session:
        profiles = learner_profiles(session, device.learner_id)
        try:
            check_actors(prepared, profiles)
        except ForeignStatements as exc:
            log.warning("device %s pushed foreign statements: %s", device.device_id, exc)
            raise HTTPException(403, str(exc)) from None
        result = store(
            session,
            prepared,
            learner_of=dict.fromkeys(profiles, device.learner_id),
            device_id=device.device_id,
            xapi_client_id=None,
            now=now(),
            grader=ctx.grader,
        )
    result.errors = errors
    status = 400 if result.errors else 409 if result.conflicts else 200
    return JSONResponse(result.to_json(), status_code=status)
