"""Once end to end (issue 15): a learner studies in the real app, syncs with the real
server over HTTP, and the dashboard shows what the app shows; the same learner's
second laptop gets the history back, studies more, and all three still agree.

The app is driven through its widgets (pytest-qt); the server is uvicorn on a
loopback port in this process, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.catalog import LessonRef
from sync.client import SyncClient, make_retry
from sync.server import admin
from sync.server.context import ServerContext, ServerSettings
from tests.desktop.app_driver import (
    answer_all,
    create_profile,
    idle,
    right_answer,
    start_app,
    start_module_quiz,
)
from tests.desktop.conftest import starter_packs  # noqa: F401  (a fixture)
from tests.sync.conftest import (  # noqa: F401  (fixtures)
    ThreadServer,
    database_url,
    postgres_admin_url,
    postgres_template,
)
from tests.sync.exams import install_grading_key
from tests.sync.test_progress_agrees import dashboard_figures, figures_of

NAME = "Nguyễn Thị An"


@pytest.fixture
def server_ctx(tmp_path: Path, database_url: str, starter_packs: Path):  # noqa: F811
    """The ministry's server with the starter packs the laptops have."""
    ctx = ServerContext(ServerSettings(data_dir=tmp_path / "server", database_url=database_url))
    ctx.db.migrate()
    install_grading_key(ctx)
    for pack in sorted(starter_packs.glob("*.hvpack")):
        admin.add_pack(ctx.db, "test", pack, ctx.settings.data_dir, ctx.roots)
    yield ctx
    ctx.db.dispose()


def laptop(qtbot, qapp, folder: Path, packs: Path, url: str, code: str, device: str):
    """The app on a new laptop: a profile, connected to the server in Settings."""
    window = start_app(qtbot, qapp, folder, packs, lang="en")
    window.sync.client_factory = functools.partial(SyncClient, retry=make_retry(1, 0.05))
    create_profile(qtbot, window, NAME)
    window.show_screen("settings")
    box = window.settings.sync
    box.server.setText(url)
    box.code.setText(code)
    box.device.setText(device)
    qtbot.mouseClick(box.connect_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.sync_line.text().startswith("Synced"), timeout=30_000)
    sync_now(qtbot, window)
    return window


def sync_now(qtbot, window) -> None:
    idle(qtbot, window)
    qtbot.waitUntil(lambda: not window.sync.syncing, timeout=30_000)
    window.sync.sync_now()
    qtbot.waitUntil(
        lambda: not window.sync.syncing and window.sync_line.text().startswith("Synced"),
        timeout=30_000,
    )
    idle(qtbot, window)
    assert window.tasks.db(window.learner.pending_count).result() == 0


def study(qtbot, window, module, lessons: int) -> None:
    """Open the module's first lessons and mark them done, as the learner does."""
    for lesson in module.lessons[:lessons]:
        window.open_lesson(LessonRef(module.pack_id, module.module_id, lesson["slug"]))
        idle(qtbot, window)
        qtbot.mouseClick(window.lesson.done, Qt.MouseButton.LeftButton)
        idle(qtbot, window)


def take_module_quiz(qtbot, window, module) -> None:
    start_module_quiz(qtbot, window, module.pack_id, module.module_id)
    answer_all(qtbot, window, lambda question: right_answer(question.item, "en"))
    idle(qtbot, window)


def app_figures(window) -> dict:
    catalog = window.workspace.catalog
    progress = window.tasks.db(lambda: window.learner.progress(catalog.course_map())).result()
    return figures_of(progress)


def test_two_laptops_and_the_dashboard_show_the_same_progress(
    qtbot,
    qapp,
    tmp_path,
    starter_packs,  # noqa: F811
    server_ctx,
):
    with server_ctx.db.write() as session:
        top = admin.create_unit(session, "test", "Bộ Ngoại giao", "ministry", None).id
        mission = admin.create_unit(session, "test", "ĐSQ Tokyo", "mission", top).id
        learner = admin.create_learner(session, "test", NAME, mission).id
        first_code = admin.create_enrolment_code(session, "test", learner, 14)
        second_code = admin.create_enrolment_code(session, "test", learner, 14)
    server = ThreadServer(server_ctx)
    windows = []
    try:
        # Laptop A: the first lessons of a module and its quiz, then a sync.
        a = laptop(qtbot, qapp, tmp_path / "a", starter_packs, server.url, first_code, "A")
        windows.append(a)
        modules = [m for m in a.workspace.catalog.modules() if m.quiz and len(m.lessons) > 1]
        first, other = modules[0], modules[-1]
        study(qtbot, a, first, 2)
        take_module_quiz(qtbot, a, first)
        study(qtbot, a, other, 1)
        sync_now(qtbot, a)
        shown = app_figures(a)
        assert any(shown["areas"].values()) and any(shown["levels"].values())
        for page in dashboard_figures(server_ctx, learner, mission, top):
            assert page == shown

        # Laptop B, same learner: the history comes back; B studies more.
        b = laptop(qtbot, qapp, tmp_path / "b", starter_packs, server.url, second_code, "B")
        windows.append(b)
        assert app_figures(b) == shown
        study(qtbot, b, other, 2)
        sync_now(qtbot, b)
        sync_now(qtbot, a)
        after = app_figures(b)
        assert after != shown
        assert app_figures(a) == after
        for page in dashboard_figures(server_ctx, learner, mission, top):
            assert page == after
    finally:
        for window in windows:
            window.close()
        server.stop()
