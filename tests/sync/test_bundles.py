"""Offline bundles: statements out by `.hvsync`, packs, trust and certificates back."""

from __future__ import annotations

import hashlib
import json
import struct
import zipfile
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from content import keys as content_keys
from content.library import Library
from sync.bundle import MAGIC, Assignment, BundleRefused, read_return_bundle
from sync.engine import SyncEngine
from sync.server import admin
from sync.server.admin_cli import main as admin_main
from sync.server.bundles import export_return_bundle, import_bundle
from sync.server.keys import load_or_create
from sync.server.models import Device

from . import exams
from .conftest import CREATED, make_pack
from .stores import TestStore
from .test_server_api import stored_count


def offline_engine(tmp_path: Path, store: TestStore | None = None, library=None) -> SyncEngine:
    return SyncEngine(store or TestStore(), library, work_dir=tmp_path / "app")


def test_never_online_device_enrols_and_syncs_through_bundles(ctx, world, tmp_path):
    engine = offline_engine(tmp_path)
    engine.store.record_many(120)
    bundle = tmp_path / "mission.hvsync"
    count = engine.export_bundle(bundle, ctx.keys.public_keys(), world.alice_code, "Laptop")
    assert count == 120
    first = import_bundle(ctx, bundle.read_bytes(), "test", bundle.name)
    assert first.enrolled and first.learner_id == world.alice
    assert len(first.result.accepted) == 120
    second = import_bundle(ctx, bundle.read_bytes(), "test", bundle.name)
    assert not second.enrolled
    assert second.result.accepted == [] and len(second.result.duplicates) == 120
    assert stored_count(ctx) == 120
    # The next export from the same laptop (more statements) still imports.
    engine.store.record_many(10, local_id="later")
    engine.export_bundle(bundle)
    third = import_bundle(ctx, bundle.read_bytes(), "test", bundle.name)
    assert len(third.result.accepted) == 10 and len(third.result.duplicates) == 120
    assert stored_count(ctx) == 130


def test_bundle_of_an_online_enrolled_device_imports_idempotently(ctx, world, live, tmp_path):
    engine = offline_engine(tmp_path)
    engine.connect(live.url, world.alice_code, "laptop")
    engine.store.record_many(40)
    bundle = tmp_path / "out.hvsync"
    engine.export_bundle(bundle)
    for _ in range(2):
        import_bundle(ctx, bundle.read_bytes(), "test", bundle.name)
    assert stored_count(ctx) == 40


def _parts(data: bytes) -> tuple[int, int]:
    (header_len,) = struct.unpack_from(">I", data, len(MAGIC))
    return len(MAGIC) + 4, len(MAGIC) + 4 + header_len + 8


@pytest.mark.parametrize("where", ["header", "ciphertext", "signature"])
def test_tampered_bundle_is_refused_with_a_clear_message(ctx, world, tmp_path, where):
    engine = offline_engine(tmp_path)
    engine.store.record_many(5)
    bundle = tmp_path / "mission.hvsync"
    engine.export_bundle(bundle, ctx.keys.public_keys(), world.alice_code)
    data = bytearray(bundle.read_bytes())
    header_start, body_start = _parts(bytes(data))
    index = {"header": header_start + 20, "ciphertext": body_start + 10, "signature": -5}[where]
    data[index] ^= 0x01
    with pytest.raises(BundleRefused) as refused:
        import_bundle(ctx, bytes(data), "test", "mission.hvsync")
    message = str(refused.value)
    assert message.startswith("mission.hvsync: ")
    assert "signature does not verify" in message or "not JSON" in message
    assert stored_count(ctx) == 0
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Device)) == 0


def test_bundle_for_another_server_is_refused(ctx, world, tmp_path):
    other = load_or_create(tmp_path / "other-server")
    engine = offline_engine(tmp_path)
    engine.store.record_many(2)
    bundle = tmp_path / "x.hvsync"
    engine.export_bundle(bundle, other.public_keys(), world.alice_code)
    with pytest.raises(BundleRefused, match="made for another server"):
        import_bundle(ctx, bundle.read_bytes(), "test", bundle.name)


def test_truncated_or_foreign_files_are_refused(ctx, world, tmp_path):
    engine = offline_engine(tmp_path)
    engine.store.record_many(2)
    bundle = tmp_path / "x.hvsync"
    engine.export_bundle(bundle, ctx.keys.public_keys(), world.alice_code)
    with pytest.raises(BundleRefused, match="truncated"):
        import_bundle(ctx, bundle.read_bytes()[:-100], "test", bundle.name)
    with pytest.raises(BundleRefused, match="not a Học Vụ Số sync bundle"):
        import_bundle(ctx, b"hello world", "test", "notes.txt")


def test_wrong_enrolment_code_in_a_bundle_is_refused_and_counted(ctx, world, tmp_path):
    engine = offline_engine(tmp_path)
    engine.store.record_many(2)
    bundle = tmp_path / "x.hvsync"
    engine.export_bundle(bundle, ctx.keys.public_keys(), "AAAA-BBBB-CCCC")
    with pytest.raises(BundleRefused, match="enrolment was refused: unknown enrolment code"):
        import_bundle(ctx, bundle.read_bytes(), "test", bundle.name)
    assert stored_count(ctx) == 0


def test_return_bundle_brings_packs_trust_certificates_and_confirms_statements(
    ctx, world, dev, tmp_path
):
    pack = make_pack(
        dev,
        tmp_path / "demo.hvpack",
        version=2,
        manifest=lambda m: m.update(exam={"quiz": "demo-quiz", "level": 1}),
    )
    admin.add_pack(ctx.db, "test", pack, ctx.settings.data_dir, ctx.roots, at=CREATED)
    with ctx.db.write() as session:
        admin.assign(session, "test", "vn.mofa.dl.demo", world.mission, None)
        admin.set_trust(session, "test", dev.trust_with(lambda body: None, version=6), ctx.roots)
    library = Library(tmp_path / "library", dev.roots, [dev.trust_bytes])
    engine = offline_engine(tmp_path, library=library)
    store = engine.store
    store.record_many(3)
    # An exam attempt, all right: the server grades it at import and certifies the pass.
    attempt = exams.attempt(exams.opened_exam(pack), store.profile_id, "right", version=2)
    for statement in attempt.statements:
        store.record(statement)
    out = tmp_path / "mission.hvsync"
    engine.export_bundle(out, ctx.keys.public_keys(), world.alice_code)
    import_bundle(ctx, out.read_bytes(), "test", out.name)
    back = tmp_path / "return.hvsync"
    summary = export_return_bundle(ctx, world.alice, back, "test")
    assert summary["certificates"] == 1
    assert summary["statements"] == 3 + len(attempt.statements) + 1  # and the result
    report = engine.apply_return_bundle(back)
    assert report.packs_installed == ["vn.mofa.dl.demo v2"]
    assert report.trust_version == 6 and library.trust().version == 6
    assert report.certificates == 1 and list(store.certificates()) == [attempt.result_id]
    assert store.pending() == []
    # Applying it twice is harmless.
    again = engine.apply_return_bundle(back)
    assert again.packs_installed == [] and again.packs_skipped


def test_altered_return_bundle_is_refused(ctx, world, tmp_path):
    engine = offline_engine(tmp_path)
    engine.store.record_many(2)
    out = tmp_path / "m.hvsync"
    engine.export_bundle(out, ctx.keys.public_keys(), world.alice_code)
    import_bundle(ctx, out.read_bytes(), "test", out.name)
    back = tmp_path / "return.hvsync"
    export_return_bundle(ctx, world.alice, back, "test")
    tampered = tmp_path / "tampered.hvsync"
    with zipfile.ZipFile(back) as src, zipfile.ZipFile(tampered, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "statements.json":
                data = data.replace(b"lesson-0", b"lesson-9")
            dst.writestr(info, data)
    with pytest.raises(BundleRefused, match=r"statements\.json differs from bundle\.json"):
        engine.apply_return_bundle(tampered)
    other = offline_engine(tmp_path / "other")
    other.store.set_setting("sync.offline", {"server_public_keys": ctx.keys.public()})
    with pytest.raises(BundleRefused, match="another learner"):
        other.apply_return_bundle(back)


def test_admin_import_bundle_command_reports_and_refuses(ctx, world, tmp_path, capsys):
    engine = offline_engine(tmp_path)
    engine.store.record_many(7)
    bundle = tmp_path / "mission.hvsync"
    engine.export_bundle(bundle, ctx.keys.public_keys(), world.alice_code)
    base = ["--data-dir", str(ctx.settings.data_dir), "--database-url", ctx.settings.url]
    assert admin_main([*base, "import-bundle", str(bundle)]) == 0
    assert "7 new" in capsys.readouterr().out
    assert admin_main([*base, "import-bundle", str(bundle)]) == 0
    assert "0 new, 7 already stored" in capsys.readouterr().out
    data = bytearray(bundle.read_bytes())
    data[-1] ^= 0xFF
    bundle.write_bytes(bytes(data))
    assert admin_main([*base, "import-bundle", str(bundle)]) == 1
    assert "signature does not verify" in capsys.readouterr().err
    assert stored_count(ctx) == 7


def _assign_two_packs(ctx, world, dev, tmp_path: Path) -> None:
    for pack_id, due in (("vn.mofa.dl.demo", date(2027, 3, 31)), ("vn.mofa.dl.extra", None)):
        pack = make_pack(
            dev, tmp_path / f"{pack_id}.hvpack", manifest=lambda m, i=pack_id: m.update(id=i)
        )
        admin.add_pack(ctx.db, "test", pack, ctx.settings.data_dir, ctx.roots, at=CREATED)
        with ctx.db.write() as session:
            # Assigned to the ministry: the mission below it inherits the assignment.
            unit = world.ministry if due is None else world.mission
            admin.assign(session, "test", pack_id, unit, due)


def _enrolled_offline(ctx, world, tmp_path: Path, library=None) -> SyncEngine:
    engine = offline_engine(tmp_path, library=library)
    engine.store.record_many(2)
    out = tmp_path / "mission.hvsync"
    engine.export_bundle(out, ctx.keys.public_keys(), world.alice_code)
    import_bundle(ctx, out.read_bytes(), "test", out.name)
    return engine


def test_return_bundle_carries_the_units_assignments_and_the_app_keeps_them(
    ctx, world, dev, tmp_path, capsys
):
    _assign_two_packs(ctx, world, dev, tmp_path)
    library = Library(tmp_path / "library", dev.roots, [dev.trust_bytes])
    engine = _enrolled_offline(ctx, world, tmp_path, library)
    back = tmp_path / "return.hvsync"
    base = ["--data-dir", str(ctx.settings.data_dir), "--database-url", ctx.settings.url]
    assert admin_main([*base, "export-bundle", "--learner", world.alice, "-o", str(back)]) == 0
    printed = capsys.readouterr().out
    assert "2 assignment(s)" in printed
    assert "assigned: vn.mofa.dl.demo, due 2027-03-31" in printed
    assert "assigned: vn.mofa.dl.extra, due no date" in printed

    # In the bundle: signed and listed like every other file, next to the packs.
    read = read_return_bundle(back, ctx.keys.public_keys(), tmp_path / "x", engine.store.profile_id)
    assert read.version == 2
    assert read.assignments == [
        Assignment("vn.mofa.dl.demo", 1, date(2027, 3, 31)),
        Assignment("vn.mofa.dl.extra", 1, None),
    ]
    assert "assignments.json" in read.index["files"]

    # The app stores them exactly as an online sync stores the catalog.
    report = engine.apply_return_bundle(back)
    assert report.assignments == 2
    assert sorted(report.packs_installed) == ["vn.mofa.dl.demo v1", "vn.mofa.dl.extra v1"]
    assert engine.store.setting("assignments") == [
        {"pack_id": "vn.mofa.dl.demo", "due": "2027-03-31"},
        {"pack_id": "vn.mofa.dl.extra", "due": ""},
    ]


def test_an_older_return_bundle_does_not_bring_back_older_assignments(ctx, world, dev, tmp_path):
    engine = _enrolled_offline(ctx, world, tmp_path)
    older = tmp_path / "older.hvsync"
    export_return_bundle(ctx, world.alice, older, "test")  # nothing assigned yet
    _assign_two_packs(ctx, world, dev, tmp_path)
    newer = tmp_path / "newer.hvsync"
    export_return_bundle(ctx, world.alice, newer, "test")
    with zipfile.ZipFile(older) as a, zipfile.ZipFile(newer) as b:
        assert a.read("bundle.json") != b.read("bundle.json")
    assert engine.apply_return_bundle(newer).assignments == 2
    # The pouch brings the older file later: the newer assignments stay.
    assert engine.apply_return_bundle(older).assignments is None
    assert [a["pack_id"] for a in engine.store.setting("assignments")] == [
        "vn.mofa.dl.demo",
        "vn.mofa.dl.extra",
    ]


def test_a_return_bundle_made_before_assignments_travelled_still_applies(ctx, world, tmp_path):
    engine = _enrolled_offline(ctx, world, tmp_path)
    engine.store.set_setting("assignments", [{"pack_id": "vn.mofa.dl.demo", "due": ""}])
    statements = engine.store.statements()
    # Version 1: no `version` field and no assignments.json, as the server wrote it before.
    files = {
        "certificates.json": b"[]",
        "statements.json": json.dumps(statements).encode(),
    }
    index = json.dumps(
        {
            "format": 1,
            "kind": "return",
            "learner_id": world.alice,
            "profile_ids": [engine.store.profile_id],
            "created": "2026-01-05T10:00:00.000Z",
            "server_key_id": content_keys.key_id(ctx.keys.signing.public_key()),
            "files": {
                name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                for name, data in files.items()
            },
        }
    ).encode()
    old = tmp_path / "old.hvsync"
    with zipfile.ZipFile(old, "w") as archive:
        archive.writestr("bundle.json", index)
        archive.writestr(
            "bundle.sig",
            json.dumps(
                {
                    "key_id": content_keys.key_id(ctx.keys.signing.public_key()),
                    "signature": content_keys.sign(ctx.keys.signing, index),
                }
            ),
        )
        for name, data in files.items():
            archive.writestr(name, data)
    report = engine.apply_return_bundle(old)
    assert report.statements == len(statements) and report.assignments is None
    assert engine.store.pending() == []
    # It says nothing about assignments, so what the profile had stays.
    assert engine.store.setting("assignments") == [{"pack_id": "vn.mofa.dl.demo", "due": ""}]


def test_a_version_2_return_bundle_without_its_assignments_is_refused(ctx, world, tmp_path):
    engine = _enrolled_offline(ctx, world, tmp_path)
    back = tmp_path / "return.hvsync"
    export_return_bundle(ctx, world.alice, back, "test")
    with zipfile.ZipFile(back) as archive:
        index = json.loads(archive.read("bundle.json"))
        files = {n: archive.read(n) for n in archive.namelist() if n.endswith(".json")}
    del index["files"]["assignments.json"]
    body = json.dumps(index).encode()
    stripped = tmp_path / "stripped.hvsync"
    with zipfile.ZipFile(stripped, "w") as archive:
        archive.writestr("bundle.json", body)
        archive.writestr(
            "bundle.sig",
            json.dumps(
                {
                    "key_id": content_keys.key_id(ctx.keys.signing.public_key()),
                    "signature": content_keys.sign(ctx.keys.signing, body),
                }
            ),
        )
        for name, data in files.items():
            if name not in ("bundle.json", "assignments.json"):
                archive.writestr(name, data)
    with pytest.raises(BundleRefused, match=r"assignments\.json is missing"):
        engine.apply_return_bundle(stripped)
