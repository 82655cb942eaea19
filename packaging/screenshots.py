"""Screenshots of every screen, in Vietnamese and English, at 1366x768.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/screenshots.py [OUT_DIR]

Uses a throw-away data folder, creates a profile, walks through the screens and
writes PNG files (default: build/screenshots/). Look at them after any UI change.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from desktop.app import build_window


def settle(app: QApplication, window, ms: int = 150) -> None:
    """Let background work finish and the screen repaint."""
    for _ in range(600):
        loop = QEventLoop()
        QTimer.singleShot(20, loop.quit)
        loop.exec()
        if window.tasks.running == 0:
            break
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "build/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    data = Path(tempfile.mkdtemp(prefix="hocvu-shots-"))
    window = build_window(app, data)  # as `hocvu` builds it: style, font, translations
    settle(app, window)

    def shot(name: str, lang: str) -> None:
        settle(app, window)
        window.grab().save(str(out / f"{lang}-{name}.png"))

    window.new_profile.name.setText("Nguyễn Thị Minh Hằng")
    window.new_profile.passphrase.setText("sông núi mây trời 2026")
    window.new_profile.repeat.setText("sông núi mây trời 2026")
    for lang in ("vi", "en"):
        window.set_language(lang)
        shot("new-profile", lang)
    window.set_language("vi")
    window.new_profile.placement.setChecked(False)
    window.new_profile.create_button.click()
    settle(app, window, 300)
    catalog = window.workspace.catalog
    first = catalog.lesson_sequence()[0]
    for lang in ("vi", "en"):
        window.set_language(lang)
        window.show_screen("home")
        shot("home", lang)
        window.show_screen("library")
        # The longest status line a learner sees: offline with results waiting.
        from desktop.ui.sync_panel import SyncView

        window.sync_line.show_view(SyncView(SyncView.OFFLINE, 12))
        shot("library", lang)
        window.open_lesson(first, lang)
        shot("lesson", lang)
        pictured = next(ref for ref in catalog.lesson_sequence() if ref.slug.endswith("phishing"))
        window.open_lesson(pictured, lang)
        window.lesson.browser.verticalScrollBar().setValue(400)
        shot("lesson-picture", lang)
        module = next(catalog.modules())
        window.start_module_quiz(module.pack_id, module.module_id)
        shot("quiz", lang)
        window.start_exam(catalog.level_packs[0].pack_id)
        shot("exam", lang)
        window.quiz.run.questions = window.quiz.run.questions[:1]
        window.quiz._finish()
        shot("exam-result", lang)
        window.start_placement()
        shot("placement", lang)
        window.show_screen("search")
        window.search.field.setText("bao mat" if lang == "vi" else "password")
        window.search.query_changed.emit(window.search.field.text())
        shot("search", lang)
        window.show_screen("certificates")
        shot("certificates", lang)
        window.show_screen("settings")
        shot("settings", lang)
        window.lock()
        shot("unlock", lang)
        window.unlock.passphrase.setText("sông núi mây trời 2026")
        window.unlock.unlock_button.click()
        settle(app, window, 300)
    window.close()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
