"""GET /api/v1/trust: the newest trust list the server holds."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.problems import Problem, Refusal
from sync.server.context import ServerContext, server
from sync.server.models import TrustDocument

router = APIRouter(tags=["trust"])


def newest_trust(session: Session) -> bytes | None:
    return session.scalar(
        select(TrustDocument.body).order_by(TrustDocument.version.desc()).limit(1)
    )


@router.get(
    "/trust",
    response_class=Response,
    responses={
        200: {"content": {"application/json": {}}, "description": "trust.json as signed"},
        404: {"description": "the server holds no trust list yet"},
    },
)
def trust(ctx: Annotated[ServerContext, Depends(server)]) -> Response:
    """Public: a trust list proves itself by the root's signature."""
    with ctx.db.read() as session:
        body = newest_trust(session)
    if body is None:
        raise Refusal(Problem.TRUST_NONE, "the server holds no trust list yet")
    return Response(bytes(body), media_type="application/json")
