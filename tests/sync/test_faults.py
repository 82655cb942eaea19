"""Sync under faults; each ends with every statement stored exactly once.

The server runs for real (uvicorn on a loopback port, in a subprocess where a test
kills it); every wait is bounded, and no assertion is about time.
"""

from __future__ import annotations

import functools
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from sync.client import SyncClient, make_retry
from sync.engine import SyncEngine
from sync.server.models import Statement

from .conftest import ROOT, ProcessServer, ThreadServer
from .proxy import CuttingProxy
from .stores import TestStore

# Short backoff keeps the tests quick; the 503 test keeps the real one (Retry-After).
quick_client = functools.partial(SyncClient, retry=make_retry(backoff=0.05))


def counts(ctx) -> tuple[int, int]:
    """(rows, distinct statement ids) on the server."""
    with ctx.db.read() as session:
        rows = session.scalar(select(func.count()).select_from(Statement))
        distinct = session.scalar(select(func.count(func.distinct(Statement.statement_id))))
    return rows, distinct


def wait_for(condition, timeout: float = 60, what: str = "condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.02)


def sync_until_done(engine: SyncEngine, store: TestStore, tries: int = 6) -> list:
    reports = []
    for _ in range(tries):
        reports.append(engine.sync_once())
        if reports[-1].ok and store.pending_count() == 0:
            return reports
    raise AssertionError(f"sync did not finish: {reports[-1].summary()}")


def assert_exactly_once(ctx, store: TestStore, expected: int) -> None:
    rows, distinct = counts(ctx)
    assert rows == distinct == expected
    assert store.pending_count() == 0
    with ctx.db.read() as session:
        stored = set(session.scalars(select(Statement.statement_id)))
    assert stored == {s["id"] for s in store.statements()}


def test_server_killed_and_restarted_during_a_push(ctx, world, tmp_path: Path):
    server = ProcessServer(ctx.settings).start()
    try:
        store = TestStore()
        store.record_many(12_000)
        engine = SyncEngine(store, work_dir=tmp_path / "app", client_factory=quick_client)
        engine.connect(server.url, world.alice_code, "laptop")
        pushing = threading.Thread(target=engine.sync_once, daemon=True)
        pushing.start()
        wait_for(lambda: counts(ctx)[0] > 0, what="the first batch to arrive")
        server.kill()
        killed_at = counts(ctx)[0]
        server.start()
        pushing.join(timeout=120)
        assert not pushing.is_alive()
        sync_until_done(engine, store)
        assert killed_at < 12_000, "the push finished before the kill; make it bigger"
        assert_exactly_once(ctx, store, 12_000)
    finally:
        server.stop()


@pytest.mark.parametrize(
    ("direction", "cut_after"),
    [("request", 1_000), ("request", 150_000), ("response", 40), ("response", 200)],
)
def test_connections_cut_after_n_bytes(live, ctx, world, tmp_path, direction, cut_after):
    store = TestStore()
    engine = SyncEngine(store, work_dir=tmp_path / "app", client_factory=quick_client)
    engine.connect(live.url, world.alice_code, "laptop")
    store.record_many(1_500)
    proxy = CuttingProxy(live.port, cut_after=cut_after, direction=direction, cut_connections=4)
    try:
        engine.store.set_setting("sync.server", {**engine.server, "url": proxy.url})
        reports = sync_until_done(engine, store)
        assert proxy.cuts >= 1
        if direction == "response":
            # The server had stored the batch whose answer was cut: the retry found
            # every statement already there.
            assert sum(r.duplicates for r in reports) > 0
    finally:
        proxy.stop()
    assert_exactly_once(ctx, store, 1_500)


def test_503_with_retry_after_is_waited_out(ctx, world, tmp_path):
    server = ThreadServer(ctx, fail_first=3)
    try:
        with SyncClient(server.url) as client:
            client.about()
            statuses = [entry.status for entry in client.last_retries]
        assert statuses == [503, 503, 503]
        ctx.settings.fail_first = 0
    finally:
        server.stop()
    server = ThreadServer(ctx, fail_first=2)
    try:
        store = TestStore()
        store.record_many(700)
        engine = SyncEngine(store, work_dir=tmp_path / "app")
        engine.connect(server.url, world.alice_code, "laptop")
        report = engine.sync_once()
        assert report.ok, report.errors
    finally:
        server.stop()
    assert_exactly_once(ctx, store, 700)


def test_client_killed_mid_sync_then_run_again(live, ctx, world, tmp_path):
    path = tmp_path / "store.db"
    store = TestStore(path)
    store.record_many(8_000)
    SyncEngine(store, work_dir=tmp_path / "app").connect(live.url, world.alice_code, "laptop")
    store.close()
    command = [
        sys.executable,
        "-m",
        "tests.sync.client_process",
        str(path),
        str(tmp_path / "app"),
        "100",
    ]
    child = subprocess.Popen(command, cwd=ROOT)
    try:
        wait_for(lambda: counts(ctx)[0] >= 500 or child.poll() is not None, what="pushing")
    finally:
        child.kill()
        child.wait(timeout=10)
    assert counts(ctx)[0] < 8_000, "the sync finished before the kill; make it bigger"
    again = subprocess.run(command, cwd=ROOT, timeout=180, capture_output=True, text=True)
    assert again.returncode == 0, again.stdout + again.stderr
    assert_exactly_once(ctx, TestStore(path), 8_000)
