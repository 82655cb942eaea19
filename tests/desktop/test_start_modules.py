"""Start-up: nothing heavier than Qt and the profile list loads before the first screen
is painted; the store, the lesson renderer and the sync client load right after, while
the learner types. Checked by which modules are loaded, not by a clock."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = (
    "sqlalchemy",
    "requests",
    "markdown",
    "argon2",
    "yaml",
    "desktop.store",
    "sync.client",
    "sync.engine",
    "content.render",
    "content.library",
    "content.verify",
    # The screens behind the unlock screen, built while the passphrase is checked.
    "content.forms",
    "desktop.ui.home",
    "desktop.ui.lesson",
    "desktop.ui.quiz",
    "desktop.ui.review",
    "desktop.operations.quizzes",
)

CHILD = f"""
import json, sys, tempfile
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
HEAVY = {HEAVY!r}
app = QApplication([])
seen = {{}}

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "first" not in seen:
            seen["first"] = [m for m in HEAVY if m in sys.modules]
        return False

watcher = FirstPaint()
app.installEventFilter(watcher)
from desktop.app import build_window
folder = Path(tempfile.mkdtemp())
if sys.argv[1] == "profile":
    # A profile exists: the unlock screen lists it from the quick read.
    from desktop.store import KdfParams
    from desktop.workspace import Workspace
    Workspace(folder, kdf_params=KdfParams(8, 1, 1)).store.create_profile("Lan", "x" * 20)
    for name in list(sys.modules):
        if name.startswith(HEAVY):
            del sys.modules[name]
window = build_window(app, folder)

def done():
    if window.tasks.running:
        QTimer.singleShot(50, done)
        return
    seen["after"] = [m for m in HEAVY if m in sys.modules]
    seen["screen"] = type(window.stack.currentWidget()).__name__
    app.quit()

QTimer.singleShot(50, done)
app.exec()
print(json.dumps(seen))
"""


def modules_at_start(case: str) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    done = subprocess.run(
        [sys.executable, "-c", CHILD, case],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_first_screen_paints_before_the_store_renderer_and_sync_client_load():
    seen = modules_at_start("fresh")
    assert seen["screen"] == "NewProfileScreen"
    assert seen["first"] == []
    assert set(seen["after"]) >= {"sqlalchemy", "desktop.store", "content.render", "sync.client"}


def test_the_unlock_screen_lists_profiles_without_loading_the_store_first():
    seen = modules_at_start("profile")
    assert seen["screen"] == "UnlockScreen"
    assert seen["first"] == []
    assert "desktop.store" in seen["after"]
