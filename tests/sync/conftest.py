"""Fixtures for the sync tests: a real server on SQLite and on PostgreSQL, real signed
packs, real learners and enrolled devices.

Every server test is parametrised over both databases. PostgreSQL comes from
`HOCVU_TEST_POSTGRES_URL` or from `scripts/postgres.sh`; each test gets a fresh
database copied from a migrated template. When PostgreSQL cannot be started the
PostgreSQL tests fail under CI (CI=true) and are skipped locally with the reason.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, text

from content import keys
from sync.server import admin
from sync.server.app import create_app
from sync.server.context import ServerContext, ServerSettings
from sync.server.db import Database, normalise_url
from tests.content.conftest import CREATED, DevKeys, make_pack

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = "hocvu_template"

__all__ = ["CREATED", "DevKeys", "make_pack"]


@pytest.fixture(scope="session")
def dev() -> DevKeys:
    from content import trust
    from hocvu.paths import development_dir, root_key_files

    folder = development_dir()
    return DevKeys(
        root=keys.load_private(folder / "DEVELOPMENT-ONLY-root.key", "development-only"),
        trainer=keys.load_private(folder / "DEVELOPMENT-ONLY-trainer.key", None),
        trust_bytes=(folder / "trust.json").read_bytes(),
        roots=trust.load_roots(root_key_files()),
    )


# ------------------------------------------------------------------ PostgreSQL


def _postgres_url() -> str:
    url = os.environ.get("HOCVU_TEST_POSTGRES_URL")
    if url:
        return url
    try:
        done = subprocess.run(
            ["bash", str(ROOT / "scripts" / "postgres.sh")],
            capture_output=True,
            text=True,
            timeout=600,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise RuntimeError(f"scripts/postgres.sh could not run: {exc}") from None
    if done.returncode != 0:
        raise RuntimeError(f"scripts/postgres.sh failed: {done.stderr.strip()[-500:]}")
    return done.stdout.strip().splitlines()[-1]


@pytest.fixture(scope="session")
def postgres_admin_url() -> str:
    try:
        url = normalise_url(_postgres_url())
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as exc:
        message = f"PostgreSQL is not available: {exc}"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    return url


def _with_database(url: str, name: str) -> str:
    base, _, _ = url.rpartition("/")
    return f"{base}/{name}"


@pytest.fixture(scope="session")
def postgres_template(postgres_admin_url: str) -> str:
    """A database migrated to head once per session; tests copy it."""
    admin_engine = create_engine(postgres_admin_url, isolation_level="AUTOCOMMIT")
    with admin_engine.connect() as connection:
        connection.execute(text(f"DROP DATABASE IF EXISTS {TEMPLATE} WITH (FORCE)"))
        connection.execute(text(f"CREATE DATABASE {TEMPLATE}"))
    db = Database(_with_database(postgres_admin_url, TEMPLATE))
    db.migrate()
    db.dispose()
    admin_engine.dispose()
    return TEMPLATE


@contextlib.contextmanager
def fresh_postgres(admin_url: str, template: str) -> Iterator[str]:
    name = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f"CREATE DATABASE {name} TEMPLATE {template}"))
    try:
        yield _with_database(admin_url, name)
    finally:
        # A server subprocess's backends may still be closing: try again for a while.
        for attempt in range(20):
            try:
                with engine.connect() as connection:
                    connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                break
            except Exception:
                if attempt == 19:
                    raise
                time.sleep(0.5)
        engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'server.db'}"
        return
    template = request.getfixturevalue("postgres_template")
    admin_url = request.getfixturevalue("postgres_admin_url")
    with fresh_postgres(admin_url, template) as url:
        yield url


# ------------------------------------------------------------------ server


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> ServerSettings:
    return ServerSettings(data_dir=tmp_path / "server", database_url=database_url)


@pytest.fixture
def ctx(settings: ServerSettings) -> Iterator[ServerContext]:
    context = ServerContext(settings)
    context.db.migrate()
    yield context
    context.db.dispose()


@pytest.fixture
def api(ctx: ServerContext):
    from fastapi.testclient import TestClient

    with TestClient(create_app(ctx.settings, ctx)) as client:
        yield client


@dataclass
class World:
    """A ministry with one mission, two learners and an enrolment code each."""

    ministry: int
    mission: int
    alice: str
    bob: str
    alice_code: str
    bob_code: str


@pytest.fixture
def world(ctx: ServerContext) -> World:
    with ctx.db.write() as session:
        ministry = admin.create_unit(session, "test", "Bộ Ngoại giao", "ministry", None).id
        mission = admin.create_unit(session, "test", "ĐSQ Tokyo", "mission", ministry).id
        alice = admin.create_learner(session, "test", "Nguyễn Thị An", mission).id
        bob = admin.create_learner(session, "test", "Trần Văn Bình", mission).id
        alice_code = admin.create_enrolment_code(session, "test", alice, 14)
        bob_code = admin.create_enrolment_code(session, "test", bob, 14)
    return World(ministry, mission, alice, bob, alice_code, bob_code)


def new_code(ctx: ServerContext, learner_id: str, days: int = 14) -> str:
    with ctx.db.write() as session:
        return admin.create_enrolment_code(session, "test", learner_id, days)


def enrol(api, code: str, profile_id: str | None = None, **extra) -> dict:
    body = {
        "code": code,
        "device_name": "test laptop",
        "device_public_key": keys.public_b64(keys.new_key().public_key()),
        "profile_id": profile_id or str(uuid.uuid4()),
        **extra,
    }
    response = api.post("/api/v1/enrol", json=body)
    assert response.status_code == 200, response.text
    return {**response.json(), "profile_id": body["profile_id"]}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


# ------------------------------------------------------------------ live servers


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThreadServer:
    """The app served by uvicorn on a loopback port inside the test process."""

    def __init__(self, ctx: ServerContext, fail_first: int = 0, port: int | None = None) -> None:
        import uvicorn

        ctx.settings.fail_first = fail_first
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            create_app(ctx.settings, ctx),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
            timeout_graceful_shutdown=1,
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture
def live(ctx: ServerContext) -> Iterator[ThreadServer]:
    server = ThreadServer(ctx)
    yield server
    server.stop()


class ProcessServer:
    """`hocvu server` in a subprocess, so a test can kill -9 it and start it again."""

    def __init__(self, settings: ServerSettings, port: int | None = None, fail_first: int = 0):
        self.settings = settings
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.fail_first = fail_first
        self.process: subprocess.Popen | None = None

    def start(self) -> ProcessServer:
        command = [
            sys.executable,
            "-m",
            "hocvu",
            "server",
            "--port",
            str(self.port),
            "--data-dir",
            str(self.settings.data_dir),
            "--database-url",
            self.settings.url,
            "--log-level",
            "warning",
        ]
        if self.fail_first:
            command += ["--test-fail-first", str(self.fail_first)]
        self.process = subprocess.Popen(command, cwd=ROOT)
        deadline = time.monotonic() + 30
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"the server exited with {self.process.returncode}")
            try:
                # Not /api/: the test-only 503s are for the client under test.
                requests.get(f"{self.url}/openapi.json", timeout=1)
                return self
            except requests.RequestException:
                if time.monotonic() > deadline:
                    raise RuntimeError("the server did not start in time") from None
                time.sleep(0.05)

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
