"""A certificate the ministry revokes shows as revoked on the learner's certificates
screen, whether the revocation list comes with a sync or in a file from the ministry,
and is no longer exported to PDF.

The server is the real one (uvicorn on a loopback port in this process, SQLite); the
server-side behaviour on PostgreSQL is covered by tests/sync/test_revocations.py.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from sync.client import SyncClient, make_retry
from sync.server import admin
from sync.server.bundles import export_return_bundle
from sync.server.context import ServerContext, ServerSettings
from sync.server.db import now
from sync.server.revocations import revoke_certificate
from tests.desktop.app_driver import create_profile, idle, start_app
from tests.sync.conftest import ThreadServer
from tests.sync.test_revocations import issue


@pytest.fixture
def server_ctx(tmp_path: Path):
    ctx = ServerContext(ServerSettings(data_dir=tmp_path / "server"))
    ctx.db.migrate()
    yield ctx
    ctx.db.dispose()


def _listed(window) -> list[str]:
    shown = window.certificates.list
    return [shown.item(n).text() for n in range(shown.count())]


def test_a_revoked_certificate_shows_as_revoked_after_a_sync_and_after_a_return_file(
    qtbot, qapp, tmp_path, starter_packs, server_ctx, monkeypatch
):
    with server_ctx.db.write() as session:
        ministry = admin.create_unit(session, "test", "Bộ Ngoại giao", "ministry", None).id
        mission = admin.create_unit(session, "test", "ĐSQ Tokyo", "mission", ministry).id
        learner = admin.create_learner(session, "test", "Trần Văn An", mission).id
        code = admin.create_enrolment_code(session, "test", learner, 14)
    incoming = tmp_path / "from-ministry.hvsync"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(incoming), ""))

    window = start_app(qtbot, qapp, tmp_path / "data", starter_packs, lang="en")
    window.sync.client_factory = functools.partial(SyncClient, retry=make_retry(1, 0.05))
    create_profile(qtbot, window, "Trần Văn An")
    server = ThreadServer(server_ctx)
    try:
        window.show_screen("settings")
        box = window.settings.sync
        box.server.setText(server.url)
        box.code.setText(code)
        box.device.setText("Laptop ĐSQ")
        qtbot.mouseClick(box.connect_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.sync_line.text().startswith("Synced"), timeout=30_000)
        idle(qtbot, window)

        # Two level exams taken on this laptop; the server signed a certificate for each.
        def exam_attempt(level: int) -> str:
            learner_store = window.learner
            learner_store.attempt_started(f"vn.mofa.dl.l{level}", 1, f"l{level}-exam", kind="exam")
            attempted = [
                s for s in learner_store.statements() if s["verb"]["id"].endswith("attempted")
            ]
            return attempted[-1]["id"]

        first = issue(server_ctx, learner, 1, window.tasks.db(lambda: exam_attempt(1)).result())
        second = issue(server_ctx, learner, 2, window.tasks.db(lambda: exam_attempt(2)).result())

        def signed() -> int:
            found = window.tasks.db(window.learner.certificates).result()
            return sum(1 for c in found if c.signed)

        window.sync.sync_now()
        qtbot.waitUntil(lambda: signed() == 2, timeout=30_000)
        idle(qtbot, window)
        window.show_screen("certificates")
        idle(qtbot, window)
        qtbot.waitUntil(lambda: len(_listed(window)) == 2, timeout=10_000)
        assert all("signed by the ministry" in text for text in _listed(window))

        # The ministry revokes the first: the next sync brings the signed list.
        with server_ctx.db.write() as session:
            revoke_certificate(
                session, "admin", first["certificate"]["id"], "exam taken by another person"
            )

        def held_version() -> int:
            held = window.tasks.db(window.learner.revocations).result()
            return held.version if held else 0

        window.sync.sync_now()
        qtbot.waitUntil(lambda: held_version() == 1, timeout=30_000)
        idle(qtbot, window)
        window.show_screen("home")
        window.show_screen("certificates")
        idle(qtbot, window)
        today = f"{now():%Y-%m-%d}"
        expected = f"REVOKED by the ministry on {today}: exam taken by another person"
        qtbot.waitUntil(lambda: any(expected in t for t in _listed(window)), timeout=10_000)
        level1, level2 = _listed(window)
        assert expected in level1 and "signed by the ministry" in level2
        # A revoked certificate is not exported: its PDF would look valid.
        window.certificates.list.setCurrentRow(0)
        assert not window.certificates.export.isEnabled()
        window.certificates.list.setCurrentRow(1)
        assert window.certificates.export.isEnabled()
    finally:
        server.stop()

    try:
        # Offline now: the second is revoked and travels in a file from the ministry.
        with server_ctx.db.write() as session:
            revoke_certificate(session, "admin", second["certificate"]["id"], "copied answers")
        export_return_bundle(server_ctx, learner, incoming, "admin")
        window.show_screen("settings")
        qtbot.mouseClick(window.settings.sync.import_button, Qt.MouseButton.LeftButton)
        idle(qtbot, window)
        assert held_version() == 2
        window.show_screen("certificates")
        idle(qtbot, window)
        qtbot.waitUntil(
            lambda: all("REVOKED by the ministry" in t for t in _listed(window)), timeout=10_000
        )
        assert "copied answers" in _listed(window)[1]
    finally:
        window.close()
