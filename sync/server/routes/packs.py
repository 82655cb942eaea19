"""The pack catalog of a device's learner and resumable downloads (HTTP Range)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from fastapi.responses import FileResponse
from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.server.auth import AuthenticatedDevice, current_device
from sync.server.context import ServerContext, server
from sync.server.models import Assignment, Pack, Unit

router = APIRouter(tags=["packs"])


class CatalogEntry(BaseModel):
    id: str
    version: int
    sha256: str
    size: int
    due: date | None
    url: str


class Catalog(BaseModel):
    packs: list[CatalogEntry]


def unit_chain(session: Session, unit_id: int) -> list[int]:
    """The unit and its ancestors up to the ministry."""
    chain: list[int] = []
    current: int | None = unit_id
    while current is not None and current not in chain:
        chain.append(current)
        current = session.scalar(select(Unit.parent_id).where(Unit.id == current))
    return chain


def catalog_for_unit(session: Session, unit_id: int) -> list[CatalogEntry]:
    chain = unit_chain(session, unit_id)
    assignments = session.execute(
        select(Assignment.pack_id, func.min(Assignment.due))
        .where(Assignment.unit_id.in_(chain))
        .group_by(Assignment.pack_id)
    ).all()
    entries = []
    for pack_id, due in sorted(assignments):
        pack = session.scalars(
            select(Pack).where(Pack.pack_id == pack_id).order_by(Pack.version.desc()).limit(1)
        ).first()
        if pack is None:
            continue
        entries.append(
            CatalogEntry(
                id=pack.pack_id,
                version=pack.version,
                sha256=pack.sha256,
                size=pack.size,
                due=due,
                url=f"/api/v1/packs/{pack.pack_id}/{pack.version}/download",
            )
        )
    return entries


@router.get("/packs", response_model=Catalog)
def catalog(
    device: Annotated[AuthenticatedDevice, Depends(current_device)],
    ctx: Annotated[ServerContext, Depends(server)],
) -> Catalog:
    with ctx.db.read() as session:
        return Catalog(packs=catalog_for_unit(session, device.unit_id))


@router.get(
    "/packs/{pack_id}/{version}/download",
    response_class=FileResponse,
    responses={
        206: {"description": "the requested byte range (resume)"},
        404: {"description": "no such pack version assigned to this learner"},
        416: {"description": "the range starts past the end"},
    },
)
def download(
    pack_id: str,
    version: int,
    device: Annotated[AuthenticatedDevice, Depends(current_device)],
    ctx: Annotated[ServerContext, Depends(server)],
) -> FileResponse:
    """The pack file; send `Range: bytes=N-` to resume after N bytes."""
    with ctx.db.read() as session:
        assigned = session.scalar(
            select(func.count()).where(
                Assignment.pack_id == pack_id,
                Assignment.unit_id.in_(unit_chain(session, device.unit_id)),
            )
        )
        pack = session.scalars(
            select(Pack).where(Pack.pack_id == pack_id, Pack.version == version)
        ).first()
    if not assigned or pack is None:
        raise HTTPException(404, f"pack {pack_id} version {version} is not assigned to you")
    return FileResponse(
        ctx.settings.data_dir / pack.file,
        media_type="application/zip",
        filename=f"{pack_id}-v{version}.hvpack",
        headers={"ETag": f'"{pack.sha256}"'},
    )
