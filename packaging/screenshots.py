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
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QScrollArea

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

    def shot(name: str, lang: str, dialog=None) -> None:
        settle(app, window)
        image = window.grab()
        if dialog is not None:
            # A dialog is a window of its own: paint it where it opens, over the window.
            picture = dialog.grab()
            painter = QPainter(image)
            painter.drawPixmap(
                (image.width() - picture.width()) // 2,
                (image.height() - picture.height()) // 3,
                picture,
            )
            painter.end()
        image.save(str(out / f"{lang}-{name}.png"))

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
        for slug in NEW_LESSONS:
            ref = next((r for r in catalog.lesson_sequence() if r.slug == slug), None)
            if ref is not None:
                window.open_lesson(ref, lang)
                shot(f"lesson-{slug}", lang)
        practice_dialog(window, first, lang, shot)
        module = next(catalog.modules())
        window.start_module_quiz(module.pack_id, module.module_id)
        shot("quiz", lang)
        scenario_item(window, lang, shot)
        exam_screens(window, lang, shot)
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


# Lessons added for the 2027 curriculum, pictured in both languages.
NEW_LESSONS = ("l1-orientation-certification", "l3-a1-verifying-information")


def practice_dialog(window, ref, lang: str, shot) -> None:
    """The question a lesson ends with, as "Check yourself" opens it."""
    from content.forms import lesson_practice
    from desktop.ui.practice import PracticeDialog

    catalog = window.workspace.catalog
    module = catalog.module(ref.pack_id, ref.module_id)
    quiz = catalog.quiz(ref.pack_id, module.quiz)
    meta = catalog.packs[ref.pack_id].lesson(ref.slug, lang).meta
    drawn = lesson_practice(quiz, meta.competences, 7)
    item = next(i for i in quiz.items if i.id == drawn.item_id)
    window.open_lesson(ref, lang)
    dialog = PracticeDialog(item, drawn, lang, window)
    dialog.show()
    shot("lesson-practice", lang, dialog)
    dialog.close()


def scenario_item(window, lang: str, shot) -> None:
    """A level-3 scenario item: the module quiz's question with the longest prompt."""
    from content.localised import pick

    catalog = window.workspace.catalog
    module = next((m for m in catalog.modules() if (m.level, m.area) == (3, 4) and m.quiz), None)
    if module is None:
        return
    window.start_module_quiz(module.pack_id, module.module_id)
    settle(QApplication.instance(), window)
    run = window.quiz.run
    longest = max(
        range(len(run.questions)), key=lambda n: len(pick(run.questions[n].item.prompt, lang))
    )
    window.quiz._go(longest)
    shot("quiz-scenario", lang)


def exam_screens(window, lang: str, shot) -> None:
    """The exam from the start dialog to "submitted, awaiting result" on Home. The
    script starts the attempt itself in the second language: the first one's
    submission has closed the exam for a day."""
    from desktop.quiz_run import QuizRun, exam_preflight

    catalog, learner = window.workspace.catalog, window.learner
    pack = catalog.level_packs[0]
    quiz = catalog.quiz(pack.pack_id, pack.manifest["exam"]["quiz"])
    preflight = window.tasks.db(lambda: exam_preflight(learner, pack, quiz)).result()
    window._confirm_exam(preflight, lambda: None)
    shot("exam-start", lang, window.exam_box)
    window.exam_box.done(0)
    window._start_run(
        lambda: QuizRun.start(
            learner, pack, [quiz], "exam", practice=False, level=1, time_limit_s=3600
        ),
        window.names.level(1) + " — " + window.tr("Level exam"),
    )
    shot("exam", lang)
    screen = window.quiz
    screen._confirm_submit()
    shot("exam-submit", lang, screen.confirm_box)
    box = screen.confirm_box
    role = box.ButtonRole.AcceptRole
    next(b for b in box.buttons() if box.buttonRole(b) == role).click()
    shot("exam-submitted", lang)
    window.show_screen("home")
    window.home.findChild(QScrollArea).verticalScrollBar().setValue(10_000)
    shot("home-exam-awaiting", lang)
    # The ministry's result arrives (as a pull would bring it): Home by area, library.
    record_server_result(window)
    window.show_screen("home")
    window.home.findChild(QScrollArea).verticalScrollBar().setValue(10_000)
    shot("home-exam-result", lang)
    window.show_screen("library")
    shot("library-exam-result", lang)


def record_server_result(window) -> None:
    """A result statement as the server writes it, for the latest exam submission."""
    from sync.progress import facts_of
    from sync.xapi import EXT_GRADING, SERVER_HOME_PAGE, make_statement

    learner = window.learner
    pack = window.workspace.catalog.level_packs[0]
    statements = window.tasks.db(learner.statements).result()
    submitted = [f for f in facts_of(statements) if f.kind == "exam" and f.verb == "completed"]
    result = make_statement(
        profile_id=learner.profile_id,
        verb="failed",
        pack_id=pack.pack_id,
        kind="exam",
        local_id=pack.manifest["exam"]["quiz"],
        pack_version=pack.version,
        app_version="server",
        device_id="server",
        registration=submitted[-1].registration,
        score=0.7,
        success=False,
        completion=True,
    )
    result["authority"] = {
        "objectType": "Agent",
        "account": {"homePage": SERVER_HOME_PAGE, "name": "screenshots"},
    }
    result["result"]["extensions"] = {
        EXT_GRADING: {
            "status": "graded",
            "per_area": {"1": 0.8, "2": 1.0, "3": 0.6, "4": 0.4, "5": 0.8, "6": 0.6},
            "revisit": ["3.2", "4.1", "4.3", "6.1"],
            "certificate": None,
            "attempt": 2,
            "attempts_allowed": 3,
            "next_attempt_after": None,
        }
    }
    window.tasks.db(lambda: learner.insert_pulled([result])).result()


if __name__ == "__main__":
    main()
