"""The Qt binding must not crash a long-running app. PySide6 6.12.0 drops a reference
to None each time a Python override calls the base class's event handler
(`super().changeEvent(event)`, `super().paintEvent(event)`, `super().keyPressEvent
(event)`): after some tens of thousands of such events (a window activated and
deactivated all day sends one to every screen each time) CPython frees None and the
process aborts ("none_dealloc"). pyproject.toml excludes that version."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = """
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

app = QApplication([])
from desktop.ui.home import HomeScreen

screen = HomeScreen()
for _ in range(200_000):
    QCoreApplication.sendEvent(screen, QEvent(QEvent.Type.ActivationChange))
print("still running")
"""


def test_a_screen_survives_a_long_day_of_window_activations():
    done = subprocess.run(
        [sys.executable, "-c", CHILD],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin", "HOME": str(ROOT)},
    )
    assert done.returncode == 0 and "still running" in done.stdout, done.stderr[-2000:]
