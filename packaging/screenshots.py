"""Screenshots of every screen, in Vietnamese and English, at 1366x768, 1920x1080 and
1366x768 at 200 % scaling (QT_SCALE_FACTOR=2: 2732x1536 pixels).

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/screenshots.py [OUT_DIR]
    ... packaging/screenshots.py OUT_DIR --size 1920x1080 --scale 1   (one setting)

Uses a throw-away data folder, creates a profile, walks through the screens and
writes PNG files (default: build/screenshots/<setting>/). Each setting runs in its own
process: Qt reads the scale factor once, at start. Look at them after any UI change.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

# Before Qt loads: the scale factor applies to the whole process.
os.environ["QT_SCALE_FACTOR"] = (
    sys.argv[sys.argv.index("--scale") + 1] if "--scale" in sys.argv else "1"
)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QMessageBox, QScrollArea

from desktop.app import build_window

SETTINGS = (("1366x768", "1"), ("1920x1080", "1"), ("1366x768", "2"))


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
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = Path(args[0] if args and args[0] not in {"1", "2"} else "build/screenshots")
    if "--size" not in sys.argv:
        for size, scale in SETTINGS:
            folder = out / (size if scale == "1" else f"{size}@{scale}x")
            command = [sys.executable, __file__, str(folder), "--size", size, "--scale", scale]
            subprocess.run(command, check=True, env=_screen_env(size, scale))
        return
    width, height = (int(n) for n in sys.argv[sys.argv.index("--size") + 1].split("x"))
    shoot(out, width, height)
    sys.stdout.flush()
    # The pictures are saved: skip the interpreter's teardown, where PySide6 can crash
    # freeing widgets after QApplication is gone (a nonzero exit would fail the run).
    os._exit(0)


def _screen_env(size: str, scale: str) -> dict[str, str]:
    """The environment of one setting's process. Off screen, Qt's screen is 800x600
    unless told otherwise, and dialogs size themselves to the screen: give it the
    setting's size in device pixels, so at 200 % it is 1366x768 logical, like a laptop's."""
    env = dict(os.environ)
    if env.get("QT_QPA_PLATFORM", "offscreen") != "offscreen":
        return env  # a real display: its own screens
    width, height = (int(n) * int(scale) for n in size.split("x"))
    config = Path(tempfile.mkdtemp(prefix="hocvu-screen-")) / "screen.json"
    screen = {"name": "shot", "x": 0, "y": 0, "width": width, "height": height}
    config.write_text(json.dumps({"screens": [{**screen, "logicalDpi": 96}]}))
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    return env


def shoot(out: Path, width: int, height: int) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication([])
    data = Path(tempfile.mkdtemp(prefix="hocvu-shots-"))
    window = build_window(app, data)  # as `hocvu` builds it: style, font, translations
    window.resize(width, height)
    settle(app, window)

    def shot(name: str, lang: str, dialog=None) -> None:
        settle(app, window)
        image = window.grab()
        if dialog is not None:
            # A dialog is a window of its own: paint it where it opens, over the window.
            picture = dialog.grab()
            painter = QPainter(image)
            ratio = image.devicePixelRatio()
            painter.drawPixmap(
                int((image.width() / ratio - picture.width() / picture.devicePixelRatio()) // 2),
                int((image.height() / ratio - picture.height() / picture.devicePixelRatio()) // 3),
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
    for n, lang in enumerate(("vi", "en")):
        window.set_language(lang)
        window.workspace.settings.language = lang
        window.show_screen("home")
        shot("home", lang)
        window.show_screen("library")
        # The longest status line a learner sees: offline with results waiting.
        from desktop.ui.sync_panel import SyncView

        window.sync_line.show_view(SyncView(SyncView.OFFLINE, 12))
        settle(app, window)
        top = window.library.tree.topLevelItem(0)
        if top is not None and top.childCount():
            top.child(0).setExpanded(True)
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
        module = next(m for m in catalog.modules() if m.quiz)
        window.start_module_quiz(module.pack_id, module.module_id)
        shot("quiz-intro", lang)
        start(window)
        shot("quiz", lang)
        wrong_answers(window)
        shot("quiz-result", lang)
        scenario_item(window, lang, shot)
        window.show_screen("home")
        shot("home-review-due", lang)
        window.start_review()
        shot("review", lang)
        exam_screens(window, lang, shot, catalog.level_packs[n])
        window.start_placement()
        shot("placement-intro", lang)
        start(window)
        shot("placement", lang)
        placement_result(window)
        shot("placement-result", lang)
        window.show_screen("search")
        window.search.field.setText("bao mat" if lang == "vi" else "password")
        window.search.query_changed.emit(window.search.field.text())
        shot("search", lang)
        window.search.field.setText("zzqqxx")
        window.search.query_changed.emit(window.search.field.text())
        shot("search-nothing", lang)
        window.show_screen("certificates")
        shot("certificates", lang)
        window.show_screen("settings")
        shot("settings", lang)
        window.settings.high_contrast.setChecked(True)
        shot("settings-high-contrast", lang)
        window.show_screen("library")
        shot("library-high-contrast", lang)
        window.show_screen("settings")
        window.settings.high_contrast.setChecked(False)
        window.lock()
        shot("unlock", lang)
        window.unlock.passphrase.setText("sông núi mây trời 2026")
        window.unlock.unlock_button.click()
        settle(app, window, 300)
    window.close()
    print(f"screenshots in {out}")


def start(window) -> None:
    """Start on a quiz's introduction; confirm a timed exam."""
    settle(QApplication.instance(), window)
    window.quiz.intro.start.click()
    settle(QApplication.instance(), window)
    if window.quiz.confirm_box is not None:
        press(window.quiz.confirm_box, QMessageBox.ButtonRole.AcceptRole)


def placement_result(window) -> None:
    """Finish the placement test with its first area answered right: the summary by area."""
    from tests.desktop.app_driver import right_answer

    app, screen = QApplication.instance(), window.quiz
    area = screen.run.questions[0].item.measured_area
    for n, question in enumerate(screen.run.questions):
        if question.item.measured_area != area:
            break
        screen._go(n)
        screen.widget.set_response(right_answer(question.item))
        screen.next.click()
        settle(app, window)
    screen._go(len(screen.run.questions) - 1)
    screen.finish.click()
    settle(app, window)
    if screen.confirm_box is not None:
        press(screen.confirm_box, QMessageBox.ButtonRole.AcceptRole)
    settle(app, window)


def press(box: QMessageBox, role) -> None:
    next(b for b in box.buttons() if box.buttonRole(b) == role).click()


def wrong_answers(window) -> None:
    """Answer the running quiz wrongly where a wrong choice is plain (so review has
    questions due), blank elsewhere, and finish: the result page."""
    app, screen = QApplication.instance(), window.quiz
    for n in range(len(screen.run.questions)):
        if screen.index != n:
            screen._go(n)
        wrong = _wrong(screen.run.questions[n].item)
        if wrong is not None:
            screen.widget.set_response(wrong)
        if n < len(screen.run.questions) - 1:
            screen.next.click()
            settle(app, window)
    screen.finish.click()
    settle(app, window)
    if screen.confirm_box is not None:
        press(screen.confirm_box, QMessageBox.ButtonRole.AcceptRole)
    settle(app, window)


def _wrong(item):
    if item.type == "single":
        return next((o.id for o in item.options if not o.correct), None)
    if item.type == "true_false":
        return not item.answer
    return None


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
    start(window)
    run = window.quiz.run
    longest = max(
        range(len(run.questions)), key=lambda n: len(pick(run.questions[n].item.prompt, lang))
    )
    window.quiz._go(longest)
    shot("quiz-scenario", lang)


def exam_screens(window, lang: str, shot, pack) -> None:
    """The exam from its introduction to "submitted, awaiting result" on Home. Each
    language takes another level's exam: a submission closes an exam for a day."""
    window.start_exam(pack.pack_id)
    shot("exam-intro", lang)
    window.quiz.intro.start.click()
    settle(QApplication.instance(), window)
    if window.quiz.confirm_box is not None:
        shot("exam-start", lang, window.quiz.confirm_box)
        press(window.quiz.confirm_box, QMessageBox.ButtonRole.AcceptRole)
    shot("exam", lang)
    screen = window.quiz
    screen._confirm_submit()
    shot("exam-submit", lang, screen.confirm_box)
    press(screen.confirm_box, QMessageBox.ButtonRole.AcceptRole)
    shot("exam-submitted", lang)
    window.show_screen("home")
    window.home.findChild(QScrollArea).verticalScrollBar().setValue(10_000)
    shot("home-exam-awaiting", lang)
    # The ministry's result arrives (as a pull would bring it): Home by area, library.
    record_server_result(window, pack)
    window.show_screen("home")
    window.home.findChild(QScrollArea).verticalScrollBar().setValue(10_000)
    shot("home-exam-result", lang)
    window.show_screen("library")
    shot("library-exam-result", lang)


def record_server_result(window, pack) -> None:
    """A result statement as the server writes it, for the latest exam submission."""
    from sync.progress import facts_of
    from sync.xapi import EXT_GRADING, SERVER_HOME_PAGE, make_statement

    learner = window.learner
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
