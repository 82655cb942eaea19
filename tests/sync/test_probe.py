"""The first look at the server before a sync (`SyncEngine.probe`): one request with
short timeouts and no retries, so the app can say "Offline" in seconds; a server that
answers is left to the full sync."""

from __future__ import annotations

import socket
import threading

from sync.engine import PROBE_TIMEOUT, SyncEngine

from .conftest import free_port
from .stores import TestStore


def _engine(tmp_path, store=None) -> SyncEngine:
    return SyncEngine(store or TestStore(), work_dir=tmp_path / "app")


def test_a_server_that_answers_is_left_to_the_sync(live, world, tmp_path):
    store = TestStore()
    store.record_many(3)
    engine = _engine(tmp_path, store)
    engine.connect(live.url, world.alice_code, "laptop")
    assert engine.probe() is None
    assert engine.status().last_ok is None  # the look records nothing
    assert engine.sync_once().ok and store.pending_count() == 0


def test_a_closed_port_is_recorded_as_offline_with_nothing_lost(live, world, tmp_path):
    store = TestStore()
    engine = _engine(tmp_path, store)
    engine.connect(live.url, world.alice_code, "laptop")
    store.record_many(5)
    store.set_setting("sync.server", {**engine.server, "url": f"http://127.0.0.1:{free_port()}"})
    report = engine.probe()
    assert report is not None and report.offline and not report.ok
    assert set(report.errors) == {"connect"}
    status = engine.status()
    assert status.offline and status.last_ok is False and status.pending == 5


def test_a_server_that_never_answers_gets_one_attempt(live, world, tmp_path):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    accepted: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                accepted.append(listener.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    try:
        engine = _engine(tmp_path)
        engine.connect(live.url, world.alice_code, "laptop")
        url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        engine.store.set_setting("sync.server", {**engine.server, "url": url})
        report = engine.probe((1.0, 0.5))
        assert report is not None and report.offline
        # The full sync would retry five times; the look asks once and gives up.
        assert len(accepted) == 1
    finally:
        listener.close()
        for connection in accepted:
            connection.close()
    assert sum(PROBE_TIMEOUT) < 5


def test_a_profile_not_connected_has_nothing_to_look_at(tmp_path):
    assert _engine(tmp_path).probe() is None
