"""What an administrator can do, as plain functions over a session (DESIGN section 7).

`hocvu admin` calls them today and the dashboard will later; each one writes an
audit entry in the same transaction as its change, so the log and the data never
disagree.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import secrets
import tempfile
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id
from sqlalchemy import select
from sqlalchemy.orm import Session

from content import trust as content_trust
from content.errors import PackRefused
from content.verify import verify_pack
from sync.problems import Problem, Refusal
from sync.server import enrolment
from sync.server.auth import secret_hash
from sync.server.db import Database, now
from sync.server.derived import progress
from sync.server.models import (
    AdminAccount,
    Assignment,
    AuditEntry,
    Device,
    Learner,
    Pack,
    TrustDocument,
    Unit,
    XapiClient,
)

UNIT_KINDS = ("ministry", "department", "mission")
# ministry_admin: the whole subtree of their unit; unit_admin: likewise, the
# usual account of a department or mission; trainer: numbers and item analysis,
# never a learner's name or id (DESIGN section 7).
ROLES = ("ministry_admin", "unit_admin", "trainer")


class AdminError(Refusal):
    """An admin action that cannot be done: its `problem` code (`admin.*`) and values,
    and the English `detail` that says why and what to do, for the command line."""


def audit(session: Session, actor: str, action: str, target: str | None, **detail: Any) -> None:
    session.add(
        AuditEntry(
            at=now(),
            actor=actor,
            action=action,
            target=target,
            detail=json.dumps(detail, ensure_ascii=False, sort_keys=True, default=str)
            if detail
            else None,
        )
    )


def create_unit(session: Session, actor: str, name: str, kind: str, parent_id: int | None) -> Unit:
    if kind not in UNIT_KINDS:
        raise AdminError(
            Problem.ADMIN_UNIT_KIND,
            f"unit kind {kind!r}: choose one of {', '.join(UNIT_KINDS)}",
            kind=kind,
        )
    if parent_id is None:
        if kind != "ministry":
            raise AdminError(
                Problem.ADMIN_PARENT_NEEDED,
                "only the ministry has no parent; give --parent UNIT-ID",
            )
    elif session.get(Unit, parent_id) is None:
        raise AdminError(
            Problem.ADMIN_NO_UNIT,
            f"no unit {parent_id}; see `hocvu admin list-units`",
            unit=parent_id,
        )
    unit = Unit(name=name, kind=kind, parent_id=parent_id, created=now())
    session.add(unit)
    session.flush()
    audit(session, actor, "create-unit", f"unit:{unit.id}", name=name, kind=kind, parent=parent_id)
    return unit


def _unit(session: Session, unit_id: int) -> Unit:
    unit = session.get(Unit, unit_id)
    if unit is None:
        raise AdminError(
            Problem.ADMIN_NO_UNIT, f"no unit {unit_id}; see `hocvu admin list-units`", unit=unit_id
        )
    return unit


def create_learner(
    session: Session, actor: str, name: str, unit_id: int, staff_ref: str | None = None
) -> Learner:
    _unit(session, unit_id)
    learner = Learner(
        id=str(uuid.uuid4()), name=name, unit_id=unit_id, staff_ref=staff_ref, created=now()
    )
    session.add(learner)
    session.flush()
    audit(session, actor, "create-learner", f"learner:{learner.id}", unit=unit_id)
    return learner


def _learner(session: Session, learner_id: str) -> Learner:
    try:
        learner = session.get(Learner, str(uuid.UUID(learner_id)))
    except ValueError:
        learner = None
    if learner is None:
        raise AdminError(
            Problem.ADMIN_NO_LEARNER,
            f"no learner {learner_id}; see `hocvu admin list-learners`",
            learner=learner_id,
        )
    return learner


def create_enrolment_code(session: Session, actor: str, learner_id: str, days: int) -> str:
    learner = _learner(session, learner_id)
    if not 1 <= days <= 365:
        raise AdminError(Problem.ADMIN_CODE_DAYS, "a code is valid for 1 to 365 days")
    code = enrolment.create_code(session, learner.id, now(), days)
    # The code itself is never logged.
    audit(session, actor, "create-enrolment-code", f"learner:{learner.id}", days=days)
    return code


def hash_password(password: str) -> str:
    kdf = Argon2id(salt=os.urandom(16), length=32, iterations=3, lanes=1, memory_cost=64 * 1024)
    return kdf.derive_phc_encoded(password.encode())


def check_password(password: str, encoded: str) -> bool:
    try:
        Argon2id.verify_phc_encoded(password.encode(), encoded)
    except Exception:
        return False
    return True


def create_admin(
    session: Session, actor: str, username: str, password: str, role: str, unit_id: int
) -> AdminAccount:
    if role not in ROLES:
        raise AdminError(
            Problem.ADMIN_ROLE, f"role {role!r}: choose one of {', '.join(ROLES)}", role=role
        )
    if len(password) < 12:
        raise AdminError(
            Problem.ADMIN_PASSWORD_SHORT, "an admin password needs at least 12 characters"
        )
    _unit(session, unit_id)
    if session.scalar(select(AdminAccount).where(AdminAccount.username == username)):
        raise AdminError(
            Problem.ADMIN_EXISTS, f"an admin named {username!r} exists already", name=username
        )
    account = AdminAccount(
        username=username,
        password_hash=hash_password(password),
        role=role,
        unit_id=unit_id,
        created=now(),
        disabled=False,
    )
    session.add(account)
    session.flush()
    audit(session, actor, "create-admin", f"admin:{username}", role=role, unit=unit_id)
    return account


def revoke_device(session: Session, actor: str, device_id: str) -> Device:
    try:
        device = session.get(Device, str(uuid.UUID(device_id)))
    except ValueError:
        device = None
    if device is None:
        raise AdminError(
            Problem.ADMIN_NO_DEVICE,
            f"no device {device_id}; see `hocvu admin list-devices`",
            device=device_id,
        )
    if device.revoked is None:
        # The token's hash stays so that the device is told it was revoked.
        device.revoked = now()
    audit(session, actor, "revoke-device", f"device:{device.id}", learner=device.learner_id)
    return device


@dataclass(frozen=True)
class AddedPack:
    pack_id: str
    version: int
    sha256: str
    size: int
    warnings: list[str]


def add_pack(
    db: Database,
    actor: str,
    path: Path,
    data_dir: Path,
    roots: dict[str, Ed25519PublicKey],
    *,
    at: datetime | None = None,
) -> AddedPack:
    """Copy a pack into the data folder, verify the copy exactly as the app does, and
    publish it (adopting its trust list). The slow part (hashing every file) runs
    outside any write transaction, so devices keep syncing meanwhile."""
    with db.read() as session:
        known = _newest_trust(session, roots)
    folder = data_dir / "packs"
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".upload-", suffix=".hvpack")
    digest = hashlib.sha256()
    size = 0
    try:
        with os.fdopen(fd, "wb") as out, open(path, "rb") as source:
            while chunk := source.read(1 << 20):
                digest.update(chunk)
                out.write(chunk)
                size += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        # The copy is what gets verified and served: the original may change later.
        try:
            verified = verify_pack(Path(tmp), roots, known, at)
        except PackRefused as refused:
            where = path.name if refused.path == Path(tmp).name else refused.path
            raise PackRefused(where, refused.rule, refused.detail) from None
        name = f"{verified.pack_id}-v{verified.version}-{secrets.token_hex(4)}.hvpack"
        course_map = progress.pack_course_map(verified.manifest, verified.version, Path(tmp))
        with db.write() as session:
            if session.scalar(
                select(Pack.id).where(
                    Pack.pack_id == verified.pack_id, Pack.version == verified.version
                )
            ):
                raise AdminError(
                    Problem.ADMIN_PACK_EXISTS,
                    f"{verified.pack_id} version {verified.version} is already on the server",
                    pack=verified.pack_id,
                    version=verified.version,
                )
            os.replace(tmp, folder / name)
            exam = verified.manifest.get("exam") or {}
            session.add(
                Pack(
                    pack_id=verified.pack_id,
                    version=verified.version,
                    sha256=digest.hexdigest(),
                    size=size,
                    file=f"packs/{name}",
                    manifest=verified.manifest_bytes.decode(),
                    exam_level=exam.get("level") if isinstance(exam.get("level"), int) else None,
                    uploaded=now(),
                    course_map=course_map,
                )
            )
            _keep_trust(session, verified.trust)
            session.flush()
            # The course changed (new modules, a level's exam): every learner's
            # progress is derived again.
            progress.recompute_all(session)
            audit(
                session,
                actor,
                "add-pack",
                f"pack:{verified.pack_id}:{verified.version}",
                file=path.name,
                sha256=digest.hexdigest(),
            )
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    sha = digest.hexdigest()
    return AddedPack(verified.pack_id, verified.version, sha, size, verified.warnings)


def _newest_trust(session: Session, roots) -> content_trust.TrustList | None:
    body = session.scalar(
        select(TrustDocument.body).order_by(TrustDocument.version.desc()).limit(1)
    )
    return None if body is None else content_trust.parse(bytes(body), roots, "server trust.json")


def _keep_trust(session: Session, offered: content_trust.TrustList) -> bool:
    if session.get(TrustDocument, offered.version) is not None:
        return False
    session.add(TrustDocument(version=offered.version, body=offered.to_bytes(), added=now()))
    return True


def set_trust(
    session: Session, actor: str, data: bytes, roots: dict[str, Ed25519PublicKey]
) -> content_trust.TrustList:
    offered = content_trust.parse(data, roots, "trust.json")
    current = _newest_trust(session, roots)
    if current is not None and offered.version < current.version:
        raise AdminError(
            Problem.ADMIN_TRUST_OLDER,
            f"trust list version {offered.version} is older than the server's "
            f"{current.version}; a trust list never goes back",
            version=offered.version,
            current=current.version,
        )
    _keep_trust(session, offered)
    session.flush()
    audit(session, actor, "set-trust", f"trust:{offered.version}")
    return offered


def assign(
    session: Session, actor: str, pack_id: str, unit_id: int, due: date | None
) -> Assignment:
    _unit(session, unit_id)
    if not session.scalar(select(Pack.id).where(Pack.pack_id == pack_id).limit(1)):
        raise AdminError(
            Problem.ADMIN_NO_PACK,
            f"no pack {pack_id} on the server; add it with `hocvu admin add-pack`",
            pack=pack_id,
        )
    existing = session.scalar(
        select(Assignment).where(Assignment.pack_id == pack_id, Assignment.unit_id == unit_id)
    )
    if existing is not None:
        existing.due = due
        assignment = existing
    else:
        assignment = Assignment(pack_id=pack_id, unit_id=unit_id, due=due, created=now())
        session.add(assignment)
        session.flush()
    audit(session, actor, "assign", f"pack:{pack_id}", unit=unit_id, due=due)
    return assignment


def add_xapi_client(session: Session, actor: str, name: str, unit_id: int) -> tuple[str, str]:
    """Credentials for an xAPI tool: (key, secret). Only the secret's hash is kept."""
    _unit(session, unit_id)
    if session.scalar(select(XapiClient.id).where(XapiClient.name == name)):
        raise AdminError(
            Problem.ADMIN_CLIENT_EXISTS, f"an xAPI client named {name!r} exists already", name=name
        )
    key = secrets.token_hex(12)
    secret = secrets.token_urlsafe(24)
    session.add(
        XapiClient(
            name=name, key=key, secret_hash=secret_hash(secret), unit_id=unit_id, created=now()
        )
    )
    audit(session, actor, "add-xapi-client", f"xapi:{name}", unit=unit_id)
    return key, secret


# What each role may do in the dashboard. "names" covers anything that names or
# identifies a learner (learner pages, their exports, enrolment, bundles, devices);
# "attempts" is deciding held exam attempts (sync.server.grading).
PERMISSIONS: dict[str, frozenset[str]] = {
    "ministry_admin": frozenset(
        {
            "overview",
            "items",
            "packs",
            "upload-pack",
            "names",
            "assign",
            "enrol",
            "bundles",
            "certificates",
            "attempts",
            "audit",
        }
    ),
    "unit_admin": frozenset(
        {
            "overview",
            "items",
            "packs",
            "names",
            "assign",
            "enrol",
            "bundles",
            "certificates",
            "attempts",
        }
    ),
    "trainer": frozenset({"overview", "items", "packs", "upload-pack"}),
}


def can(role: str, action: str) -> bool:
    return action in PERMISSIONS.get(role, frozenset())


def unassign(session: Session, actor: str, assignment_id: int) -> Assignment:
    assignment = session.get(Assignment, assignment_id)
    if assignment is None:
        raise AdminError(
            Problem.ADMIN_NO_ASSIGNMENT,
            f"no assignment {assignment_id}; it may have been removed already",
            assignment=assignment_id,
        )
    session.delete(assignment)
    audit(session, actor, "unassign", f"pack:{assignment.pack_id}", unit=assignment.unit_id)
    return assignment


@dataclass(frozen=True)
class EnrolRow:
    """One line of an enrolment CSV, checked: the learner to create and their unit."""

    line: int
    name: str
    staff_ref: str | None
    unit_id: int


@dataclass(frozen=True)
class NewLearnerCode:
    learner_id: str
    name: str
    staff_ref: str | None
    unit_name: str
    code: str


# Each fault of an enrolment CSV: an id (the dashboard translates it) and the English
# sentence, with the same placeholders.
CSV_FAULTS = {
    "header": "the header lacks {missing}; use: name,staff_ref,unit",
    "empty_name": "the name is empty",
    "long_name": "the name is longer than 200 characters",
    "repeated_ref": "staff_ref {ref} repeats line {first}",
    "ambiguous_unit": "several units are named {unit!r}; use its id",
    "unknown_unit": "no unit {unit!r} within your scope",
    "no_rows": "the file has no learners under its header",
    "not_utf8": "the file is not UTF-8 text; save it as CSV UTF-8",
}


@dataclass(frozen=True)
class CsvFault:
    """What is wrong with one line of an enrolment CSV (line 0: the whole file)."""

    line: int
    fault: str
    values: dict[str, Any]

    def __str__(self) -> str:
        text = CSV_FAULTS[self.fault].format(**self.values)
        return f"line {self.line}: {text}" if self.line else text


class EnrolmentCsvRefused(AdminError):
    """An enrolment CSV with faults; `errors` names each line and what is wrong."""

    def __init__(self, errors: list[CsvFault]) -> None:
        self.errors = errors
        super().__init__(Problem.ADMIN_CSV_INVALID, "; ".join(map(str, errors)))


def parse_enrolment_csv(session: Session, text: str, allowed_units: set[int]) -> list[EnrolRow]:
    """Check every line of an enrolment CSV (columns name, staff_ref, unit — a unit id
    or an exact unit name) against the units the admin may enrol into. Any fault
    refuses the whole file, so nothing is ever half-created."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in ("name", "unit") if c not in header]
    if missing:
        raise EnrolmentCsvRefused([CsvFault(1, "header", {"missing": ", ".join(missing)})])
    units = session.execute(select(Unit.id, Unit.name).where(Unit.id.in_(allowed_units))).all()
    by_name: dict[str, list[int]] = {}
    for unit_id, unit_name in units:
        by_name.setdefault(unit_name.strip().casefold(), []).append(unit_id)
    rows: list[EnrolRow] = []
    errors: list[CsvFault] = []
    seen_refs: dict[str, int] = {}
    for number, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        name, ref, unit_text = (
            row.get("name", ""),
            row.get("staff_ref") or None,
            row.get("unit", ""),
        )
        if not any(row.values()):
            continue
        fault: tuple[str, dict[str, Any]] | None = None
        unit_id: int | None = None
        if not name:
            fault = ("empty_name", {})
        elif len(name) > 200:
            fault = ("long_name", {})
        elif ref and ref in seen_refs:
            fault = ("repeated_ref", {"ref": ref, "first": seen_refs[ref]})
        # ASCII digits of an id's length: isdigit() also takes "²", which int() refuses,
        # and int() refuses more than 4,300 digits.
        elif (
            unit_text.isascii()
            and unit_text.isdigit()
            and len(unit_text) <= 18
            and int(unit_text) in allowed_units
        ):
            unit_id = int(unit_text)
        else:
            matches = by_name.get(unit_text.casefold(), [])
            if len(matches) == 1:
                unit_id = matches[0]
            elif matches:
                fault = ("ambiguous_unit", {"unit": unit_text})
            else:
                fault = ("unknown_unit", {"unit": unit_text})
        if fault is not None or unit_id is None:
            errors.append(CsvFault(number, *(fault or ("unknown_unit", {"unit": unit_text}))))
            continue
        if ref:
            seen_refs[ref] = number
        rows.append(EnrolRow(number, name, ref, unit_id))
    if not rows and not errors:
        errors.append(CsvFault(0, "no_rows", {}))
    if errors:
        raise EnrolmentCsvRefused(errors)
    return rows


def enrol_in_bulk(
    session: Session, actor: str, rows: list[EnrolRow], days: int
) -> list[NewLearnerCode]:
    """Learners and one-time codes for checked rows, in the caller's transaction."""
    names = dict(session.execute(select(Unit.id, Unit.name)).all())
    made = []
    for row in rows:
        learner = create_learner(session, actor, row.name, row.unit_id, row.staff_ref)
        code = create_enrolment_code(session, actor, learner.id, days)
        made.append(NewLearnerCode(learner.id, row.name, row.staff_ref, names[row.unit_id], code))
    audit(session, actor, "enrol-csv", None, learners=len(made))
    return made
