"""The pack catalog of a device's learner and resumable downloads (HTTP Range).

A download that hands the file's last byte to the client (the whole file, or the
final range of a resumed one) is recorded in `pack_downloads`: the packs page shows
which version each unit's devices really hold.
"""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path
from typing import Annotated

from anyio import to_thread
from fastapi import APIRouter, Depends
from fastapi.responses import FileResponse
from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.types import Message, Receive, Scope, Send

from sync.problems import Problem, Refusal
from sync.server.auth import AuthenticatedDevice, current_device
from sync.server.context import ServerContext, server
from sync.server.db import now
from sync.server.derived import pack_versions as versions
from sync.server.models import Assignment, Pack, Unit

log = logging.getLogger("hocvu.server.packs")
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
        raise Refusal(
            Problem.PACK_NOT_ASSIGNED,
            f"pack {pack_id} version {version} is not assigned to you",
            pack=pack_id,
            version=version,
        )
    return CountedDownload(
        ctx,
        device.device_id,
        pack.pack_id,
        pack.version,
        ctx.settings.data_dir / pack.file,
        media_type="application/zip",
        filename=f"{pack_id}-v{version}.hvpack",
        headers={"ETag": f'"{pack.sha256}"'},
    )


def reaches_end(start_message: Message) -> bool:
    """Whether a file response (its `http.response.start`) carries the file's last
    byte: the whole file (200), or a single range ending at it (206)."""
    status = start_message["status"]
    if status == 200:
        return True
    if status != 206:
        return False
    headers = dict(start_message.get("headers") or [])
    content_range = headers.get(b"content-range", b"").decode("latin-1")
    # "bytes START-END/SIZE"; several ranges come as multipart without this header.
    try:
        span, size = content_range.removeprefix("bytes ").split("/")
        end = int(span.split("-")[1])
        return end == int(size) - 1
    except (ValueError, IndexError):
        return False


class CountedDownload(FileResponse):
    """A pack file response that records the device's download once the body's last
    message went out with the file's last byte in it."""

    def __init__(
        self, ctx: ServerContext, device_id: str, pack_id: str, version: int, path: Path, **kw
    ) -> None:
        super().__init__(path, **kw)
        self._ctx = ctx
        self._download = (device_id, pack_id, version)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        complete = False
        final = False

        async def watched(message: Message) -> None:
            nonlocal complete, final
            if message["type"] == "http.response.start":
                final = reaches_end(message)
            await send(message)
            # The last body message, or the whole file handed to a server that sends
            # files itself (the ASGI pathsend extension).
            if message["type"] == "http.response.pathsend" or (
                message["type"] == "http.response.body" and not message.get("more_body")
            ):
                complete = final

        await super().__call__(scope, receive, watched)
        if complete and scope.get("method") == "GET":
            await to_thread.run_sync(self._record)

    def _record(self) -> None:
        device_id, pack_id, version = self._download
        try:
            with self._ctx.db.write() as session:
                versions.record_download(session, device_id, pack_id, version, now())
        except Exception:
            # The device has its file; a lost count must not turn the download into an error.
            log.exception("could not record the download of %s v%s", pack_id, version)
