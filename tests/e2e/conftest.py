"""The dashboard in a real headless Chromium (Debian's, installed by
scripts/chromium.sh; Playwright never downloads a browser here).

Without /usr/bin/chromium the browser tests fail under CI (CI=true) and are skipped
locally, saying why.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.server.context import ServerContext, ServerSettings
from tests.sync.conftest import ThreadServer
from tests.sync.dashboard_world import Ministry, seed_ministry

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: run `bash scripts/chromium.sh`"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture
def server_ctx(tmp_path: Path) -> Iterator[ServerContext]:
    ctx = ServerContext(ServerSettings(data_dir=tmp_path / "server"))
    ctx.db.migrate()
    yield ctx
    ctx.db.dispose()


@pytest.fixture
def seeded(server_ctx: ServerContext) -> Ministry:
    return seed_ministry(server_ctx)


@pytest.fixture
def server(server_ctx: ServerContext, seeded: Ministry) -> Iterator[ThreadServer]:
    live = ThreadServer(server_ctx)
    yield live
    live.stop()


@pytest.fixture
def browser_context(chromium_path: Path, tmp_path: Path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "chromium-profile"),
            executable_path=str(chromium_path),
            args=ARGS,
            viewport={"width": 1366, "height": 768},
            accept_downloads=True,
        )
        yield context
        context.close()
