"""A learner's whole day, through the real widgets (offscreen)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.desktop.app_driver import (
    PASSPHRASE,
    answer_all,
    begin,
    idle,
    right_answer,
    start_app,
    start_module_quiz,
)
from tests.desktop.app_driver import wrong_answer as wrong

PLACEMENT_AREA, PLACEMENT_LEVEL = 1, 1  # the module the learner already masters


def tree_states(window) -> dict[str, str]:
    """Library rows as shown: text of column 0 → text of column 1, for every row."""
    found = {}

    def walk(item) -> None:
        found[item.text(0)] = item.text(1)
        for n in range(item.childCount()):
            walk(item.child(n))

    tree = window.library.tree
    for n in range(tree.topLevelItemCount()):
        walk(tree.topLevelItem(n))
    return found


def area_share(window, area_index: int) -> float:
    return window.home.areas_chart.rows[area_index][1]


def test_a_learners_day_survives_a_restart(qtbot, qapp, tmp_path, starter_packs):
    folder = tmp_path / "data"
    window = start_app(qtbot, qapp, folder, starter_packs)

    # First run: create a profile and take the placement test.
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.new_profile)
    form = window.new_profile
    # QTest types only Latin-1 keys; Vietnamese text arrives as an input method would.
    form.name.setText("Trần Văn An")
    form.passphrase.setText(PASSPHRASE)
    form.repeat.setText(PASSPHRASE)
    assert form.placement.isChecked()
    qtbot.mouseClick(form.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.quiz, timeout=30_000)
    begin(qtbot, window)
    assert window.quiz.run.kind == "placement"
    assert window.quiz.title.text()

    def placement_choice(question):
        item = question.item
        if (item.area, item.level) == (PLACEMENT_AREA, PLACEMENT_LEVEL):
            return right_answer(item)
        return None

    answer_all(qtbot, window, placement_choice)
    assert "%" in window.quiz.result_text.text()
    qtbot.mouseClick(window.quiz.back, Qt.MouseButton.LeftButton)
    idle(qtbot, window)
    assert window.stack.currentWidget() is window.home
    window.show_screen("library")
    idle(qtbot, window)
    catalog = window.workspace.catalog
    skipped = next(
        m for m in catalog.modules() if (m.area, m.level) == (PLACEMENT_AREA, PLACEMENT_LEVEL)
    )
    second = next(m for m in catalog.modules() if (m.area, m.level) == (2, 1))
    states = tree_states(window)
    skipped_title = next(k for k in states if k.endswith(skipped.title["vi"]))
    assert states[skipped_title] == window.library.names.module_state(False, True, 0)

    # Home before studying.
    window.show_screen("home")
    idle(qtbot, window)
    before = area_share(window, 1)

    # Open and finish a lesson of area 2.
    from desktop.catalog import LessonRef

    lesson = second.lessons[0]
    window.open_lesson(LessonRef(second.pack_id, second.module_id, lesson["slug"]))
    idle(qtbot, window)
    assert window.stack.currentWidget() is window.lesson
    assert lesson["title"]["vi"] in window.lesson.browser.toPlainText()
    qtbot.mouseClick(window.lesson.done, Qt.MouseButton.LeftButton)
    idle(qtbot, window)
    assert not window.lesson.done.isEnabled()

    # Fail the module quiz, then pass it.
    start_module_quiz(qtbot, window, second.pack_id, second.module_id)
    answer_all(qtbot, window, lambda q: wrong(q.item))
    assert not window.quiz.result.passed
    assert window.quiz.review_list.count() == len(window.quiz.run.questions)
    start_module_quiz(qtbot, window, second.pack_id, second.module_id)
    answer_all(qtbot, window, lambda q: right_answer(q.item))
    assert window.quiz.result.passed and window.quiz.result.score == 1.0
    assert "100%" in window.quiz.result_title.text()

    window.show_screen("home")
    idle(qtbot, window)
    after = area_share(window, 1)
    assert after > before
    assert window.home.review_button.isEnabled()  # the failed answers are due for review

    window.show_screen("library")
    idle(qtbot, window)
    states = tree_states(window)
    second_title = next(k for k in states if k.endswith(second.title["vi"]))
    assert states[second_title] == window.library.names.module_state(True, False, 1.0)

    # Close the app and start it again: unlock and find everything as it was.
    window.close()
    again = start_app(qtbot, qapp, folder, starter_packs)
    qtbot.waitUntil(
        lambda: again.stack.currentWidget() is again.unlock and again.unlock.profile.count() == 1
    )
    assert again.unlock.profile.currentText() == "Trần Văn An"
    qtbot.keyClicks(again.unlock.passphrase, "not my passphrase")
    qtbot.keyClick(again.unlock.passphrase, Qt.Key.Key_Return)
    idle(qtbot, again)
    assert again.unlock.error.text() == again.messages.error(
        __import__("desktop.store", fromlist=["WrongPassphrase"]).WrongPassphrase("x")
    )
    assert again.stack.currentWidget() is again.unlock
    again.unlock.passphrase.setText(PASSPHRASE)
    qtbot.keyClick(again.unlock.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: again.stack.currentWidget() is again.home and again.home._data is not None,
        timeout=20_000,
    )
    assert area_share(again, 1) == after
    again.show_screen("library")
    idle(qtbot, again)
    states = tree_states(again)
    assert states[second_title] == again.library.names.module_state(True, False, 1.0)
    assert states[skipped_title] == again.library.names.module_state(False, True, 0)
