"""Dashboard logins cannot be turned against admins: failures are slowed per (account,
address), never locking the account's owner out from elsewhere, and the slow password
check holds no database write lock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from sync.server.app import create_app
from sync.server.dashboard import login as login_route
from sync.server.dashboard import sessions
from sync.server.db import now

from .dashboard_world import PASSWORD, log_in, seed_ministry


@pytest.fixture
def ministry(ctx):
    return seed_ministry(ctx)


def client_at(ctx, address: str) -> TestClient:
    return TestClient(create_app(ctx.settings, ctx), client=(address, 40000))


def test_a_strangers_failures_never_refuse_the_right_password_from_elsewhere(ctx, ministry):
    ctx.settings.login_free_failures = 2
    with client_at(ctx, "203.0.113.9") as stranger, client_at(ctx, "10.1.2.3") as owner:
        for _ in range(12):
            assert log_in(stranger, "tokyo", "guess").status_code in (401, 429)
        # The stranger is slowed down, more with every failure...
        assert log_in(stranger, "tokyo", PASSWORD).status_code == 429
        # ...but the owner, from the mission's own address, logs in at once.
        assert log_in(owner, "tokyo").status_code == 303


def test_the_wait_doubles_with_each_failure_and_ends(ctx, ministry, monkeypatch):
    ctx.settings.login_free_failures = 1
    clock = [now()]
    monkeypatch.setattr(login_route, "now", lambda: clock[0])
    waits = []
    with client_at(ctx, "198.51.100.7") as client:
        for _ in range(4):
            assert log_in(client, "tokyo", "guess").status_code == 401
            refused = log_in(client, "tokyo", PASSWORD)
            waits.append(int(refused.headers["Retry-After"]))
            clock[0] += timedelta(seconds=waits[-1])
        assert waits == [1, 2, 4, 8]
        assert log_in(client, "tokyo").status_code == 303


def test_the_password_hash_is_checked_outside_any_write_transaction(ctx, ministry, monkeypatch):
    if ctx.db.dialect != "sqlite":
        pytest.skip("SQLite has one writer at a time; PostgreSQL writers do not wait here")
    checked = []
    original = sessions.admin.check_password

    def check_while_writing(password: str, hashed: str) -> bool:
        # A device push during the hash: it would wait for the login's write lock
        # (and time out here) if the hash ran inside a write transaction.
        with ctx.db.write() as session:
            session.execute(text("PRAGMA busy_timeout = 0"))
            session.execute(text("CREATE TABLE IF NOT EXISTS probe (x)"))
        checked.append(password)
        return original(password, hashed)

    monkeypatch.setattr(sessions.admin, "check_password", check_while_writing)
    with client_at(ctx, "10.1.2.3") as client:
        assert log_in(client, "tokyo", "wrong").status_code == 401
        assert log_in(client, "tokyo").status_code == 303
    assert checked == ["wrong", PASSWORD]
