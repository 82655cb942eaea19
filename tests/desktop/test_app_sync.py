"""Sync from the learner's side: connect in Settings, see the status change as the
server goes away and comes back, find assigned packs installed and listed on Home.

The server is the real one (uvicorn on a loopback port in this process, SQLite);
the server-side behaviour on PostgreSQL is covered by tests/sync.
"""

from __future__ import annotations

import functools
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from content import keys
from content.localised import pick
from hocvu.paths import development_dir, root_key_files
from sync.client import SyncClient, make_retry
from sync.server import admin
from sync.server.context import ServerContext, ServerSettings
from sync.server.models import Statement
from tests.content.conftest import DevKeys, make_pack
from tests.desktop.app_driver import create_profile, idle, start_app
from tests.sync.conftest import ThreadServer, free_port

DUE = date(2027, 3, 31)


@pytest.fixture
def server_ctx(tmp_path: Path):
    ctx = ServerContext(ServerSettings(data_dir=tmp_path / "server"))
    ctx.db.migrate()
    yield ctx
    ctx.db.dispose()


def dev_keys() -> DevKeys:
    from content import trust

    folder = development_dir()
    return DevKeys(
        root=keys.load_private(folder / "DEVELOPMENT-ONLY-root.key", "development-only"),
        trainer=keys.load_private(folder / "DEVELOPMENT-ONLY-trainer.key", None),
        trust_bytes=(folder / "trust.json").read_bytes(),
        roots=trust.load_roots(root_key_files()),
    )


def server_rows(ctx: ServerContext) -> tuple[int, int]:
    with ctx.db.read() as session:
        rows = session.scalar(select(func.count()).select_from(Statement))
        distinct = session.scalar(select(func.count(func.distinct(Statement.statement_id))))
    return rows, distinct


def test_status_goes_from_offline_to_synced_when_the_server_comes_up(
    qtbot, qapp, tmp_path, starter_packs, server_ctx
):
    # The ministry: a mission, a learner with a code, and a pack assigned with a due date.
    with server_ctx.db.write() as session:
        ministry = admin.create_unit(session, "test", "Bộ Ngoại giao", "ministry", None).id
        mission = admin.create_unit(session, "test", "ĐSQ Tokyo", "mission", ministry).id
        learner = admin.create_learner(session, "test", "Trần Văn An", mission).id
        code = admin.create_enrolment_code(session, "test", learner, 14)
    extra = make_pack(dev_keys(), tmp_path / "assigned.hvpack")
    added = admin.add_pack(
        server_ctx.db, "test", extra, server_ctx.settings.data_dir, server_ctx.roots
    )
    with server_ctx.db.write() as session:
        admin.assign(session, "test", added.pack_id, mission, DUE)

    window = start_app(qtbot, qapp, tmp_path / "data", starter_packs, lang="en")
    # Short retries and a short schedule keep the test quick; the app uses minutes.
    window.sync.client_factory = functools.partial(SyncClient, retry=make_retry(1, 0.05))
    window.sync.interval, window.sync.longest = 0.3, 0.6
    create_profile(qtbot, window, "Trần Văn An")
    assert window.sync_line.isVisible()
    assert window.sync_line.text() == "Not connected to the ministry server"

    # Connect in Settings while the server is up.
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = ThreadServer(server_ctx, port=port)
    window.show_screen("settings")
    box = window.settings.sync
    box.server.setText(url)
    box.code.setText(code)
    box.device.setText("Laptop ĐSQ")
    qtbot.mouseClick(box.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sync_line.text().startswith("Synced"), timeout=30_000)
    assert window.last_message.startswith(f"Connected to {url}")
    assert box.connected and box.sync_button.isEnabled()

    # The assigned pack was downloaded and installed; Home lists it with its due date.
    idle(qtbot, window)
    assert window.workspace.library.get(added.pack_id) is not None
    window.show_screen("home")
    idle(qtbot, window)
    qtbot.waitUntil(lambda: DUE.isoformat() in _home_text(window), timeout=10_000)

    # The server goes away; the learner studies; the status says offline, with the count.
    server.stop()
    ref = next(iter(window.workspace.catalog.modules()))
    from desktop.catalog import LessonRef

    window.open_lesson(LessonRef(ref.pack_id, ref.module_id, ref.lessons[0]["slug"]))
    idle(qtbot, window)
    qtbot.mouseClick(window.lesson.done, Qt.MouseButton.LeftButton)
    idle(qtbot, window)
    window.sync.sync_now()
    qtbot.waitUntil(lambda: window.sync_line.text().startswith("Offline"), timeout=30_000)
    assert "waiting" in window.sync_line.text()
    pending_offline = window.tasks.db(window.learner.pending_count).result()
    assert pending_offline >= 2  # the lesson was opened and completed

    # The server comes back on the same address: the schedule syncs by itself.
    server = ThreadServer(server_ctx, port=port)
    try:
        qtbot.waitUntil(lambda: window.sync_line.text().startswith("Synced"), timeout=30_000)
        assert "waiting" not in window.sync_line.text()
        local = window.tasks.db(window.learner.statements).result()
        assert server_rows(server_ctx) == (len(local), len(local))
    finally:
        window.close()
        server.stop()


def _home_text(window) -> str:
    listed = window.home.assigned
    return "\n".join(listed.item(n).text() for n in range(listed.count()))


def test_a_mission_without_a_connection_syncs_by_file(
    qtbot, qapp, tmp_path, starter_packs, server_ctx, monkeypatch
):
    """Never online: the learner saves an encrypted file (enrolling with the code and
    the server key file from the admin), the admin imports it twice, and the file that
    comes back installs the assigned pack."""
    from PySide6.QtWidgets import QFileDialog

    from sync.server.bundles import export_return_bundle, import_bundle

    with server_ctx.db.write() as session:
        ministry = admin.create_unit(session, "test", "Bộ Ngoại giao", "ministry", None).id
        mission = admin.create_unit(session, "test", "ĐSQ Havana", "mission", ministry).id
        learner = admin.create_learner(session, "test", "Lê Thị Hoa", mission).id
        code = admin.create_enrolment_code(session, "test", learner, 14)
    extra = make_pack(dev_keys(), tmp_path / "assigned.hvpack")
    added = admin.add_pack(
        server_ctx.db, "test", extra, server_ctx.settings.data_dir, server_ctx.roots
    )
    with server_ctx.db.write() as session:
        admin.assign(session, "test", added.pack_id, mission, DUE)
    keys_file = tmp_path / "server-keys.json"
    keys_file.write_text(server_ctx.keys.public_json(), encoding="utf-8")
    outgoing = tmp_path / "to-ministry.hvsync"
    incoming = tmp_path / "from-ministry.hvsync"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(outgoing), ""))
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        lambda parent, caption, *rest: (str(keys_file if "key" in caption else incoming), ""),
    )

    window = start_app(qtbot, qapp, tmp_path / "data", starter_packs, lang="en")
    create_profile(qtbot, window, "Lê Thị Hoa")
    assert _home_text(window) == "Nothing assigned yet."
    ref = next(iter(window.workspace.catalog.modules()))
    from desktop.catalog import LessonRef

    window.open_lesson(LessonRef(ref.pack_id, ref.module_id, ref.lessons[0]["slug"]))
    idle(qtbot, window)
    local = window.tasks.db(window.learner.statements).result()
    assert local

    try:
        window.show_screen("settings")
        box = window.settings.sync
        box.code.setText(code)
        qtbot.mouseClick(box.export_button, Qt.MouseButton.LeftButton)
        idle(qtbot, window)
        assert window.last_message.startswith(f"Saved {len(local)} result")
        data = outgoing.read_bytes()
        assert b"Havana" not in data and code.encode() not in data  # encrypted

        first = import_bundle(server_ctx, data, "admin", outgoing.name)
        import_bundle(server_ctx, data, "admin", outgoing.name)
        assert first.enrolled and first.learner_id == learner
        assert server_rows(server_ctx) == (len(local), len(local))

        export_return_bundle(server_ctx, learner, incoming, "admin")
        qtbot.mouseClick(box.import_button, Qt.MouseButton.LeftButton)
        idle(qtbot, window)
        assert window.last_message.startswith("Applied: 1 pack(s) installed")
        assert window.last_message.endswith("1 assignment from your unit, listed on Home.")
        assert window.workspace.library.get(added.pack_id) is not None
        assert window.tasks.db(window.learner.pending_count).result() == 0

        # Home lists the assigned pack, by its title, with the due date the bundle
        # brought: as after an online sync, though this laptop never reached the server.
        window.show_screen("home")
        idle(qtbot, window)
        title = pick(
            window.workspace.library.get(added.pack_id).manifest["title"], window.lesson_lang
        )
        qtbot.waitUntil(
            lambda: _home_text(window) == f"{title} — due {DUE.isoformat()}", timeout=10_000
        )
    finally:
        window.close()
