"""The sync client and engine against a real server on a loopback port."""

from __future__ import annotations

from pathlib import Path

import pytest

from content.library import Library
from sync.client import InsecureServerAddress, SyncClient, SyncError, check_server_url
from sync.engine import SyncEngine
from sync.server import admin

from . import exams
from .conftest import CREATED, enrol, make_pack, new_code
from .stores import TestStore


@pytest.mark.parametrize(
    "url",
    ["http://hocvu.mofa.gov.vn", "http://10.0.0.5:8443", "http://192.168.1.2", "http://[fe80::1]"],
)
def test_plain_http_is_refused_except_to_loopback(url):
    with pytest.raises(InsecureServerAddress, match="plain http"):
        check_server_url(url)


@pytest.mark.parametrize(
    "url", ["http://127.0.0.1:8000", "http://localhost:1", "http://[::1]:80", "https://x.vn"]
)
def test_https_and_loopback_http_are_accepted(url):
    assert check_server_url(url + "/") == url


def test_not_a_url_is_refused_with_a_hint():
    with pytest.raises(SyncError, match="https://"):
        check_server_url("hocvu.mofa.gov.vn")


def test_tls_is_verified_by_default():
    client = SyncClient("https://hocvu.example")
    assert client.session.verify is True
    client = SyncClient("https://hocvu.example", ca_bundle="/etc/ministry-ca.pem")
    assert client.session.verify == "/etc/ministry-ca.pem"


def engine_for(store: TestStore, tmp_path: Path, library=None, name: str = "app") -> SyncEngine:
    return SyncEngine(store, library, work_dir=tmp_path / name)


def test_connect_then_sync_pushes_everything_exactly_once(live, ctx, world, tmp_path):
    store = TestStore()
    store.record_many(1234)
    engine = engine_for(store, tmp_path)
    engine.connect(live.url, world.alice_code, "Laptop, ĐSQ Tokyo")
    assert engine.status().connected
    report = engine.sync_once()
    assert report.ok, report.errors
    assert report.pushed == 1234
    assert store.pending() == []
    again = engine.sync_once()
    assert again.pushed == 0 and again.ok
    from .test_server_api import stored_count

    assert stored_count(ctx) == 1234
    status = engine.status()
    assert status.pending == 0 and status.last_ok is True


def test_statements_from_the_learners_other_device_are_pulled_in(live, ctx, world, tmp_path):
    laptop, desktop = TestStore(), TestStore()
    laptop_statements = laptop.record_many(30)
    desktop.record_many(5)
    first = engine_for(laptop, tmp_path, name="laptop")
    second = engine_for(desktop, tmp_path, name="desktop")
    first.connect(live.url, world.alice_code, "laptop")
    second.connect(live.url, new_code(ctx, world.alice), "desktop")
    first.sync_once()
    report = second.sync_once()
    assert report.ok
    assert report.pulled == 30
    assert {s["id"] for s in desktop.statements()} >= {s["id"] for s in laptop_statements}
    assert second.sync_once().pulled == 0


def test_sync_installs_assigned_packs_adopts_trust_and_attaches_certificates(
    live, ctx, world, dev, tmp_path
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
        admin.set_trust(session, "test", dev.trust_with(lambda body: None, version=5), ctx.roots)
    library = Library(tmp_path / "library", dev.roots, [dev.trust_bytes])
    store = TestStore()
    # An exam attempt, all right: the server grades the push and certifies the pass.
    attempt = exams.attempt(exams.opened_exam(pack), store.profile_id, "right", version=2)
    for statement in attempt.statements:
        store.record(statement)
    engine = engine_for(store, tmp_path, library)
    engine.connect(live.url, world.alice_code, "laptop")
    report = engine.sync_once()
    assert report.ok, report.errors
    assert report.packs_installed == ["vn.mofa.dl.demo v2"]
    assert library.get("vn.mofa.dl.demo").version == 2
    assert library.trust().version == 5
    assert list(store.certificates()) == [attempt.result_id]
    assert not list((tmp_path / "app" / "downloads").glob("*"))
    assert engine.sync_once().packs_installed == []


def test_interrupted_download_resumes_from_the_part_file(live, ctx, world, dev, tmp_path):
    pack = make_pack(dev, tmp_path / "demo.hvpack", version=2)
    admin.add_pack(ctx.db, "test", pack, ctx.settings.data_dir, ctx.roots, at=CREATED)
    with ctx.db.write() as session:
        admin.assign(session, "test", "vn.mofa.dl.demo", world.mission, None)
    device = enrol_client(live.url, world.alice_code)
    entry = device.catalog()[0]
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    part = downloads / f"{entry.pack_id}-v{entry.version}.hvpack.part"
    whole = pack.read_bytes()
    part.write_bytes(whole[:5000])
    seen: list[int] = []
    path = device.download(entry, downloads, lambda done, total: seen.append(done))
    assert path.read_bytes() == whole
    assert seen[0] > 5000 and seen[-1] == len(whole)
    # A corrupt part file is discarded, never installed.
    path.unlink()
    part.write_bytes(b"x" * 100)
    with pytest.raises(SyncError, match="does not match"):
        device.download(entry, downloads)
    assert not part.exists()
    assert device.download(entry, downloads).read_bytes() == whole


def enrol_client(url: str, code: str) -> SyncClient:
    from content import keys

    client = SyncClient(url)
    client.enrol(code, "t", keys.public_b64(keys.new_key().public_key()), TestStore().profile_id)
    return client


def test_revoked_device_sync_reports_it_and_keeps_statements(live, ctx, world, tmp_path):
    store = TestStore()
    engine = engine_for(store, tmp_path)
    config = engine.connect(live.url, world.alice_code, "laptop")
    with ctx.db.write() as session:
        admin.revoke_device(session, "test", config["device_id"])
    store.record_many(3)
    report = engine.sync_once()
    assert report.problems["push"].kind == "revoked"
    assert len(store.pending()) == 3


def test_conflicting_statement_is_reported_and_does_not_block_the_rest(live, ctx, world, tmp_path):
    api_device = enrol(_TestClientShim(live.url), new_code(ctx, world.alice))
    store = TestStore(profile_id=api_device["profile_id"])
    engine = engine_for(store, tmp_path)
    engine.connect(live.url, world.alice_code, "laptop")
    clash = store.new_statement(1)
    other_version = {**clash, "timestamp": "2020-01-01T00:00:00Z"}
    import requests

    requests.post(
        f"{live.url}/api/v1/statements",
        json={"statements": [other_version]},
        headers={"Authorization": f"Bearer {api_device['device_token']}"},
        timeout=10,
    ).raise_for_status()
    store.record(clash)
    store.record_many(3)
    report = engine.sync_once()
    assert report.pushed == 3
    assert clash["id"] in report.rejected
    assert [s["id"] for s in store.pending()] == [clash["id"]]
    assert engine.sync_once().pushed == 0


def test_not_connected_sync_says_what_to_do(tmp_path):
    report = engine_for(TestStore(), tmp_path).sync_once()
    assert not report.ok
    assert "enrolment code" in report.errors["connect"]


class _TestClientShim:
    """`enrol()` from conftest over plain requests against the live server."""

    def __init__(self, url: str) -> None:
        self.url = url

    def post(self, path: str, json: dict):
        import requests

        return requests.post(self.url + path, json=json, timeout=10)
