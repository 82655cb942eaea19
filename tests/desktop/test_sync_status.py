"""The sync status line under the navigation: it follows a language switch, and with
the server down it goes from "Checking…" to "Offline" in seconds, not after the full
sync's retries; the schedule keeps trying in the background."""

from __future__ import annotations

import socket

import pytest
from PySide6.QtCore import QCoreApplication

from sync.engine import PROBE_TIMEOUT, SERVER
from tests.desktop.app_driver import create_profile, idle, start_app
from tests.sync.conftest import free_port


def test_the_status_line_follows_a_language_switch(qtbot, qapp, tmp_path, starter_packs):
    window = start_app(qtbot, qapp, tmp_path / "data", starter_packs, lang="en")
    create_profile(qtbot, window, "Lan")
    assert window.sync_line.text() == "Not connected to the ministry server"
    window.workspace.settings.language = "en"  # as a learner who chose English has it
    window.show_screen("settings")
    window.settings.language.setCurrentIndex(window.settings.language.findData("vi"))
    vietnamese = QCoreApplication.translate(
        "SyncStatusLine", "Not connected to the ministry server"
    )
    assert vietnamese != "Not connected to the ministry server"
    qtbot.waitUntil(lambda: window.sync_line.text() == vietnamese)
    assert window.sync_line.label.accessibleName().endswith(vietnamese)
    window.close()


@pytest.fixture
def silent_server():
    """A port that accepts connections and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    listener.close()


def _connect_to(window, url: str) -> None:
    """This profile enrolled on `url` earlier (as Connect in Settings would leave it)."""
    learner = window.learner
    window.tasks.db(lambda: learner.set_setting(SERVER, {"url": url})).result()
    window.tasks.db(lambda: learner.set_device_token("token")).result()


@pytest.mark.parametrize("down", ["closed-port", "never-answers"])
def test_with_the_server_down_the_line_shows_checking_then_offline(
    qtbot, qapp, tmp_path, starter_packs, silent_server, down
):
    assert sum(PROBE_TIMEOUT) < 5  # the first look is short, whatever the full sync's
    url = silent_server if down == "never-answers" else f"http://127.0.0.1:{free_port()}"
    window = start_app(qtbot, qapp, tmp_path / "data", starter_packs, lang="en")
    create_profile(qtbot, window, "Lan")
    idle(qtbot, window)
    _connect_to(window, url)
    seen: list[str] = []
    window.sync.sync_now()
    seen.append(window.sync_line.text())
    # The full sync retries for 15–35 s (and 30 s a read); the quick look says Offline
    # well before. The app's real client is used: no test factory shortens anything.
    qtbot.waitUntil(lambda: window.sync_line.text().startswith("Offline"), timeout=10_000)
    assert seen == ["Checking…"]
    assert window.sync_line.button.isVisible()  # "Sync now" is offered again
    assert window.sync.timer.isActive()  # and the schedule tries again by itself
    window.close()
