"""`hocvu admin`: the administrator's commands against the server's database.

Every command that changes something writes an audit entry (actor `cli:<user>`).
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from datetime import date
from pathlib import Path

from sync.problems import Problem

DESCRIPTION = """Administer the ministry server (run on the server machine).

  hocvu admin add-unit "Bộ Ngoại giao" --kind ministry
  hocvu admin add-unit "Đại sứ quán tại Tokyo" --kind mission --parent 1
  hocvu admin add-learner "Nguyễn Văn A" --unit 2
  hocvu admin enrolment-code LEARNER-ID            # one-time, 14 days
  hocvu admin server-keys -o server-keys.json      # hand out with codes for offline missions
  hocvu admin add-pack level1.hvpack
  hocvu admin assign --pack vn.mofa.dl.l1 --unit 1 --due 2027-06-30
  hocvu admin import-bundle mission.hvsync
  hocvu admin export-bundle --learner LEARNER-ID -o return.hvsync
  hocvu admin report overview --unit 1             # certified shares, trend, units behind
  hocvu admin report learners --unit 2 --format xlsx -o learners.xlsx
  hocvu admin export-certificates --unit 1 -o certificates.json
  hocvu admin revoke-certificate CERTIFICATE-ID --reason "exam taken by another person"
  hocvu admin verify-cert certificate.json [--revocations revocations.json]
  hocvu admin held-attempts --unit 2                # exam attempts held for a decision
  hocvu admin release-attempt REGISTRATION         # or: reject-attempt REGISTRATION --reason …

Use the same --data-dir/--database-url as `hocvu server`.
"""


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _context(args):
    from sync.server.context import ServerContext, ServerSettings

    passphrase = None
    if args.key_passphrase_env:
        passphrase = os.environ.get(args.key_passphrase_env)
    settings = ServerSettings(
        data_dir=Path(args.data_dir).resolve(),
        database_url=args.database_url,
        key_passphrase=passphrase,
    )
    ctx = ServerContext(settings)
    ctx.db.migrate()
    return ctx


def cmd_add_unit(args, ctx) -> int:
    from sync.server import admin

    with ctx.db.write() as session:
        unit = admin.create_unit(session, _actor(), args.name, args.kind, args.parent)
        print(f"unit {unit.id}: {unit.name} ({unit.kind})")
    return 0


def cmd_list_units(args, ctx) -> int:
    from sqlalchemy import select

    from sync.server.models import Unit

    with ctx.db.read() as session:
        units = session.scalars(select(Unit).order_by(Unit.id)).all()
    children: dict[int | None, list] = {}
    for unit in units:
        children.setdefault(unit.parent_id, []).append(unit)

    def show(parent: int | None, depth: int) -> None:
        for unit in children.get(parent, []):
            print(f"{'  ' * depth}{unit.id}  {unit.name} ({unit.kind})")
            show(unit.id, depth + 1)

    show(None, 0)
    return 0


def cmd_add_learner(args, ctx) -> int:
    from sync.server import admin

    with ctx.db.write() as session:
        learner = admin.create_learner(session, _actor(), args.name, args.unit, args.staff_ref)
        print(f"learner {learner.id}: {learner.name}")
    return 0


def cmd_list_learners(args, ctx) -> int:
    from sqlalchemy import select

    from sync.server.models import Learner

    with ctx.db.read() as session:
        query = select(Learner).order_by(Learner.name)
        if args.unit is not None:
            query = query.where(Learner.unit_id == args.unit)
        for learner in session.scalars(query):
            print(f"{learner.id}  unit {learner.unit_id}  {learner.name}")
    return 0


def cmd_enrolment_code(args, ctx) -> int:
    from sync.server import admin

    with ctx.db.write() as session:
        code = admin.create_enrolment_code(session, _actor(), args.learner, args.days)
    print(code)
    print(f"(one use, valid {args.days} days; the server keeps only its hash)", file=sys.stderr)
    return 0


def cmd_add_admin(args, ctx) -> int:
    from content.passphrase import ask
    from sync.server import admin

    password = ask(args.password_env, f"Password for {args.username}: ", confirm=True)
    with ctx.db.write() as session:
        admin.create_admin(session, _actor(), args.username, password, args.role, args.unit)
    print(f"admin {args.username}: {args.role} of unit {args.unit}")
    return 0


def cmd_list_devices(args, ctx) -> int:
    from sqlalchemy import select

    from sync.server.models import Device

    with ctx.db.read() as session:
        query = select(Device).order_by(Device.created)
        if args.learner:
            query = query.where(Device.learner_id == args.learner)
        for device in session.scalars(query):
            state = "revoked" if device.revoked else "active"
            print(f"{device.id}  {state:<7}  learner {device.learner_id}  {device.name}")
    return 0


def cmd_revoke_device(args, ctx) -> int:
    from sync.server import admin

    with ctx.db.write() as session:
        device = admin.revoke_device(session, _actor(), args.device)
    print(f"device {device.id} revoked; its token no longer works")
    return 0


def cmd_add_pack(args, ctx) -> int:
    from sync.server import admin

    added = admin.add_pack(ctx.db, _actor(), Path(args.file), ctx.settings.data_dir, ctx.roots)
    for warning in added.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"pack {added.pack_id} version {added.version} ({added.size} bytes) added")
    return 0


def cmd_assign(args, ctx) -> int:
    from sync.server import admin

    due = date.fromisoformat(args.due) if args.due else None
    with ctx.db.write() as session:
        admin.assign(session, _actor(), args.pack, args.unit, due)
    print(f"{args.pack} assigned to unit {args.unit}" + (f", due {due}" if due else ""))
    return 0


def cmd_set_trust(args, ctx) -> int:
    from sync.server import admin

    with ctx.db.write() as session:
        offered = admin.set_trust(session, _actor(), Path(args.file).read_bytes(), ctx.roots)
    print(f"trust list version {offered.version} is now served")
    return 0


def cmd_add_grading_key(args, ctx) -> int:
    from sync.server import admin
    from sync.server.keys import install_grading_key

    key_id = install_grading_key(
        ctx.settings.data_dir / "keys", Path(args.file), ctx.settings.key_passphrase
    )
    with ctx.db.write() as session:
        admin.audit(session, _actor(), "add-grading-key", f"grading-key:{key_id}")
    print(
        f"grading key {key_id} installed; restart `hocvu server` so that it grades exams "
        "sealed to it"
    )
    return 0


def cmd_add_xapi_client(args, ctx) -> int:
    from sync.server import admin

    with ctx.db.write() as session:
        key, secret = admin.add_xapi_client(session, _actor(), args.name, args.unit)
    print(f"endpoint: <server>/xapi/\nkey:      {key}\nsecret:   {secret}")
    print("(the secret is shown once; the server keeps only its hash)", file=sys.stderr)
    return 0


def cmd_import_bundle(args, ctx) -> int:
    from sync.bundle import read_bytes
    from sync.server.bundles import import_bundle

    for name in args.files:
        path = Path(name)
        done = import_bundle(ctx, read_bytes(path), _actor(), path.name)
        r = done.result
        print(
            f"{path.name}: device {done.device_id}"
            + (" (enrolled now)" if done.enrolled else "")
            + f": {len(r.accepted)} new, {len(r.duplicates)} already stored, "
            f"{len(r.conflicts)} conflicts, {len(r.errors)} malformed"
        )
        for sid in r.conflicts:
            print(f"  conflict: {sid} is stored with other content", file=sys.stderr)
        for error in r.errors:
            print(f"  malformed: {error['id']}: {error['error']}", file=sys.stderr)
    return 0


def cmd_export_bundle(args, ctx) -> int:
    from sync.server.bundles import export_return_bundle

    summary = export_return_bundle(ctx, args.learner, Path(args.output), _actor())
    print(
        f"{args.output}: {len(summary['packs'])} pack(s), {summary['certificates']} "
        f"certificate(s), {summary['statements']} statement(s), "
        f"{len(summary['assignments'])} assignment(s)"
    )
    for assignment in summary["assignments"]:
        print(f"  assigned: {assignment['pack_id']}, due {assignment['due'] or 'no date'}")
    return 0


def cmd_server_keys(args, ctx) -> int:
    text = ctx.keys.public_json()
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"{args.output}: the server's public keys (give them to offline missions)")
    else:
        print(text, end="")
    return 0


def cmd_verify_cert(args, ctx) -> int:
    import uuid

    from sync.certificates import verify_certificate, verify_revocation_list
    from sync.server import certificate_export
    from sync.server.models import Certificate

    public = ctx.keys.signing.public_key()
    document = json.loads(Path(args.file).read_text(encoding="utf-8"))
    body = verify_certificate(document, public)
    what = (
        f"{body.get('learner_name')} passed level {body.get('level')} ({body.get('pack_id')}) "
        f"on {str(body.get('passed_at'))[:10]}, issued {str(body.get('issued'))[:10]}"
    )
    certificate_id = str(body.get("id", ""))
    if args.revocations:
        # Offline: the signed list is the authority, not this server's database.
        offered = json.loads(Path(args.revocations).read_text(encoding="utf-8"))
        if isinstance(offered, dict) and offered.get("schema") == certificate_export.SCHEMA:
            offered = offered.get("revocations")  # a certificate export carries the list
        listed = verify_revocation_list(offered, public)
        revoked = listed.revocation(certificate_id)
        if revoked is not None:
            print(
                f"REVOKED: {what}; revoked on {revoked.revoked_at[:10]}: {revoked.reason} "
                f"(revocation list version {listed.version} of {listed.issued[:10]})"
            )
            return 1
        print(
            f"valid: {what}; not revoked as of the revocation list version "
            f"{listed.version} of {listed.issued[:10]}"
        )
        return 0
    try:
        key = str(uuid.UUID(certificate_id))
    except ValueError:
        key = None
    with ctx.db.read() as session:
        row = session.get(Certificate, key) if key else None
    if row is None:
        print(
            f"valid: {what}; but this server's database holds no certificate {certificate_id}",
            file=sys.stderr,
        )
        return 0
    if row.revoked_at is not None:
        from sync.server.db import aware

        print(
            f"REVOKED: {what}; revoked on {aware(row.revoked_at):%Y-%m-%d %H:%M} UTC by "
            f"{row.revoked_by}: {row.revoked_reason}"
        )
        return 1
    print(f"valid: {what}")
    return 0


def cmd_revoke_certificate(args, ctx) -> int:
    from sync.server.revocations import revocation_version, revoke_certificate

    with ctx.db.write() as session:
        certificate = revoke_certificate(session, _actor(), args.certificate, args.reason)
        version = revocation_version(session)
        done = (
            f"certificate {certificate.id} (level {certificate.level}, {certificate.pack_id}) "
            f"revoked: {certificate.revoked_reason}"
        )
    print(done)
    print(
        f"revocation list version {version}: devices receive it at their next sync, "
        "missions in their next return bundle"
    )
    return 0


def _default_root(session) -> int:
    from sqlalchemy import select

    from sync.server.admin import AdminError
    from sync.server.models import Unit

    tops = session.scalars(select(Unit.id).where(Unit.parent_id.is_(None))).all()
    if len(tops) != 1:
        raise AdminError(
            Problem.ADMIN_UNIT_NEEDED, "give --unit UNIT-ID (see `hocvu admin list-units`)"
        )
    return tops[0]


def _print_overview(view) -> None:
    print(f"{view.root.name} ({view.root.kind} {view.root.id}): {view.learners} learner(s)")
    targets = " then ".join(f"{t:.0%}" for t in view.levels[0].targets) if view.levels else ""
    print(f"certified per level (targets {targets}):")
    for share in view.levels:
        print(f"  level {share.level}: {share.certified:>7,}  {share.share:6.1%}")
    if view.trend:
        print("trend (cumulative share certified, end of month):")
        for point in view.trend:
            shares = "  ".join(f"L{lv} {point.shares[lv]:6.1%}" for lv in sorted(point.shares))
            print(f"  {point.month:%Y-%m}  {shares}")
    print(f"units behind schedule at level {view.target_level}: {len(view.behind)}")
    for unit in view.behind:
        overdue = f", {unit.overdue} overdue assignment(s)" if unit.overdue else ""
        print(
            f"  {unit.unit.id:>5}  {unit.unit.name} ({unit.unit.kind}): "
            f"{unit.share:.1%} of {unit.learners}{overdue}"
        )


_HELD_REASONS = {
    "too_fast": "too fast",
    "seed": "form not drawn from its seed",
    "no_pack": "pack version not on the server",
    "no_key": "no grading key for its seal",
}


def cmd_held_attempts(args, ctx) -> int:
    from sync.server import grading
    from sync.server.reporting.scope import scope_unit_ids

    with ctx.db.read() as session:
        units = None if args.unit is None else scope_unit_ids(session, args.unit)
        held = grading.held_attempts(session, units)
    for a in held:
        score = "–" if a.score is None else f"{a.score:.0%}"
        taken = (
            f", {a.seconds_taken:.0f} s of {a.min_seconds:.0f} s"
            if a.seconds_taken is not None and a.min_seconds is not None
            else ""
        )
        print(
            f"{a.registration}  {a.learner_name} ({a.unit_name})  {a.title('vi')} "
            f"[{a.pack_id} v{a.pack_version}]  submitted {a.submitted:%Y-%m-%d %H:%M} UTC  "
            f"score {score}  {_HELD_REASONS.get(a.reason, a.reason)}{taken}"
        )
    print(f"{len(held)} held attempt(s)", file=sys.stderr)
    return 0


def _decide(args, ctx, release: bool) -> int:
    from sync.server.db import now

    with ctx.db.write() as session:
        row = ctx.grader.decide(
            session,
            _actor(),
            args.registration,
            release=release,
            reason=getattr(args, "reason", None),
            now=now(),
        )
    verdict = (
        "rejected"
        if row.status == "rejected"
        else f"{row.status}, {'passed' if row.passed else 'failed'} ({(row.score or 0):.0%})"
    )
    certificate = f"; certificate {row.certificate_id}" if row.certificate_id else ""
    print(f"attempt {row.registration}: {verdict}{certificate}")
    return 0


def cmd_release_attempt(args, ctx) -> int:
    return _decide(args, ctx, release=True)


def cmd_reject_attempt(args, ctx) -> int:
    return _decide(args, ctx, release=False)


def cmd_report(args, ctx) -> int:
    from content.files import write_atomic
    from sync.server import admin, exports
    from sync.server.admin import AdminError
    from sync.server.reporting.overview import overview
    from sync.server.reporting.tables import export_table
    from sync.server.reporting.targets import parse_targets

    if args.table == "overview":
        with ctx.db.read() as session:
            root = args.unit if args.unit is not None else _default_root(session)
            view = overview(session, root, date.today())
        _print_overview(view)
        with ctx.db.write() as session:
            admin.audit(session, _actor(), "report", "report:overview", unit=root)
        return 0
    if not args.output:
        raise AdminError(
            Problem.ADMIN_OUTPUT_NEEDED,
            f"give -o FILE for the {args.table} table",
            table=args.table,
        )
    with ctx.db.read() as session:
        root = args.unit if args.unit is not None else _default_root(session)
        table = export_table(
            session,
            args.table,
            root,
            date.today(),
            data_dir=ctx.settings.data_dir,
            grading_keys=ctx.keys.grading,
            targets=parse_targets(args.targets),
        )
    data = exports.to_xlsx(table, args.table) if args.format == "xlsx" else exports.to_csv(table)
    write_atomic(Path(args.output), data)
    with ctx.db.write() as session:
        admin.audit(
            session,
            _actor(),
            "export",
            f"export:{args.table}.{args.format}",
            unit=root,
            rows=len(table.rows),
        )
    print(f"{args.output}: {len(table.rows)} row(s) of {args.table} ({args.format})")
    return 0


def cmd_export_certificates(args, ctx) -> int:
    from content.files import write_atomic
    from sync.server import admin, certificate_export

    with ctx.db.read() as session:
        root = args.unit if args.unit is not None else _default_root(session)
        data = certificate_export.export(session, root, ctx.keys.signing)
    write_atomic(Path(args.output), certificate_export.to_json(data))
    with ctx.db.write() as session:
        admin.audit(
            session,
            _actor(),
            "export",
            "export:certificates.json",
            unit=root,
            certificates=len(data["certificates"]),
        )
    print(
        f"{args.output}: {len(data['certificates'])} certificate(s), signed by key "
        f"{data['issuer']['key_id']}"
    )
    return 0


def parser(prog: str) -> argparse.ArgumentParser:
    from sync.server.admin import ROLES, UNIT_KINDS
    from sync.server.reporting.tables import TABLES

    p = argparse.ArgumentParser(
        prog=prog, description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--data-dir", default=os.environ.get("HOCVU_SERVER_DATA", "hocvu-server"))
    p.add_argument("--database-url", default=os.environ.get("HOCVU_DATABASE_URL"))
    p.add_argument("--key-passphrase-env", help="variable holding the server keys' passphrase")
    sub = p.add_subparsers(dest="command", required=True)

    def command(name: str, run, help_: str) -> argparse.ArgumentParser:
        cmd = sub.add_parser(name, help=help_, description=help_)
        cmd.set_defaults(run=run)
        return cmd

    c = command("add-unit", cmd_add_unit, "create a unit (ministry, department or mission)")
    c.add_argument("name")
    c.add_argument("--kind", choices=UNIT_KINDS, required=True)
    c.add_argument("--parent", type=int, help="the parent unit's id")
    command("list-units", cmd_list_units, "show the unit tree")
    c = command("add-learner", cmd_add_learner, "create a learner in a unit")
    c.add_argument("name")
    c.add_argument("--unit", type=int, required=True)
    c.add_argument("--staff-ref", help="the ministry's staff number, if any")
    c = command("list-learners", cmd_list_learners, "list learners")
    c.add_argument("--unit", type=int)
    c = command("enrolment-code", cmd_enrolment_code, "make a one-time enrolment code")
    c.add_argument("learner", help="the learner's id")
    c.add_argument("--days", type=int, default=14)
    c = command("add-admin", cmd_add_admin, "create an admin account")
    c.add_argument("username")
    c.add_argument("--role", choices=ROLES, required=True)
    c.add_argument("--unit", type=int, required=True, help="the unit the admin may see")
    c.add_argument("--password-env", help="variable holding the password (else asked)")
    c = command("list-devices", cmd_list_devices, "list enrolled devices")
    c.add_argument("--learner")
    c = command("revoke-device", cmd_revoke_device, "revoke a device's token and key")
    c.add_argument("device")
    c = command("add-pack", cmd_add_pack, "verify a pack and publish it on the server")
    c.add_argument("file")
    c = command("assign", cmd_assign, "assign a pack to a unit and everything below it")
    c.add_argument("--pack", required=True)
    c.add_argument("--unit", type=int, required=True)
    c.add_argument("--due", help="YYYY-MM-DD")
    c = command("set-trust", cmd_set_trust, "serve a newer trust.json")
    c.add_argument("file")
    c = command(
        "add-grading-key", cmd_add_grading_key, "install a grading key (opens sealed exams)"
    )
    c.add_argument("file", help="the grading key's .key file (hocvu keys new-grading-key)")
    c = command("add-xapi-client", cmd_add_xapi_client, "credentials for an xAPI tool")
    c.add_argument("name")
    c.add_argument("--unit", type=int, required=True)
    c = command("import-bundle", cmd_import_bundle, "import .hvsync files from offline devices")
    c.add_argument("files", nargs="+")
    c = command("export-bundle", cmd_export_bundle, "write a return bundle for a learner")
    c.add_argument("--learner", required=True)
    c.add_argument("-o", "--output", required=True)
    c = command("server-keys", cmd_server_keys, "print or save the server's public keys")
    c.add_argument("-o", "--output")
    c = command(
        "verify-cert",
        cmd_verify_cert,
        "check a certificate file's signature and whether it was revoked",
    )
    c.add_argument("file")
    c.add_argument(
        "--revocations",
        metavar="LIST.json",
        help="check against this signed revocation list instead of the server's database",
    )
    c = command("revoke-certificate", cmd_revoke_certificate, "revoke a certificate for good")
    c.add_argument("certificate", help="the certificate's id (a UUID)")
    c.add_argument("--reason", required=True, help="why; carried in the revocation list")
    c = command("held-attempts", cmd_held_attempts, "list exam attempts held for a decision")
    c.add_argument("--unit", type=int, help="only learners of this unit and below")
    c = command(
        "release-attempt",
        cmd_release_attempt,
        "grade a held exam attempt (result, and a certificate for a pass)",
    )
    c.add_argument("registration", help="the attempt's registration (see held-attempts)")
    c = command("reject-attempt", cmd_reject_attempt, "reject a held exam attempt")
    c.add_argument("registration", help="the attempt's registration (see held-attempts)")
    c.add_argument("--reason", required=True, help="why; kept in the audit log")
    c = command("report", cmd_report, "print the overview or export a report table")
    c.add_argument("table", choices=("overview", *TABLES))
    c.add_argument("--unit", type=int, help="the scope's root unit (default: the ministry)")
    c.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    c.add_argument("-o", "--output", help="the file to write (tables only)")
    c.add_argument(
        "--targets",
        default=os.environ.get("HOCVU_TARGETS"),
        help="certification targets of the certified_by_month table, as `hocvu server "
        "--targets` (env HOCVU_TARGETS; default 40%%,100%%)",
    )
    c = command(
        "export-certificates",
        cmd_export_certificates,
        "certificates as JSON for the national identity platform (docs/certificate-export.md)",
    )
    c.add_argument("--unit", type=int, help="the scope's root unit (default: the ministry)")
    c.add_argument("-o", "--output", required=True)
    return p


def main(argv: list[str], prog: str = "hocvu admin") -> int:
    args = parser(prog).parse_args(argv)
    from content.errors import KeyFileError, PackRefused
    from sync.bundle import BundleRefused
    from sync.certificates import CertificateInvalid, RevocationListInvalid
    from sync.server.admin import AdminError
    from sync.server.keys import ServerKeyError
    from sync.server.reporting.scope import OutOfScope

    try:
        ctx = _context(args)
        try:
            return args.run(args, ctx)
        finally:
            ctx.db.dispose()
    except (
        AdminError,
        PackRefused,
        BundleRefused,
        CertificateInvalid,
        RevocationListInvalid,
        KeyFileError,
        ServerKeyError,
        OutOfScope,
        ValueError,
    ) as exc:
        print(f"{prog} {args.command}: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"{prog} {args.command}: {exc.filename or ''}: {exc.strerror}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
