"""Importing statement bundles and exporting return bundles (server side).

Import: the signature is checked against the device's registered key (or, for a
device that enrols through this bundle, the key inside the encrypted payload once
its one-time code has been accepted), then the statements go through the same
ingest path as a push. Importing a bundle again stores nothing new.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select

from content import keys as content_keys
from sync.bundle import BundleRefused, SealedBundle, open_sealed, write_return_bundle
from sync.problems import Problem
from sync.server.admin import audit
from sync.server.context import ServerContext
from sync.server.db import now
from sync.server.enrolment import EnrolmentRefused, enrol, record_failure
from sync.server.ingest import (
    ForeignStatements,
    IngestResult,
    check_actors,
    learner_profiles,
    prepare,
    store,
)
from sync.server.models import Certificate, Device, Learner, Pack, Statement
from sync.server.revocations import revocation_list
from sync.server.routes.packs import catalog_for_unit
from sync.server.routes.trust import newest_trust


@dataclass
class BundleImport:
    device_id: str
    learner_id: str
    enrolled: bool
    result: IngestResult


class _EnrolFailed(Exception):
    def __init__(self, refused: EnrolmentRefused, code: str) -> None:
        self.refused = refused
        self.code = code


def import_bundle(ctx: ServerContext, data: bytes, actor: str, where: str) -> BundleImport:
    sealed = open_sealed(data, where)
    try:
        device_id = str(uuid.UUID(str(sealed.header.get("device_id"))))
        profile_id = str(uuid.UUID(str(sealed.header.get("profile_id"))))
    except ValueError:
        raise BundleRefused(
            where, Problem.BUNDLE_HEADER, "the header's device or profile id is not a UUID"
        ) from None
    moment = now()
    try:
        return _import(ctx, sealed, device_id, profile_id, actor, where, moment)
    except _EnrolFailed as failed:
        # Counted in a transaction of its own: the import's was rolled back.
        if failed.refused.counts:
            with ctx.db.write() as session:
                record_failure(session, ctx.settings, None, failed.code, moment)
        raise BundleRefused(
            where,
            failed.refused.problem,
            f"the enrolment was refused: {failed.refused.detail}",
            **failed.refused.values,
        ) from None


def _import(
    ctx: ServerContext,
    sealed: SealedBundle,
    device_id: str,
    profile_id: str,
    actor: str,
    where: str,
    moment: datetime,
) -> BundleImport:
    header = sealed.header
    with ctx.db.write() as session:
        device = session.get(Device, device_id)
        enrolled = False
        if device is not None:
            if device.revoked is not None:
                raise BundleRefused(
                    where,
                    Problem.BUNDLE_DEVICE_REVOKED,
                    f"device {device_id} was revoked; nothing imported",
                    device=device_id,
                )
            if not sealed.signed_by(content_keys.public_from_b64(device.public_key)):
                raise BundleRefused(
                    where,
                    Problem.BUNDLE_SIGNATURE_DEVICE,
                    f"the signature does not verify with device {device_id}'s registered key: "
                    "the bundle was changed after export, or another device made it",
                    device=device_id,
                )
            payload = sealed.decrypt(ctx.keys.bundle, where)
            learner_id = device.learner_id
        else:
            if not header.get("enrolment"):
                raise BundleRefused(
                    where,
                    Problem.BUNDLE_NOT_ENROLLED,
                    f"device {device_id} is not enrolled and the bundle carries no enrolment "
                    "code; export it again after entering the code in the app",
                    device=device_id,
                )
            try:
                claimed = content_keys.public_from_b64(str(header.get("device_public_key")))
            except ValueError:
                raise BundleRefused(
                    where, Problem.BUNDLE_HEADER, "the header's device key is not valid"
                ) from None
            if not sealed.signed_by(claimed):
                raise BundleRefused(
                    where,
                    Problem.BUNDLE_SIGNATURE,
                    "the signature does not verify: the bundle was changed after export",
                )
            payload = sealed.decrypt(ctx.keys.bundle, where)
            request = payload.get("enrolment") or {}
            if request.get("device_public_key") != header.get("device_public_key"):
                raise BundleRefused(
                    where,
                    Problem.BUNDLE_ENROLMENT_KEY,
                    "the enrolment inside names another device key",
                )
            code = str(request.get("code", ""))
            try:
                done = enrol(
                    session,
                    ctx.settings,
                    code=code,
                    device_name=str(request.get("device_name") or "offline device"),
                    public_key=str(header["device_public_key"]),
                    profile_id=profile_id,
                    device_id=device_id,
                    source=None,
                    now=moment,
                )
            except EnrolmentRefused as refused:
                raise _EnrolFailed(refused, code) from None
            # The device token enrolment made is not handed out: the device is offline.
            # It can enrol online later with a new code.
            learner_id = done.learner_id
            enrolled = True
        prepared, errors = prepare(payload["statements"])
        profiles = learner_profiles(session, learner_id)
        try:
            check_actors(prepared, profiles)
        except ForeignStatements as exc:
            raise BundleRefused(where, exc.problem, str(exc), **exc.values) from None
        result = store(
            session,
            prepared,
            learner_of=dict.fromkeys(profiles, learner_id),
            device_id=device_id,
            xapi_client_id=None,
            now=moment,
            grader=ctx.grader,
        )
        result.errors = errors
        audit(
            session,
            actor,
            "import-bundle",
            f"device:{device_id}",
            file=where,
            accepted=len(result.accepted),
            duplicates=len(result.duplicates),
            conflicts=len(result.conflicts),
            errors=len(result.errors),
            enrolled=enrolled,
        )
    return BundleImport(device_id, learner_id, enrolled, result)


def export_return_bundle(ctx: ServerContext, learner_id: str, out: Path, actor: str) -> dict:
    """Write the return bundle for a learner: the packs assigned to their unit with
    the due dates (what the online catalog gives a device), trust, certificates, the
    signed revocation list and every statement the server holds for them. Returns a
    summary."""
    with ctx.db.write() as session:
        learner = session.get(Learner, learner_id)
        if learner is None:
            raise BundleRefused(
                out.name, Problem.BUNDLE_NO_LEARNER, f"no learner {learner_id}", learner=learner_id
            )
        entries = catalog_for_unit(session, learner.unit_id)
        pack_files = []
        for entry in entries:
            file = session.scalar(
                select(Pack.file).where(Pack.pack_id == entry.id, Pack.version == entry.version)
            )
            pack_files.append(ctx.settings.data_dir / file)
        trust = newest_trust(session)
        certificates = [
            json.loads(d)
            for d in session.scalars(
                select(Certificate.document).where(Certificate.learner_id == learner_id)
            )
        ]
        statements = [
            json.loads(body)
            for body in session.scalars(
                select(Statement.body)
                .where(Statement.learner_id == learner_id)
                .order_by(Statement.seq)
            )
        ]
        profiles = sorted(learner_profiles(session, learner_id))
        revocations = revocation_list(session, ctx.keys.signing)
        assignments = [
            {"pack_id": e.id, "version": e.version, "due": e.due.isoformat() if e.due else None}
            for e in entries
        ]
        write_return_bundle(
            out,
            server_key=ctx.keys.signing,
            learner_id=learner_id,
            profile_ids=profiles,
            trust=bytes(trust) if trust is not None else None,
            certificates=certificates,
            statements=statements,
            packs=pack_files,
            assignments=assignments,
            revocations=revocations,
        )
        audit(
            session,
            actor,
            "export-return-bundle",
            f"learner:{learner_id}",
            file=out.name,
            packs=len(pack_files),
            assignments=len(assignments),
            certificates=len(certificates),
            statements=len(statements),
            revocations=revocations["revocations"]["version"],
        )
    return {
        "packs": [f"{e.id} v{e.version}" for e in entries],
        "assignments": assignments,
        "certificates": len(certificates),
        "statements": len(statements),
        "revocations": revocations["revocations"]["version"],
    }
