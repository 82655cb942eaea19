"""The dashboard's forms: assignments, pack upload, device revocation, enrolment from
a CSV, bundle import, certificate checks and revocation. Each POST carries the session's CSRF
token, acts only inside the admin's scope, and is audited by `sync.server.admin`."""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from dataclasses import replace
from datetime import date
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from content.errors import PackRefused
from sync.bundle import BundleRefused
from sync.certificates import CertificateInvalid, verify_certificate
from sync.server import admin, exports
from sync.server.bundles import import_bundle
from sync.server.context import ServerContext
from sync.server.dashboard import reasons
from sync.server.dashboard.titles import Titles
from sync.server.dashboard.web import (
    Admin,
    Context,
    Refused,
    Signed,
    audit,
    download,
    in_session,
    language,
    need,
    need_unit,
    posted,
    redirect,
    render,
)
from sync.server.db import aware
from sync.server.enrolment import code_hash
from sync.server.models import (
    Assignment,
    Certificate,
    Device,
    EnrolmentCode,
    Learner,
    Pack,
    Unit,
)
from sync.server.reporting.assignments import assignment_status
from sync.server.reporting.spec import Table
from sync.server.revocations import find_certificate, revoke_certificate

router = APIRouter()
MAX_UPLOAD = 512 * 1024 * 1024
CODE_DAYS = 30


def _units(ctx: ServerContext, who: Admin) -> list[tuple[int, str]]:
    with ctx.db.read() as session:
        return [
            (row.id, row.name)
            for row in session.execute(
                select(Unit.id, Unit.name).where(Unit.id.in_(who.scope)).order_by(Unit.id)
            )
        ]


def _assignments_page(
    request: Request,
    who: Admin,
    ctx: ServerContext,
    error: str | None = None,
    reason: reasons.Reason | None = None,
    status: int = 200,
) -> Response:
    lang = language(request)
    with ctx.db.read() as session:
        rows = assignment_status(session, who.who.unit_id, date.today())
        packs = session.scalars(select(Pack.pack_id).distinct().order_by(Pack.pack_id)).all()
        titles = Titles.load(session, None)
    return render(
        request,
        "assignments.html",
        who,
        status=status,
        rows=rows,
        packs=packs,
        pack_title=lambda pack_id: titles.pack(pack_id, lang),
        units=_units(ctx, who),
        error=error,
        reason=reason,
    )


@router.get("/assignments")
async def assignments(request: Request, who: Signed, ctx: Context) -> Response:
    need(who, "assign")
    return await run_in_threadpool(_assignments_page, request, who, ctx)


def _int(value, target: str) -> int:
    try:
        return int(str(value))
    except ValueError:
        raise Refused("refused.scope", target, 404) from None


@router.post("/assignments")
async def assign(request: Request, who: Signed, ctx: Context) -> Response:
    form = await posted(request, who)
    need(who, "assign")
    unit_id = need_unit(who, _int(form.get("unit"), f"unit:{form.get('unit')}"))
    pack_id = str(form.get("pack") or "")
    due_text = str(form.get("due") or "")
    try:
        due = date.fromisoformat(due_text) if due_text else None
    except ValueError:
        return await run_in_threadpool(
            _assignments_page,
            request,
            who,
            ctx,
            "assign.bad_due",
            reasons.Reason("reason.entered", {"value": due_text}),
            400,
        )

    def work():
        with ctx.db.write() as session:
            admin.assign(session, who.name, pack_id, unit_id, due)

    try:
        await run_in_threadpool(work)
    except admin.AdminError as error:
        return await run_in_threadpool(
            _assignments_page,
            request,
            who,
            ctx,
            "assign.refused",
            reasons.of_admin_error(error),
            400,
        )
    return redirect("/assignments")


def _assignment(ctx: ServerContext, who: Admin, assignment_id: int, lang: str) -> dict:
    """An assignment the admin may remove, for its confirmation page; one made above
    the admin's unit is as unknown as a missing one (404, audited)."""
    with ctx.db.read() as session:
        row = session.get(Assignment, assignment_id)
        if row is None or row.unit_id not in who.scope:
            raise Refused("refused.scope", f"assignment:{assignment_id}", 404)
        titles = Titles.load(session, None)
        return {
            "assignment_id": row.id,
            "pack_id": row.pack_id,
            "pack_title": titles.pack(row.pack_id, lang),
            "unit_name": session.scalar(select(Unit.name).where(Unit.id == row.unit_id)),
            "due": row.due,
            "created": aware(row.created),
        }


@router.get("/assignments/{assignment_id}/delete")
async def unassign_form(
    assignment_id: int, request: Request, who: Signed, ctx: Context
) -> Response:
    """The confirmation: which pack stops being assigned to which unit, and what follows."""
    need(who, "assign")
    found = await run_in_threadpool(_assignment, ctx, who, assignment_id, language(request))
    return render(request, "assignment_remove.html", who, a=found)


@router.post("/assignments/{assignment_id}/delete")
async def unassign(assignment_id: int, request: Request, who: Signed, ctx: Context) -> Response:
    form = await posted(request, who)
    need(who, "assign")
    await run_in_threadpool(_assignment, ctx, who, assignment_id, language(request))
    if form.get("confirm") != "yes":
        # Never removed without the confirmation page's own button.
        return redirect(f"/assignments/{assignment_id}/delete")

    def work():
        with ctx.db.write() as session:
            admin.unassign(session, who.name, assignment_id)

    await run_in_threadpool(work)
    return redirect("/assignments")


def _device(ctx: ServerContext, who: Admin, device_id: str) -> dict:
    """A device of a learner in the admin's scope, for its confirmation page; any
    other id is as unknown as a missing one (404, audited)."""
    try:
        key = str(uuid.UUID(device_id))
    except ValueError:
        key = None
    with ctx.db.read() as session:
        row = (
            session.execute(
                select(
                    Device.id,
                    Device.name,
                    Device.created,
                    Device.revoked,
                    Learner.id.label("learner_id"),
                    Learner.name.label("learner_name"),
                    Learner.unit_id,
                    Unit.name.label("unit_name"),
                )
                .join(Learner, Learner.id == Device.learner_id)
                .join(Unit, Unit.id == Learner.unit_id)
                .where(Device.id == key)
            ).first()
            if key
            else None
        )
    if row is None or row.unit_id not in who.scope:
        raise Refused("refused.scope", f"device:{device_id}", 404)
    return {
        "device_id": row.id,
        "name": row.name,
        "created": aware(row.created),
        "revoked": aware(row.revoked),
        "learner_id": row.learner_id,
        "learner_name": row.learner_name,
        "unit_name": row.unit_name,
    }


@router.get("/devices/{device_id}/revoke")
async def revoke_form(device_id: str, request: Request, who: Signed, ctx: Context) -> Response:
    """The confirmation: whose device, and that it can no longer sync."""
    need(who, "names")
    found = await run_in_threadpool(_device, ctx, who, device_id)
    if found["revoked"] is not None:
        return redirect(f"/learners/{found['learner_id']}")
    return render(request, "device_revoke.html", who, d=found)


@router.post("/devices/{device_id}/revoke")
async def revoke(device_id: str, request: Request, who: Signed, ctx: Context) -> Response:
    form = await posted(request, who)
    need(who, "names")
    found = await run_in_threadpool(_device, ctx, who, device_id)
    if form.get("confirm") != "yes":
        # Never revoked without the confirmation page's own button.
        return redirect(f"/devices/{found['device_id']}/revoke")

    def work() -> None:
        with ctx.db.write() as session:
            admin.revoke_device(session, who.name, found["device_id"])

    await run_in_threadpool(work)
    return redirect(f"/learners/{found['learner_id']}")


def _audit_refused(
    ctx: ServerContext,
    who: Admin,
    action: str,
    file: str,
    error: Exception,
    reason: reasons.Reason,
) -> None:
    """A refused upload, audited with the server's English and with the code and values
    the refusal is worded by, so the audit page words it in the reader's language."""
    audit(
        ctx,
        who,
        action,
        f"file:{file}",
        reason=str(error),
        reason_id=reason.message_id,
        reason_values=reason.values,
    )


def _storable_name(name: str) -> bool:
    """Whether the file system takes the name as it is: not a NUL character, nor
    letters it cannot encode, nor a name longer than a folder entry may be."""
    if name in ("", ".", "..") or "\0" in name:
        return False
    try:
        return len(os.fsencode(name)) <= 200
    except UnicodeError:
        return False


async def _upload(form, field: str) -> Path | None:
    """The uploaded file saved under its own name in a new temporary folder (so the
    verifier's messages name the file the admin chose)."""
    upload = form.get(field)
    if not isinstance(upload, UploadFile) or not upload.filename:
        return None
    folder = Path(tempfile.mkdtemp(prefix="hocvu-upload-"))
    name = Path(upload.filename.replace("\\", "/")).name
    path = folder / (name if _storable_name(name) else "upload")
    size = 0
    with open(path, "wb") as out:
        while chunk := await upload.read(1 << 20):
            size += len(chunk)
            if size > MAX_UPLOAD:
                break
            out.write(chunk)
    if size > MAX_UPLOAD:
        shutil.rmtree(folder, ignore_errors=True)
        raise Refused("upload.too_big", None, 413)
    return path


@router.post("/packs")
async def upload_pack(request: Request, who: Signed, ctx: Context) -> Response:
    form = await posted(request, who)
    need(who, "upload-pack")
    path = await _upload(form, "pack")
    if path is None:
        return render(
            request,
            "message.html",
            who,
            status=400,
            heading="packs.upload",
            message="upload.missing",
            detail=None,
        )
    try:
        added = await run_in_threadpool(
            admin.add_pack, ctx.db, who.name, path, ctx.settings.data_dir, ctx.roots
        )
    except (PackRefused, admin.AdminError) as error:
        reason = reasons.of_error(error)
        _audit_refused(ctx, who, "add-pack-refused", path.name, error, reason)
        if reason.where == path.name:
            reason = replace(reason, where=None)
        english = str(error) if str(error).startswith(path.name) else f"{path.name}: {error}"
        return render(
            request,
            "message.html",
            who,
            status=400,
            heading="packs.upload",
            message="packs.refused",
            values={"name": path.name},
            reason=replace(reason, english=english),
            detail=None,
        )
    finally:
        shutil.rmtree(path.parent, ignore_errors=True)
    return render(
        request,
        "message.html",
        who,
        heading="packs.upload",
        message="packs.added",
        detail=f"{added.pack_id} v{added.version}",
        ok=True,
    )


# The faults of a refused enrolment sheet shown at once, and how much of a value each
# repeats: a sheet of thousands of bad lines must not come back as megabytes.
SHOWN_FAULTS, SHOWN_VALUE = 100, 80


def _shown(fault: admin.CsvFault) -> admin.CsvFault:
    values = {
        key: value[:SHOWN_VALUE] + "…" if isinstance(value, str) and len(value) > SHOWN_VALUE
        else value
        for key, value in fault.values.items()
    }  # fmt: skip
    return replace(fault, values=values)


async def _enrol_page(request, who, ctx, errors: list[admin.CsvFault] | None = None) -> Response:
    units = await run_in_threadpool(_units, ctx, who)
    status = 400 if errors else 200
    shown = [_shown(fault) for fault in errors[:SHOWN_FAULTS]] if errors else errors
    return render(request, "enrol.html", who, status=status, units=units, errors=shown)


@router.get("/enrol")
async def enrol_form(request: Request, who: Signed, ctx: Context) -> Response:
    need(who, "enrol")
    return await _enrol_page(request, who, ctx)


@router.post("/enrol")
async def enrol(request: Request, who: Signed, ctx: Context) -> Response:
    form = await posted(request, who)
    need(who, "enrol")
    upload = form.get("file")
    raw = await upload.read() if isinstance(upload, UploadFile) else b""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return await _enrol_page(request, who, ctx, [admin.CsvFault(0, "not_utf8", {})])

    def work():
        with ctx.db.write() as session:
            rows = admin.parse_enrolment_csv(session, text, set(who.scope))
            return admin.enrol_in_bulk(session, who.name, rows, CODE_DAYS)

    try:
        made = await run_in_threadpool(work)
    except admin.EnrolmentCsvRefused as refused:
        return await _enrol_page(request, who, ctx, refused.errors)
    # The codes are shown on this page only; the server keeps their hashes.
    sheet = exports.to_csv(
        Table(
            ["name", "staff_ref", "unit", "learner_id", "code"],
            [(m.name, m.staff_ref or "", m.unit_name, m.learner_id, m.code) for m in made],
        )
    ).decode("utf-8-sig")
    return render(request, "enrol_done.html", who, made=made, sheet=sheet, days=CODE_DAYS)


@router.post("/enrol/codes.csv")
async def enrol_codes(request: Request, who: Signed, ctx: Context) -> Response:
    form = await posted(request, who)
    need(who, "enrol")
    sheet = str(form.get("sheet") or "")
    audit(ctx, who, "download-codes", None, lines=max(sheet.count("\n") - 1, 0))
    return download(
        ("\ufeff" + sheet).encode("utf-8"), "enrolment-codes.csv", "text/csv; charset=utf-8"
    )


@router.get("/bundles")
async def bundles_form(request: Request, who: Signed) -> Response:
    need(who, "bundles")
    return render(request, "bundles.html", who, done=None, error=None)


@router.post("/bundles")
async def bundles(request: Request, who: Signed, ctx: Context) -> Response:
    form = await posted(request, who)
    need(who, "bundles")
    upload = form.get("bundle")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return render(request, "bundles.html", who, status=400, done=None, error="upload.missing")
    data = await upload.read()
    name = Path(upload.filename).name

    def outside_scope() -> bool:
        # The bundle's learner must be in scope: the device's learner for a known
        # device, the one-time code's learner for a bundle that enrols a new device.
        from sync.bundle import open_sealed

        sealed = open_sealed(data, name)
        try:
            device_id = str(uuid.UUID(str(sealed.header.get("device_id"))))
        except ValueError:
            return False
        with ctx.db.read() as session:
            unit = session.scalar(
                select(Learner.unit_id)
                .join(Device, Device.learner_id == Learner.id)
                .where(Device.id == device_id)
            )
            if unit is None and sealed.header.get("enrolment"):
                request = sealed.decrypt(ctx.keys.bundle, name).get("enrolment") or {}
                unit = session.scalar(
                    select(Learner.unit_id)
                    .join(EnrolmentCode, EnrolmentCode.learner_id == Learner.id)
                    .where(EnrolmentCode.code_hash == code_hash(str(request.get("code", ""))))
                )
        return unit is not None and unit not in who.scope

    try:
        if await run_in_threadpool(outside_scope):
            raise Refused("refused.scope", f"bundle:{name}", 404)
        done = await run_in_threadpool(import_bundle, ctx, data, who.name, name)
    except BundleRefused as refused:
        worded = reasons.of_bundle(refused)
        _audit_refused(ctx, who, "import-bundle-refused", name, refused, worded)
        return render(
            request,
            "bundles.html",
            who,
            status=400,
            done=None,
            error="bundles.refused",
            reason=worded,
        )
    return render(request, "bundles.html", who, done=done, name=name, error=None)


def _revoked(ctx: ServerContext, who: Admin) -> list[dict]:
    """The newest revocations of the admin's scope."""
    with ctx.db.read() as session:
        rows = session.execute(
            select(
                Certificate.learner_id,
                Learner.name,
                Certificate.level,
                Certificate.revoked_at,
                Certificate.revoked_reason,
            )
            .join(Learner, Learner.id == Certificate.learner_id)
            .where(Certificate.revoked_at.is_not(None), Learner.unit_id.in_(who.scope))
            .order_by(Certificate.revoked_at.desc())
            .limit(50)
        ).all()
    return [
        {
            "learner_id": r.learner_id,
            "name": r.name,
            "level": r.level,
            "revoked_at": aware(r.revoked_at),
            "reason": r.revoked_reason,
        }
        for r in rows
    ]


@router.get("/certificates")
async def certificates(request: Request, who: Signed, ctx: Context) -> Response:
    need(who, "certificates")
    revoked = await run_in_threadpool(_revoked, ctx, who)
    return render(request, "certificates.html", who, verdict=None, revoked=revoked)


def _certificate(ctx: ServerContext, who: Admin, certificate_id: str, lang: str = "vi") -> dict:
    """A certificate of the admin's scope, for the confirmation page; outside the
    scope it is as unknown as a missing one (404, audited)."""
    with ctx.db.read() as session:
        try:
            c = find_certificate(session, certificate_id, who.scope)
        except admin.AdminError:
            raise Refused("refused.scope", f"certificate:{certificate_id}", 404) from None
        name = session.scalar(select(Learner.name).where(Learner.id == c.learner_id))
        return {
            "id": c.id,
            "learner_id": c.learner_id,
            "name": name,
            "level": c.level,
            "pack_id": c.pack_id,
            "pack_title": Titles.load(session, None).pack(c.pack_id, lang),
            "issued": aware(c.issued),
            "revoked_at": aware(c.revoked_at),
            "revoked_reason": c.revoked_reason,
        }


@router.get("/certificates/revoke")
async def revoke_certificate_lookup(request: Request, who: Signed, ctx: Context) -> Response:
    need(who, "certificates")
    need(who, "names")
    found = await run_in_threadpool(_certificate, ctx, who, request.query_params.get("id", ""))
    return redirect(f"/certificates/{found['id']}/revoke")


@router.get("/certificates/{certificate_id}/revoke")
async def revoke_certificate_form(
    certificate_id: str, request: Request, who: Signed, ctx: Context
) -> Response:
    """The confirmation: what will be revoked, for whom, and a reason to give."""
    need(who, "certificates")
    need(who, "names")
    found = await run_in_threadpool(_certificate, ctx, who, certificate_id, language(request))
    return render(request, "certificate_revoke.html", who, c=found, reason=None)


@router.post("/certificates/{certificate_id}/revoke")
async def revoke_certificate_action(
    certificate_id: str, request: Request, who: Signed, ctx: Context
) -> Response:
    form = await posted(request, who)
    need(who, "certificates")
    need(who, "names")
    found = await run_in_threadpool(_certificate, ctx, who, certificate_id)
    if form.get("confirm") != "yes":
        # Never revoked without the confirmation page's own button.
        return redirect(f"/certificates/{found['id']}/revoke")
    reason = str(form.get("reason") or "")

    def work() -> None:
        with ctx.db.write() as session:
            revoke_certificate(session, who.name, found["id"], reason, who.scope)

    try:
        await run_in_threadpool(work)
    except admin.AdminError as error:
        found = await run_in_threadpool(_certificate, ctx, who, certificate_id, language(request))
        return render(
            request,
            "certificate_revoke.html",
            who,
            status=400,
            c=found,
            reason=reasons.of_admin_error(error),
        )
    return redirect(f"/learners/{found['learner_id']}")


@router.post("/certificates/verify")
async def verify(request: Request, who: Signed, ctx: Context) -> Response:
    form = await posted(request, who)
    need(who, "certificates")
    text = str(form.get("document") or "")
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        text = (await upload.read()).decode("utf-8", "replace")
    try:
        body = verify_certificate(text, ctx.keys.signing.public_key())
        verdict = ("valid", body)
        with ctx.db.read() as session:
            try:
                row = find_certificate(session, str(body.get("id", "")))
            except admin.AdminError:
                row = None
            if row is not None and row.revoked_at is not None:
                verdict = (
                    "revoked",
                    {"revoked_at": aware(row.revoked_at), "revoked_reason": row.revoked_reason},
                )
    except CertificateInvalid as invalid:
        verdict = ("invalid", reasons.of_certificate(invalid))
    audit(ctx, who, "verify-certificate", None, result=verdict[0])
    revoked = await run_in_threadpool(_revoked, ctx, who)
    titles = await run_in_threadpool(in_session, ctx, lambda session: Titles.load(session, None))
    lang = language(request)
    return render(
        request,
        "certificates.html",
        who,
        verdict=verdict,
        revoked=revoked,
        pack_title=lambda pack_id: titles.pack(pack_id, lang),
    )
