"""Certificate revocation: `hocvu admin revoke-certificate`, `verify-cert` saying
revoked, the signed revocation list served to devices, carried by return bundles and
certificate exports, and a device never going back to an older list."""

from __future__ import annotations

import json
import uuid
import zipfile

import pytest
from sqlalchemy import select

from content import keys
from sync.bundle import BundleRefused, read_return_bundle
from sync.certificates import (
    RevocationListInvalid,
    sign_certificate,
    verify_revocation_list,
)
from sync.engine import SyncEngine
from sync.server import admin, certificate_export
from sync.server.admin_cli import main as admin_main
from sync.server.bundles import export_return_bundle
from sync.server.db import now
from sync.server.models import AuditEntry, Certificate
from sync.server.revocations import revoke_certificate

from .conftest import bearer, enrol
from .stores import TestStore


def issue(ctx, learner_id: str, level: int = 1, statement_id: str | None = None) -> dict:
    """A certificate signed by the server's key, stored as the server keeps them: the
    exam pass it stands for need not exist for revocation to be tested."""
    certificate_id = str(uuid.uuid4())
    statement_id = statement_id or str(uuid.uuid4())
    issued = now()
    document = sign_certificate(
        {
            "id": certificate_id,
            "learner_id": learner_id,
            "learner_name": "Nguyễn Thị An",
            "level": level,
            "pack_id": f"vn.mofa.dl.l{level}",
            "exam": "exam",
            "score": 0.9,
            "passed_at": "2026-03-14T09:12:40.120Z",
            "issued": issued.isoformat(timespec="seconds"),
            "statement_id": statement_id,
        },
        ctx.keys.signing,
    )
    with ctx.db.write() as session:
        session.add(
            Certificate(
                id=certificate_id,
                learner_id=learner_id,
                statement_id=statement_id,
                pack_id=f"vn.mofa.dl.l{level}",
                level=level,
                score=0.9,
                issued=issued,
                document=json.dumps(document, ensure_ascii=False, sort_keys=True),
            )
        )
    return document


def cli(ctx, *args: str) -> list[str]:
    return [
        "--data-dir",
        str(ctx.settings.data_dir),
        "--database-url",
        ctx.settings.url,
        *args,
    ]


def test_a_revoked_certificate_fails_verify_cert_and_an_unrevoked_one_stays_valid(
    ctx, world, tmp_path, capsys
):
    revoked = issue(ctx, world.alice, level=1)
    kept = issue(ctx, world.alice, level=2)
    revoked_id = revoked["certificate"]["id"]
    for name, document in (("revoked.json", revoked), ("kept.json", kept)):
        (tmp_path / name).write_text(json.dumps(document), encoding="utf-8")

    assert admin_main(cli(ctx, "verify-cert", str(tmp_path / "revoked.json"))) == 0
    capsys.readouterr()
    reason = "bài thi do người khác làm"
    code = admin_main(cli(ctx, "revoke-certificate", revoked_id, "--reason", reason))
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert "revocation list version 1" in printed.out

    code = admin_main(cli(ctx, "verify-cert", str(tmp_path / "revoked.json")))
    printed = capsys.readouterr().out
    assert code == 1
    assert printed.startswith("REVOKED")
    assert f"revoked on {now():%Y-%m-%d}" in printed and reason in printed
    assert admin_main(cli(ctx, "verify-cert", str(tmp_path / "kept.json"))) == 0
    assert capsys.readouterr().out.startswith("valid: ")

    # A second revocation and an unknown id are refused, saying why; nothing changes.
    again = admin_main(cli(ctx, "revoke-certificate", revoked_id, "--reason", "again"))
    assert again == 1 and "was revoked already on" in capsys.readouterr().err
    unknown = admin_main(cli(ctx, "revoke-certificate", str(uuid.uuid4()), "--reason", "x"))
    assert unknown == 1 and "no certificate" in capsys.readouterr().err
    with ctx.db.read() as session:
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "revoke-certificate")
        ).all()
        assert [e.target for e in entries] == [f"certificate:{revoked_id}"]
        assert json.loads(entries[0].detail)["reason"] == reason
        row = session.get(Certificate, revoked_id)
        assert row.revoked_reason == reason and row.revoked_by.startswith("cli")


def test_revocation_keeps_to_the_admins_scope_and_needs_a_reason(ctx, world):
    certificate_id = issue(ctx, world.alice)["certificate"]["id"]
    with ctx.db.write() as session:
        other = admin.create_unit(session, "test", "ĐSQ Paris", "mission", world.ministry).id
    with ctx.db.write() as session, pytest.raises(admin.AdminError, match="no certificate"):
        revoke_certificate(session, "paris-admin", certificate_id, "reason", {other})
    with ctx.db.write() as session, pytest.raises(admin.AdminError, match="reason"):
        revoke_certificate(session, "test", certificate_id, "   ", None)
    with ctx.db.read() as session:
        assert session.get(Certificate, certificate_id).revoked_at is None


def test_the_served_list_verifies_and_a_tampered_one_is_refused(api, ctx, world):
    first = issue(ctx, world.alice)["certificate"]["id"]
    second = issue(ctx, world.bob)["certificate"]["id"]
    device = enrol(api, world.alice_code)
    url = "/api/v1/certificates/revocations"
    assert api.get(url).status_code == 401
    headers = bearer(device["device_token"])
    empty = verify_revocation_list(
        api.get(url, headers=headers).json(), ctx.keys.signing.public_key()
    )
    assert empty.version == 0 and not empty.is_revoked(first)
    with ctx.db.write() as session:
        revoke_certificate(session, "test", first, "wrong person", None)
        revoke_certificate(session, "test", second, "copied answers", None)
    document = api.get(url, headers=headers).json()
    listed = verify_revocation_list(document, ctx.keys.signing.public_key())
    assert listed.version == 2
    assert listed.is_revoked(first) and listed.is_revoked(second.upper())
    assert listed.revocation(first).reason == "wrong person"
    # A device holding version 2 is told there is nothing newer.
    assert api.get(url, params={"known": 2}, headers=headers).status_code == 204

    dropped = json.loads(json.dumps(document))
    dropped["revocations"]["revoked"].pop()
    dropped["revocations"]["version"] = 1
    with pytest.raises(RevocationListInvalid, match="was changed"):
        verify_revocation_list(dropped, ctx.keys.signing.public_key())
    with pytest.raises(RevocationListInvalid, match="not by this server's key"):
        verify_revocation_list(document, keys.new_key().public_key())
    # A certificate's signature does not make a revocation list, nor the reverse.
    with pytest.raises(RevocationListInvalid):
        verify_revocation_list(issue(ctx, world.bob), ctx.keys.signing.public_key())


def test_verify_cert_checks_offline_against_a_signed_list_or_an_export(
    ctx, world, tmp_path, capsys
):
    document = issue(ctx, world.alice)
    certificate_id = document["certificate"]["id"]
    (tmp_path / "cert.json").write_text(json.dumps(document), encoding="utf-8")
    with ctx.db.write() as session:
        from sync.server.revocations import revocation_list

        before = revocation_list(session, ctx.keys.signing)
        revoke_certificate(session, "test", certificate_id, "identity fraud", None)
    with ctx.db.read() as session:
        export = certificate_export.export(session, world.ministry, ctx.keys.signing)
    (tmp_path / "before.json").write_text(json.dumps(before), encoding="utf-8")
    (tmp_path / "export.json").write_text(json.dumps(export), encoding="utf-8")

    cert = str(tmp_path / "cert.json")
    assert (
        admin_main(cli(ctx, "verify-cert", cert, "--revocations", str(tmp_path / "before.json")))
        == 0
    )
    assert "not revoked as of the revocation list version 0" in capsys.readouterr().out
    assert (
        admin_main(cli(ctx, "verify-cert", cert, "--revocations", str(tmp_path / "export.json")))
        == 1
    )
    assert "identity fraud" in capsys.readouterr().out
    # The export says it of the certificate too, and its list verifies.
    (row,) = [c for c in export["certificates"] if c["certificate_id"] == certificate_id]
    assert row["revoked"]["reason"] == "identity fraud"
    listed = verify_revocation_list(export["revocations"], ctx.keys.signing.public_key())
    assert listed.is_revoked(certificate_id)
    # A changed list is refused, with the command's exit code for refusals.
    export["revocations"]["revocations"]["revoked"][0]["reason"] = "nothing"
    (tmp_path / "changed.json").write_text(json.dumps(export), encoding="utf-8")
    assert (
        admin_main(cli(ctx, "verify-cert", cert, "--revocations", str(tmp_path / "changed.json")))
        == 1
    )
    assert "was changed" in capsys.readouterr().err


def test_a_device_keeps_the_newest_list_and_never_goes_back(ctx, world, live, tmp_path):
    # The list is the whole server's: Bình's revocations reach An's device too.
    first = issue(ctx, world.bob)["certificate"]["id"]
    second = issue(ctx, world.bob, level=2)["certificate"]["id"]
    store = TestStore()
    engine = SyncEngine(store, None, work_dir=tmp_path / "app")
    engine.connect(live.url, world.alice_code, "laptop")

    with ctx.db.write() as session:
        revoke_certificate(session, "test", first, "first reason", None)
    older = tmp_path / "older.hvsync"
    export_return_bundle(ctx, world.alice, older, "test")  # carries version 1
    report = engine.sync_once()
    assert report.ok, report.errors
    assert report.revocations_version == 1 and store.revocations().is_revoked(first)

    with ctx.db.write() as session:
        revoke_certificate(session, "test", second, "second reason", None)
    assert engine.sync_once().revocations_version == 2
    # Nothing newer: the server answers 204 and the profile keeps its list.
    assert engine.sync_once().revocations_version is None
    assert store.revocations().version == 2

    # An older return bundle opened later brings its version 1: the profile keeps 2.
    applied = engine.apply_return_bundle(older)
    assert applied.revocations_version is None
    held = store.revocations()
    assert held.version == 2 and held.is_revoked(first) and held.is_revoked(second)


def test_a_return_bundle_carries_the_signed_list_and_a_changed_one_is_refused(ctx, world, tmp_path):
    certificate_id = issue(ctx, world.bob)["certificate"]["id"]
    with ctx.db.write() as session:
        revoke_certificate(session, "test", certificate_id, "reason", None)
    store = TestStore()
    engine = SyncEngine(store, None, work_dir=tmp_path / "app")
    engine.export_bundle(tmp_path / "out.hvsync", ctx.keys.public_keys(), world.alice_code)
    from sync.server.bundles import import_bundle

    import_bundle(ctx, (tmp_path / "out.hvsync").read_bytes(), "test", "out.hvsync")
    back = tmp_path / "return.hvsync"
    assert export_return_bundle(ctx, world.alice, back, "test")["revocations"] == 1
    bundle = read_return_bundle(back, ctx.keys.public_keys(), tmp_path / "x", store.profile_id)
    assert bundle.revocations.is_revoked(certificate_id)
    assert engine.apply_return_bundle(back).revocations_version == 1
    assert store.revocations().is_revoked(certificate_id)

    # revocations.json is covered by bundle.json's hashes like every other file.
    changed = tmp_path / "changed.hvsync"
    with zipfile.ZipFile(back) as source, zipfile.ZipFile(changed, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            if name == "revocations.json":
                data = data.replace(b"reason", b"Reason")
            target.writestr(name, data)
    with pytest.raises(BundleRefused, match=r"revocations\.json differs"):
        read_return_bundle(changed, ctx.keys.public_keys(), tmp_path / "y", store.profile_id)


def test_revoked_certificates_are_listed_by_id_date_and_reason_only(ctx, world):
    certificate_id = issue(ctx, world.alice)["certificate"]["id"]
    with ctx.db.write() as session:
        revoke_certificate(session, "test", certificate_id, "reason", None)
        from sync.server.revocations import revocation_list

        document = revocation_list(session, ctx.keys.signing)
    (entry,) = document["revocations"]["revoked"]
    assert set(entry) == {"id", "revoked_at", "reason"}
    assert world.alice not in json.dumps(document)
