"""POST /api/v1/statements: a device pushes a batch of up to 500 statements."""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from sync.problems import Problem, Refusal
from sync.server.auth import AuthenticatedDevice, current_device
from sync.server.context import MAX_BATCH, ServerContext, server
from sync.server.db import now
from sync.server.ingest import ForeignStatements, check_actors, learner_profiles, prepare, store
from sync.server.problem_json import problem_response

router = APIRouter(tags=["statements"])
log = logging.getLogger("hocvu.server.push")


class PushRequest(BaseModel):
    statements: list[dict[str, Any]] = Field(description="xAPI 1.0.3 statements, at most 500")


class StatementFault(BaseModel):
    id: str
    code: str = Field(description="statement.invalid, statement.server_only, statement.too_large")
    error: str = Field(description="in English, for logs")
    values: dict[str, Any]


class PushResponse(BaseModel):
    accepted: list[str] = Field(description="stored now")
    duplicates: list[str] = Field(description="already stored with identical content")
    conflicts: list[str] = Field(description="already stored with different content")
    errors: list[StatementFault] = Field(description="malformed, not stored")


@router.post(
    "/statements",
    response_model=PushResponse,
    responses={
        400: {
            "model": PushResponse,
            "description": "some statements are malformed (problem+json, "
            "batch.statements_refused, with the report's fields)",
        },
        403: {"description": "a statement is for another learner; nothing was stored"},
        409: {
            "model": PushResponse,
            "description": "some ids are stored with other content (problem+json, "
            "batch.conflicts, with the report's fields)",
        },
        413: {"description": "more than 500 statements"},
    },
)
def push(
    body: PushRequest,
    device: Annotated[AuthenticatedDevice, Depends(current_device)],
    ctx: Annotated[ServerContext, Depends(server)],
) -> Response:
    """Store a batch idempotently. The well-formed statements are stored whatever the
    status; the body says what happened to every id. 200: all accepted or duplicate;
    409: some conflicts; 400: some malformed. A 400 or 409 is a problem+json whose
    extension members are the report."""
    if len(body.statements) > MAX_BATCH:
        raise Refusal(
            Problem.BATCH_TOO_LARGE,
            f"{len(body.statements)} statements; at most {MAX_BATCH}",
            count=len(body.statements),
            limit=MAX_BATCH,
        )
    prepared, errors = prepare(body.statements)
    with ctx.db.write() as session:
        profiles = learner_profiles(session, device.learner_id)
        try:
            check_actors(prepared, profiles)
        except ForeignStatements as exc:
            log.warning("device %s pushed foreign statements: %s", device.device_id, exc)
            raise
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
    if result.errors:
        refusal = Refusal(
            Problem.BATCH_STATEMENTS_REFUSED,
            f"{len(errors)} statement(s) refused; the others are stored",
            count=len(errors),
        )
    elif result.conflicts:
        refusal = Refusal(
            Problem.BATCH_CONFLICTS,
            f"{len(result.conflicts)} id(s) are stored with other content",
            count=len(result.conflicts),
        )
    else:
        return JSONResponse(result.to_json())
    return problem_response(refusal, **result.to_json())
