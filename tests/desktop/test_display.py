"""`hocvu` on a real X display (Xvfb, Qt's xcb platform), as on a learner's desktop:
a Qt runtime library missing from the machine fails here rather than on a laptop
("Could not load the Qt platform plugin xcb"). scripts/setup.sh installs them and
Xvfb."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

from PySide6.QtGui import QImage


def test_the_app_starts_on_an_x_display_and_paints_its_first_screen(tmp_path):
    xvfb_run = shutil.which("xvfb-run")
    assert xvfb_run, "xvfb-run is missing: run scripts/setup.sh (it installs xvfb)"
    shot = tmp_path / "first.png"
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "WAYLAND_DISPLAY")}
    env |= {"QT_QPA_PLATFORM": "xcb", "HOCVU_DATA_DIR": str(tmp_path / "data")}
    app = [sys.executable, "-m", "hocvu", "--screenshot", str(shot)]
    done = subprocess.run(
        [xvfb_run, "-a", "-s", "-screen 0 1366x768x24", *app],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("xcb: first screen saved")
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1366, 768)
    # Painted, not blank: the card and its text give more than a handful of colours.
    colours = {image.pixel(x, y) for x in range(0, 1366, 7) for y in range(0, 768, 7)}
    assert len(colours) > 20
