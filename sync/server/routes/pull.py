"""GET /api/v1/statements: the learner's statements from every device, by sequence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel, Field
from sqlalchemy import select

from sync.server.auth import AuthenticatedDevice, current_device
from sync.server.context import MAX_BATCH, ServerContext, server
from sync.server.models import Statement

router = APIRouter(tags=["statements"])


class PullResponse(BaseModel):
    statements: list[dict] = Field(description="in server sequence order")
    next: int = Field(description="the cursor to send as `after` next time")
    more: bool = Field(description="true when the page was full: ask again at once")


@router.get("/statements", response_model=PullResponse)
def pull(
    device: Annotated[AuthenticatedDevice, Depends(current_device)],
    ctx: Annotated[ServerContext, Depends(server)],
    after: Annotated[int, Query(ge=0, description="the last sequence number seen")] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_BATCH)] = MAX_BATCH,
) -> Response:
    with ctx.db.read() as session:
        rows = session.execute(
            select(Statement.seq, Statement.body)
            .where(Statement.learner_id == device.learner_id, Statement.seq > after)
            .order_by(Statement.seq)
            .limit(limit)
        ).all()
    cursor = rows[-1].seq if rows else after
    # The stored bodies are already canonical JSON: splice them instead of re-encoding.
    content = (
        '{"statements":['
        + ",".join(row.body for row in rows)
        + f'],"next":{cursor},"more":{"true" if len(rows) == limit else "false"}}}'
    )
    return Response(content.encode(), media_type="application/json")
