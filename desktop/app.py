"""Starting the desktop app: `hocvu` with no command.

Only what the unlock screen needs is imported before the window shows; the store,
the library and the lesson renderer load on the workers afterwards.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="hocvu", description="Học Vụ Số, the desktop app.")
    parser.add_argument("--data-dir", type=Path, help="where to keep profiles and packs")
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="start, create a profile, open a lesson and quit (packaging check)",
    )
    parser.add_argument(
        "--screenshot",
        type=Path,
        metavar="PNG",
        help="start, save the first screen (unlock or new profile) as PNG and quit "
        "(proves the display and Qt's platform libraries work)",
    )
    args = parser.parse_args(argv)
    if sys.platform.startswith("linux") and not any(
        os.environ.get(v) for v in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    ):
        print(
            "hocvu: no graphical display here (DISPLAY and WAYLAND_DISPLAY are unset). Start it "
            "from a desktop session, or set QT_QPA_PLATFORM=offscreen for a headless check.",
            file=sys.stderr,
        )
        return 1

    from PySide6.QtWidgets import QApplication

    from desktop.datadir import data_dir

    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = build_window(app, args.data_dir or data_dir())
    if args.smoke_test:
        from desktop.smoke import run_smoke

        return run_smoke(app, window)
    if args.screenshot:
        from desktop.smoke import save_first_screen

        return save_first_screen(app, window, args.screenshot)
    return app.exec()


def build_window(app, folder: Path):
    """The styled, translated main window on `folder`, shown."""
    from desktop.i18n import Languages
    from desktop.ui.main_window import MainWindow
    from desktop.workspace import Workspace
    from hocvu.paths import resources_dir

    app.setApplicationName("Học Vụ Số")
    app.setOrganizationName("MOFA")
    # Matches the .desktop file, so the window groups under the launcher's icon.
    app.setDesktopFileName("vn.gov.mofa.HocVuSo")
    icon = resources_dir() / "icons" / "hocvu.svg"
    if icon.exists():
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon(str(icon)))
    font = app.font()  # the system's font, so the app follows the learner's size setting
    if font.pointSizeF() < 10:
        font.setPointSizeF(10)
        app.setFont(font)
    workspace = Workspace(folder)
    from desktop.theme import apply_theme

    apply_theme(app, workspace.settings.high_contrast)
    languages = Languages(app)
    languages.use(workspace.settings.language)
    window = MainWindow(workspace, languages)
    window.resize(1366, 768)
    window.show()
    return window
