"""GET /api/v1/certificates: the learner's certificates, signed by the server;
GET /api/v1/certificates/revocations: the signed list of revoked certificates."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel
from sqlalchemy import select

from sync.server.auth import AuthenticatedDevice, current_device
from sync.server.context import ServerContext, server
from sync.server.models import Certificate
from sync.server.revocations import revocation_list, revocation_version

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


@router.get(
    "/certificates/revocations",
    responses={
        200: {"description": "the signed revocation list (sync.certificates)"},
        204: {"description": "the device's list (`known`) is the newest already"},
    },
)
def revocations(
    device: Annotated[AuthenticatedDevice, Depends(current_device)],
    ctx: Annotated[ServerContext, Depends(server)],
    known: Annotated[int, Query(ge=0, description="the version the device holds")] = 0,
) -> Response:
    """Every certificate the server has revoked, signed with its signing key. Revocations
    are never undone, so a device that holds version `known` or newer needs nothing."""
    with ctx.db.read() as session:
        if known and revocation_version(session) <= known:
            return Response(status_code=204)
        document = revocation_list(session, ctx.keys.signing)
    return Response(
        json.dumps(document, ensure_ascii=False, sort_keys=True).encode(),
        media_type="application/json",
    )
