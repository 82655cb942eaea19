"""Every table as CSV or XLSX, and certificates for the national identity platform.

The table comes from `reporting.tables.export_table` for the admin's unit (or a unit below
it, `?unit=ID`), and the file from `sync.server.exports`; each download is audited.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from sync.server import certificate_export, exports
from sync.server.dashboard.web import (
    Context,
    Refused,
    Signed,
    audit,
    download,
    language,
    need,
    need_unit,
)
from sync.server.reporting.tables import export_table

router = APIRouter()

# Which permission each table needs: anything naming learners needs "names".
TABLES = {
    "learners": "names",
    "devices": "names",
    "certificates": "names",
    "units": "overview",
    "certified_by_month": "overview",
    "assignments": "assign",
    "items": "items",
    # Unit names and counts, no learner: what the packs page shows a trainer too.
    "pack_versions": "packs",
    "audit": "audit",
}
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@router.get("/export/{name}.{fmt}")
async def export(
    name: str,
    fmt: str,
    request: Request,
    who: Signed,
    ctx: Context,
    unit: int | None = None,
    pack: str | None = None,
) -> Response:
    if name not in TABLES or fmt not in FORMATS:
        raise Refused("refused.no_table", f"export:{name}.{fmt}", 404)
    need(who, TABLES[name])
    root = need_unit(who, who.who.unit_id if unit is None else unit)

    def build() -> bytes:
        with ctx.db.read() as session:
            table = export_table(
                session,
                name,
                root,
                data_dir=ctx.settings.data_dir,
                # The items table: one pack (as its page shows it), texts in the
                # admin's language, sealed exam items opened with the grading keys.
                pack_id=pack or None,
                grading_keys=ctx.keys.grading,
                lang=language(request),
                targets=ctx.settings.targets,
            )
        return exports.to_xlsx(table, name) if fmt == "xlsx" else exports.to_csv(table)

    data = await run_in_threadpool(build)
    audit(ctx, who, "export", f"export:{name}.{fmt}", unit=root)
    return download(data, f"hocvu-{name}-unit{root}.{fmt}", FORMATS[fmt])


@router.get("/certificates/export.json")
async def certificates_json(
    request: Request, who: Signed, ctx: Context, unit: int | None = None
) -> Response:
    need(who, "certificates")
    root = need_unit(who, who.who.unit_id if unit is None else unit)

    def build() -> bytes:
        with ctx.db.read() as session:
            return certificate_export.export_json(session, root, ctx.keys.signing)

    data = await run_in_threadpool(build)
    audit(ctx, who, "export", "export:certificates.json", unit=root)
    return download(data, f"hocvu-certificates-unit{root}.json", "application/json")
