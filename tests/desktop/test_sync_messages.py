"""A failed sync told in the learner's language: each failure the client, the engine
and the offline files can report is produced for real (a real server on loopback, a
real TLS server with a bad certificate, a network page that is not the server, real
files) and named by its kind; the app has a Vietnamese sentence for every kind, and
Settings shows it — never the engine's English message.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import ssl
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import Qt
from sqlalchemy import select

from desktop.i18n import Languages
from desktop.ui.messages import Messages
from desktop.ui.sync_panel import SyncBox, SyncView
from sync.bundle import BundleRefused
from sync.client import CatalogEntry, SyncClient, SyncError, make_retry
from sync.engine import PROBLEM_KINDS, SyncEngine, SyncProblem, problem_of
from sync.problems import Problem
from sync.server import admin, enrolment
from sync.server.bundles import export_return_bundle, import_bundle
from sync.server.context import ServerContext, ServerSettings
from sync.server.models import Device
from sync.server_keys import ServerKeyError
from tests.desktop.app_driver import create_profile, idle, start_app
from tests.sync.conftest import ThreadServer, free_port
from tests.sync.stores import TestStore
from tests.sync.tls import self_signed

# One try, no waiting: a test of what a failure says needs no backoff.
QUICK = functools.partial(SyncClient, retry=make_retry(0, 0))
ENGLISH_WORDS = ("revoked", "administrator", "device", "server", "token", "refused")
REVOKED_VI = "Máy tính này đã bị Bộ ngắt kết nối: quản trị viên đã thu hồi quyền truy cập của máy."


@pytest.fixture
def server_ctx(tmp_path: Path) -> Iterator[ServerContext]:
    ctx = ServerContext(ServerSettings(data_dir=tmp_path / "server"))
    ctx.db.migrate()
    yield ctx
    ctx.db.dispose()


@pytest.fixture
def learner(server_ctx: ServerContext) -> str:
    with server_ctx.db.write() as session:
        ministry = admin.create_unit(session, "test", "Bộ Ngoại giao", "ministry", None).id
        mission = admin.create_unit(session, "test", "ĐSQ Nairobi", "mission", ministry).id
        return admin.create_learner(session, "test", "Phạm Minh Châu", mission).id


def code_for(ctx: ServerContext, learner_id: str) -> str:
    with ctx.db.write() as session:
        return admin.create_enrolment_code(session, "test", learner_id, 14)


@pytest.fixture
def live(server_ctx: ServerContext) -> Iterator[ThreadServer]:
    server = ThreadServer(server_ctx)
    yield server
    server.stop()


def engine_for(tmp_path: Path, store: TestStore | None = None) -> SyncEngine:
    return SyncEngine(store or TestStore(), None, work_dir=tmp_path / "app", client_factory=QUICK)


def connected_engine(tmp_path: Path, url: str, token: str = "not-a-token") -> SyncEngine:
    """An engine that believes it is enrolled on `url` (for servers that are not ours)."""
    engine = engine_for(tmp_path)
    engine.store.set_device_token(token)
    engine.store.set_setting(
        "sync.server", {"url": url, "device_id": str(uuid.uuid4()), "learner_id": "x"}
    )
    engine.store.record_many(2)
    return engine


def failed_kind(call) -> str:
    with pytest.raises(Exception) as raised:
        call()
    return problem_of(raised.value).kind


# ------------------------------------------------------------------ other servers


class _Answer(http.server.BaseHTTPRequestHandler):
    status = 200
    content_type = "text/html"
    body = b"<html><body>Welcome to the hotel network. Please sign in.</body></html>"

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.send_response(self.status)
        self.send_header("Content-Type", self.content_type)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    do_GET = do_POST = _answer

    def log_message(self, *args) -> None:
        pass


class OtherServer:
    """Something on a loopback port that answers like a server that is not ours: a
    hotel network's sign-in page, a failing proxy, or a TLS server."""

    def __init__(self, handler: type[http.server.BaseHTTPRequestHandler], tls=None) -> None:
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        scheme = "http"
        if tls is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*tls)
            self.httpd.socket = context.wrap_socket(self.httpd.socket, server_side=True)
            scheme = "https"
        self.url = f"{scheme}://localhost:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


# ------------------------------------------------------------------ every kind is said


def test_every_kind_of_failure_has_its_own_vietnamese_sentence(vietnamese, qapp):
    english = Messages()
    fallback = vietnamese.sync_problem("failed")
    said = {}
    for kind in PROBLEM_KINDS:
        text = vietnamese.sync_problem(kind, {"status": "500", "rule": "bad-signature"})
        assert any(letter in text for letter in "ăâđêôơư"), (kind, text)
        assert kind == "failed" or text != fallback, f"{kind} falls back to the generic text"
        said[kind] = text
    # Each sentence says something of its own (two kinds share one: damaged = not_bundle).
    assert len(set(said.values())) == len(PROBLEM_KINDS) - 1
    languages = Languages(qapp)
    languages.use("en")
    try:
        assert english.sync_problem("revoked").startswith("This laptop was disconnected")
    finally:
        qapp.removeTranslator(languages.translator)


def test_every_code_the_app_can_meet_has_a_kind_with_a_sentence(vietnamese, qapp):
    """The desktop half of the catalogue: every refusal code that reaches the app (from
    the server through the client, or in a return bundle) maps to a kind the app words,
    and none falls back to the generic sentence."""
    fallback = vietnamese.sync_problem("failed")
    reaching = [problem for problem in Problem if problem.kind is not None]
    assert len(reaching) > 20, "the test would pass vacuously"
    for problem in reaching:
        assert problem.kind in PROBLEM_KINDS, problem
        assert vietnamese.sync_problem(problem.kind, {"status": "400"}) != fallback, problem
    # A refusal by code, whatever its English: the learner's sentence comes from the code.
    refused = BundleRefused("x.hvsync", Problem.BUNDLE_OTHER_LEARNER, "reworded freely")
    assert vietnamese.error(refused) == vietnamese.sync_problem("other_learner")


# ------------------------------------------------------------------ connecting


def test_enrolment_refusals_are_told_apart(server_ctx, learner, live, tmp_path, vietnamese):
    used = code_for(server_ctx, learner)
    first = engine_for(tmp_path / "first")
    first.connect(live.url, used, "laptop")
    with server_ctx.db.write() as session:
        expired = enrolment.create_code(
            session, learner, dt.datetime.now(dt.UTC) - dt.timedelta(days=30), 14
        )
    engine = engine_for(tmp_path / "second")
    assert failed_kind(lambda: engine.connect(live.url, "AAAA-BBBB-CCCC", "x")) == "code_unknown"
    assert failed_kind(lambda: engine.connect(live.url, used, "x")) == "code_used"
    assert failed_kind(lambda: engine.connect(live.url, expired, "x")) == "code_expired"
    assert failed_kind(lambda: engine.connect("hocvu.mofa.gov.vn", used, "x")) == "bad_address"
    assert (
        failed_kind(lambda: engine.connect("http://hocvu.mofa.gov.vn", used, "x"))
        == "insecure_address"
    )
    # A profile already bound to one learner cannot enrol for another.
    with server_ctx.db.write() as session:
        other = admin.create_learner(session, "test", "Đỗ Văn Khoa", 1).id
    taken = code_for(server_ctx, other)
    assert failed_kind(lambda: first.connect(live.url, taken, "x")) == "profile_taken"
    # Too many wrong tries for one code: the server stops answering it for a while.
    server_ctx.settings.rate_per_code = 2
    guessed = "ZZZZ-ZZZZ-ZZZZ"
    for _ in range(2):
        assert failed_kind(lambda: engine.connect(live.url, guessed, "x")) == "code_unknown"
    assert failed_kind(lambda: engine.connect(live.url, guessed, "x")) == "too_many_attempts"
    # The wait is the server's (its `retry_after_s`), not a sentence written in three places.
    server_ctx.settings.rate_window = dt.timedelta(minutes=20)
    with pytest.raises(SyncError) as throttled:
        engine.connect(live.url, guessed, "x")
    assert "Hãy chờ 20 phút" in vietnamese.error(throttled.value)

    # What the dialog says is the Vietnamese sentence, without the server's English.
    with pytest.raises(SyncError) as refused:
        engine.connect(live.url, used, "x")
    text = vietnamese.error(refused.value)
    assert text.startswith("Mã đăng ký này đã được sử dụng")
    assert "already used" not in text and "(409)" not in text and "403" not in text


# ------------------------------------------------------------------ the network and the server


def test_network_faults_are_told_apart(server_ctx, learner, tmp_path):
    closed = f"http://127.0.0.1:{free_port()}"
    report = connected_engine(tmp_path / "closed", closed).sync_once()
    assert report.offline and report.problems["push"].kind == "unreachable"

    busy = ThreadServer(server_ctx, fail_first=20)
    try:
        engine = connected_engine(tmp_path / "busy", busy.url)
        assert engine.sync_once().problems["push"].kind == "busy"
    finally:
        busy.stop()

    portal = OtherServer(_Answer)
    try:
        report = connected_engine(tmp_path / "portal", portal.url).sync_once()
        assert report.problems["push"].kind == "bad_answer"
    finally:
        portal.stop()

    class Failing(_Answer):
        status = 500
        content_type = "application/json"
        body = b'{"detail": "Internal Server Error"}'

    failing = OtherServer(Failing)
    try:
        report = connected_engine(tmp_path / "failing", failing.url).sync_once()
        problem = report.problems["push"]
        assert (problem.kind, problem.values) == ("server_error", {"status": "500"})
    finally:
        failing.stop()


def test_a_refusal_is_told_by_its_code_and_a_proxys_only_by_its_status(tmp_path):
    """The server's problem+json is read by its code, whatever its English says; an
    answer that is not (a proxy's) is read by its status alone, never by its words."""

    class Proxy401(_Answer):
        status = 401
        content_type = "text/plain"
        body = b"this device was revoked"  # words a proxy might say: never read

    class Revoked(_Answer):
        status = 401
        content_type = "application/problem+json"
        body = (
            b'{"type": "urn:hocvu:problem:auth.device_revoked", "status": 401, '
            b'"code": "auth.device_revoked", "title": "Device revoked", '
            b'"detail": "reworded in a later version", "values": {}}'
        )

    class ProxyForbidden(_Answer):
        status = 403
        content_type = "text/html"
        body = b"<html>Forbidden by the embassy firewall</html>"

    class Foreign(_Answer):
        status = 403
        content_type = "application/problem+json"
        body = (
            b'{"type": "urn:hocvu:problem:statement.foreign_actor", "status": 403, '
            b'"code": "statement.foreign_actor", "title": "t", "detail": "d", '
            b'"values": {"count": 2}}'
        )

    expected = {
        Proxy401: "not_enrolled",
        Revoked: "revoked",
        ProxyForbidden: "foreign_statements",
        Foreign: "foreign_statements",
    }
    for handler, kind in expected.items():
        other = OtherServer(handler)
        try:
            engine = connected_engine(tmp_path / handler.__name__, other.url)
            assert engine.sync_once().problems["push"].kind == kind, handler.__name__
        finally:
            other.stop()
    # A code the client does not know (a newer server): the status still says something.
    client = SyncClient("http://127.0.0.1:1", "t", retry=make_retry(total=0))
    response = requests.Response()
    response.status_code = 404
    response._content = b'{"code": "pack.moved_elsewhere", "detail": "d"}'
    response.headers["Content-Type"] = "application/problem+json"
    with pytest.raises(SyncError) as refused:
        client._check(response, during="download")
    assert refused.value.kind == "pack_not_assigned"


def test_a_certificate_outside_its_dates_points_at_this_computers_clock(tmp_path):
    now = dt.datetime.now(dt.UTC)
    good = self_signed(tmp_path / "good", now - dt.timedelta(days=1), now + dt.timedelta(days=30))
    stale = self_signed(
        tmp_path / "stale", now - dt.timedelta(days=400), now - dt.timedelta(days=35)
    )
    server = OtherServer(_Answer, tls=good)
    try:
        # A certificate the system does not trust: not a clock problem.
        engine = engine_for(tmp_path / "a")
        assert failed_kind(lambda: engine.connect(server.url, "AAAA-BBBB-CCCC", "x")) == "tls"
    finally:
        server.stop()
    server = OtherServer(_Answer, tls=stale)
    try:
        engine = engine_for(tmp_path / "b")
        kind = failed_kind(
            lambda: engine.connect(server.url, "AAAA-BBBB-CCCC", "x", ca_bundle=str(stale[0]))
        )
        assert kind == "tls_clock"
    finally:
        server.stop()


def test_a_clock_far_from_the_servers_is_noted_after_a_good_sync(
    server_ctx, learner, live, tmp_path, monkeypatch, vietnamese
):
    engine = engine_for(tmp_path)
    engine.connect(live.url, code_for(server_ctx, learner), "laptop")
    assert engine.sync_once().ok and engine.status().clock_offset is None
    # This laptop's clock runs three hours ahead of the server's.
    monkeypatch.setattr("sync.client._local_now", lambda: time.time() + 3 * 3600)
    report = engine.sync_once()
    assert report.ok
    offset = engine.status().clock_offset
    assert offset is not None and abs(offset + 3 * 3600) < 60
    box = SyncBox()
    box.show_state(True, live.url, SyncView(SyncView.SYNCED, 0, report.finished), (), offset)
    assert "Đồng hồ của máy tính này lệch 3 giờ so với máy chủ của Bộ" in box.state.text()


# ------------------------------------------------------------------ enrolment, results, packs


def test_revoked_unknown_and_foreign_are_told_apart(server_ctx, learner, live, tmp_path):
    engine = engine_for(tmp_path / "a")
    config = engine.connect(live.url, code_for(server_ctx, learner), "laptop")
    # Results recorded under another profile are refused as a whole.
    engine.store.record(engine.store.new_statement(profile_id=str(uuid.uuid4())))
    assert engine.sync_once().problems["push"].kind == "foreign_statements"
    with server_ctx.db.write() as session:
        admin.revoke_device(session, "test", config["device_id"])
    report = engine.sync_once()
    assert report.not_enrolled and report.problems["push"].kind == "revoked"
    assert [p.kind for p in engine.status().problems] == ["revoked"]

    unknown = connected_engine(tmp_path / "b", live.url)
    assert unknown.sync_once().problems["push"].kind == "not_enrolled"


def test_pack_downloads_that_fail_are_told_apart(server_ctx, learner, live, tmp_path):
    engine = engine_for(tmp_path)
    engine.connect(live.url, code_for(server_ctx, learner), "laptop")
    token = engine.store.device_token
    with QUICK(live.url, token) as client:
        missing = CatalogEntry(
            "vn.mofa.dl.none", 1, "0" * 64, 10, None, "/api/v1/packs/vn.mofa.dl.none/1/download"
        )
        assert failed_kind(lambda: client.download(missing, tmp_path / "d")) == "pack_not_assigned"
    # A download whose bytes differ from the catalog's hash (a proxy that changed them).
    portal = OtherServer(_Answer)
    try:
        with QUICK(portal.url) as client:
            entry = CatalogEntry("vn.mofa.dl.demo", 1, "0" * 64, 10_000, None, "/pack")
            assert failed_kind(lambda: client.download(entry, tmp_path / "d")) == (
                "download_damaged"
            )
    finally:
        portal.stop()


# ------------------------------------------------------------------ offline files


def test_offline_file_mistakes_are_told_apart(server_ctx, learner, tmp_path):
    keys_json = server_ctx.keys.public_keys()
    engine = engine_for(tmp_path / "mine")
    engine.store.record_many(2)
    out = tmp_path / "to-ministry.hvsync"
    assert failed_kind(lambda: engine.export_bundle(out)) == "keys_needed"
    assert failed_kind(lambda: engine.export_bundle(out, keys_json)) == "needs_code"
    engine.export_bundle(out, keys_json, code_for(server_ctx, learner), "laptop")
    # The learner opens their own outgoing file instead of the one from the ministry.
    assert failed_kind(lambda: engine.apply_return_bundle(out)) == "statements_bundle"
    import_bundle(server_ctx, out.read_bytes(), "test", out.name)
    back = tmp_path / "from-ministry.hvsync"
    export_return_bundle(server_ctx, learner, back, "test")
    stranger = engine_for(tmp_path / "stranger")
    stranger.store.set_setting("sync.offline", {"server_public_keys": server_ctx.keys.public()})
    assert failed_kind(lambda: stranger.apply_return_bundle(back)) == "other_learner"
    notes = tmp_path / "notes.hvsync"
    notes.write_text("not a bundle", encoding="utf-8")
    assert failed_kind(lambda: engine.apply_return_bundle(notes)) == "not_bundle"
    assert failed_kind(lambda: engine.apply_return_bundle(tmp_path / "gone.hvsync")) == (
        "unreadable"
    )
    with pytest.raises(BundleRefused):
        engine.apply_return_bundle(notes)
    assert problem_of(ServerKeyError("x")).kind == "server_keys"
    assert problem_of(OSError(28, "No space left on device")).kind == "disk_full"


# ------------------------------------------------------------------ in the app


def test_settings_tells_a_revoked_laptop_in_vietnamese(
    qtbot, qapp, tmp_path, starter_packs, server_ctx, learner, live
):
    window = start_app(qtbot, qapp, tmp_path / "data", starter_packs, lang="vi")
    window.sync.client_factory = QUICK
    create_profile(qtbot, window, "Phạm Minh Châu")
    try:
        window.show_screen("settings")
        box = window.settings.sync
        box.server.setText(live.url)
        box.code.setText(code_for(server_ctx, learner))
        qtbot.mouseClick(box.connect_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.sync_line.view.state == SyncView.SYNCED, timeout=30_000)
        assert box.state.text().startswith("Đã kết nối.")

        # The ministry withdraws this laptop; the next sync is refused.
        with server_ctx.db.write() as session:
            device = session.scalar(select(Device.id).where(Device.learner_id == learner))
            admin.revoke_device(session, "test", device)
        qtbot.mouseClick(box.sync_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda: window.sync_line.view.state == SyncView.NOT_ENROLLED, timeout=30_000
        )
        idle(qtbot, window)
        text = box.state.text()
        assert text.startswith("Máy chủ đã ngắt kết nối.")
        assert REVOKED_VI in text
        assert "Hãy xin quản trị viên của đơn vị mã đăng ký mới, rồi bấm Kết nối lại." in text
        lowered = text.lower()
        assert not [word for word in ENGLISH_WORDS if word in lowered], text
        assert window.sync_line.text() == "Chưa đăng ký · xem Cài đặt"

        # Switching the language re-says it, from the kind the engine stored.
        window.set_language("en")
        assert "This laptop was disconnected by the ministry" in box.state.text()
        window.set_language("vi")
        assert REVOKED_VI in box.state.text()
    finally:
        window.close()


def test_an_unexpected_failure_shows_no_exception_name(qapp, vietnamese):
    box = SyncBox()
    box.show_state(True, "https://hocvu.example", None, [problem_of(RuntimeError("boom"))])
    text = box.state.text()
    assert "RuntimeError" not in text and "boom" not in text
    assert "Chưa đồng bộ xong. Không có dữ liệu nào bị mất" in text
    box.show_state(True, "https://hocvu.example", None, [SyncProblem("push", "busy")])
    assert "Máy chủ của Bộ đang bận" in box.state.text()
