"""GET /api/v1/certificates: the learner's certificates, signed by the server."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from pydantic import BaseModel
from sqlalchemy import select

from sync.server.auth import AuthenticatedDevice, current_device
from sync.server.context import ServerContext, server
from sync.server.models import Certificate

router = APIRouter(tags=["certificates"])


class Certificates(BaseModel):
    certificates: list[dict[str, Any]]
    server_public_keys: dict[str, Any]


@router.get("/certificates", response_model=Certificates)
def certificates(
    device: Annotated[AuthenticatedDevice, Depends(current_device)],
    ctx: Annotated[ServerContext, Depends(server)],
) -> Certificates:
    with ctx.db.read() as session:
        documents = session.scalars(
            select(Certificate.document)
            .where(Certificate.learner_id == device.learner_id)
            .order_by(Certificate.issued, Certificate.id)
        ).all()
    return Certificates(
        certificates=[json.loads(d) for d in documents], server_public_keys=ctx.keys.public()
    )
