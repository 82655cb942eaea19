"""`hocvu --smoke-test`: prove a built app works end to end, with no person at the keys.

Creates a throw-away profile, waits for the starter packs, opens the first lesson and
quits with 0; any failure quits with 1. Used by packaging checks.

`hocvu --screenshot PNG`: save the first screen and quit, on whatever display Qt
found (tests/desktop/test_display.py runs it under Xvfb with the xcb platform).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer


def run_smoke(app, window) -> int:
    state = {"code": 1, "step": "start"}

    def fail(message: str) -> None:
        print(f"smoke test failed at {state['step']}: {message}", file=sys.stderr)
        app.exit(1)

    def poll() -> None:
        try:
            if state["step"] == "start" and window.stack.currentWidget() is window.new_profile:
                state["step"] = "create"
                window.new_profile.name.setText("Smoke test")
                window.new_profile.passphrase.setText("smoke test passphrase 42")
                window.new_profile.repeat.setText("smoke test passphrase 42")
                window.new_profile.placement.setChecked(False)
                window.new_profile.create_button.click()
            elif (
                state["step"] == "create"
                and window.stack.currentWidget() is window.home
                and window.home._data is not None
            ):
                state["step"] = "lesson"
                first = window.workspace.catalog.lesson_sequence()[0]
                window.open_lesson(first)
            elif state["step"] == "lesson" and window.lesson.browser.toPlainText().strip():
                print(f"smoke test ok: {window.lesson.title.text()}")
                state["code"] = 0
                app.exit(0)
                return
        except Exception as error:
            fail(repr(error))
            return
        QTimer.singleShot(100, poll)

    QTimer.singleShot(0, poll)
    QTimer.singleShot(120_000, lambda: fail("timed out"))
    app.exec()
    return state["code"]


def save_first_screen(app, window, path: Path) -> int:
    """Wait for the unlock or new-profile screen to be painted, save it, quit."""
    state = {"code": 1}

    def poll() -> None:
        if window.stack.currentWidget() in (window.unlock, window.new_profile):
            app.processEvents()
            saved = window.grab().save(str(path))
            print(f"{app.platformName()}: first screen saved to {path}" if saved else "not saved")
            state["code"] = 0 if saved else 1
            app.exit(state["code"])
            return
        QTimer.singleShot(50, poll)

    QTimer.singleShot(0, poll)
    QTimer.singleShot(60_000, lambda: app.exit(1))
    app.exec()
    return state["code"]
