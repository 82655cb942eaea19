"""The question a lesson ends with: drawn from the module quiz's pool, checked at once,
shows the right answer and the explanation after a wrong answer, records nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt

from content.localised import pick
from desktop.catalog import LessonRef
from desktop.operations import lessons
from desktop.ui.practice import PracticeDialog
from tests.desktop.app_driver import (
    begin,
    create_profile,
    idle,
    right_answer,
    start_app,
    start_module_quiz,
    wrong_answer,
)


def open_practice(qtbot, window, monkeypatch) -> PracticeDialog:
    shown: list[PracticeDialog] = []
    monkeypatch.setattr(PracticeDialog, "exec", lambda dialog: shown.append(dialog) or 0)
    qtbot.mouseClick(window.lesson.practice, Qt.MouseButton.LeftButton)
    assert len(shown) == 1
    dialog = shown[0]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_lesson_ends_with_a_checked_question_of_its_module_that_records_nothing(
    qtbot, qapp, tmp_path, starter_packs, monkeypatch
):
    window = start_app(qtbot, qapp, tmp_path / "data", starter_packs)
    create_profile(qtbot, window, "Lê Thị Hoa")
    catalog = window.workspace.catalog
    module = next(m for m in catalog.modules() if (m.area, m.level) == (4, 1) and m.quiz)
    slug = module.lessons[0]["slug"]
    window.open_lesson(LessonRef(module.pack_id, module.module_id, slug))
    idle(qtbot, window)
    assert window.lesson.practice.isVisibleTo(window)
    before = len(window.learner.statements())
    pool = {item.id: item for item in catalog.quiz(module.pack_id, module.quiz).items}
    taught = set(catalog.packs[module.pack_id].lesson(slug, "vi").meta.competences)

    # Choose a single-choice item so that a wrong answer exists, whatever the pool holds.
    seeds = iter(range(1_000))
    monkeypatch.setattr(lessons, "new_seed", lambda: next(seeds))
    dialog = open_practice(qtbot, window, monkeypatch)
    while dialog.item.type != "single":
        dialog.close()
        dialog = open_practice(qtbot, window, monkeypatch)
    item = dialog.item
    assert item.id in pool and taught & set(item.competences)
    assert dialog.prompt.text() == pick(item.prompt, "vi")

    # Check with nothing chosen: asked to answer first, nothing locked.
    qtbot.mouseClick(dialog.check, Qt.MouseButton.LeftButton)
    assert "trả lời" in dialog.feedback.text() and dialog.check.isEnabled()

    dialog.widget.set_response(wrong_answer(item))
    qtbot.mouseClick(dialog.check, Qt.MouseButton.LeftButton)
    shown = dialog.feedback.text()
    assert shown.startswith("✗ Chưa đúng.")
    key = next(o for o in item.options if o.id == right_answer(item))
    assert "Đáp án đúng:\n" + pick(key.text, "vi") in shown
    assert pick(item.explanation, "vi") in shown
    # The first answer stands, as in practice quizzes.
    assert not dialog.check.isEnabled() and not dialog.widget.isEnabled()

    # The next question is another one of the pool; the right answer is said to be right.
    dialog.close()
    again = open_practice(qtbot, window, monkeypatch)
    assert again.item.id != item.id and again.item.id in pool
    again.widget.set_response(right_answer(again.item))
    qtbot.mouseClick(again.check, Qt.MouseButton.LeftButton)
    assert again.feedback.text().startswith("✓ Chính xác.")
    again.close()

    idle(qtbot, window)
    assert len(window.learner.statements()) == before


def test_finishing_a_quiz_with_blank_questions_asks_first(qtbot, qapp, tmp_path, starter_packs):
    from tests.desktop.app_driver import accept

    window = start_app(qtbot, qapp, tmp_path / "data", starter_packs)
    create_profile(qtbot, window, "Lê Thị Hoa")
    module = next(m for m in window.workspace.catalog.modules() if m.quiz)
    start_module_quiz(qtbot, window, module.pack_id, module.module_id)
    quiz = window.quiz
    quiz._go(len(quiz.run.questions) - 1)
    quiz.finish.click()
    qtbot.waitUntil(lambda: quiz.confirm_box is not None, timeout=10_000)
    box = quiz.confirm_box
    # All blank but the last shown, if its widget always holds an answer (an order).
    blanks = quiz.run.unanswered
    assert blanks >= len(quiz.run.questions) - 1
    assert f"Còn {blanks} câu hỏi chưa trả lời" in box.text()
    # The safe answer is the default: Enter keeps the learner in the quiz.
    assert box.defaultButton().text() == "&Tiếp tục làm bài"
    box.defaultButton().click()
    qtbot.waitUntil(lambda: quiz.confirm_box is None)
    assert quiz.pages.currentIndex() == 0
    quiz.finish.click()
    qtbot.waitUntil(lambda: quiz.confirm_box is not None, timeout=10_000)
    accept(quiz.confirm_box)
    qtbot.waitUntil(lambda: quiz.pages.currentIndex() == 1, timeout=10_000)
    assert quiz.result is not None and quiz.result.unanswered == blanks


def test_next_on_a_modules_last_lesson_opens_its_quiz(qtbot, qapp, tmp_path, starter_packs):
    window = start_app(qtbot, qapp, tmp_path / "data", starter_packs)
    create_profile(qtbot, window, "Lê Thị Hoa")
    module = next(m for m in window.workspace.catalog.modules() if m.quiz and len(m.lessons) > 1)
    first, last = module.lessons[0]["slug"], module.lessons[-1]["slug"]
    window.open_lesson(LessonRef(module.pack_id, module.module_id, first))
    idle(qtbot, window)
    assert window.lesson.next.text() == "Bài &sau →"
    qtbot.mouseClick(window.lesson.next, Qt.MouseButton.LeftButton)
    idle(qtbot, window)
    assert window.lesson_ref.slug == module.lessons[1]["slug"]
    window.open_lesson(LessonRef(module.pack_id, module.module_id, last))
    idle(qtbot, window)
    assert window.lesson.next.text() == "&Kiểm tra mô-đun →" and window.lesson.next.isEnabled()
    qtbot.mouseClick(window.lesson.next, Qt.MouseButton.LeftButton)
    begin(qtbot, window)
    assert window.quiz.run.questions[0].quiz_slug == module.quiz


def test_locking_closes_the_question_a_lesson_ends_with(
    qtbot, qapp, tmp_path, starter_packs, monkeypatch
):
    window = start_app(qtbot, qapp, tmp_path / "data", starter_packs)
    create_profile(qtbot, window, "Lê Thị Hoa")
    module = next(m for m in window.workspace.catalog.modules() if m.quiz)
    window.open_lesson(LessonRef(module.pack_id, module.module_id, module.lessons[0]["slug"]))
    idle(qtbot, window)
    # The idle lock fires while the dialog is open (inside its exec(), as a timer would).
    seen = []

    def exec_until_locked(dialog) -> None:
        dialog.show()
        window.idle.timeout.emit()
        seen.append(dialog.isVisible())

    monkeypatch.setattr(PracticeDialog, "exec", exec_until_locked)
    qtbot.mouseClick(window.lesson.practice, Qt.MouseButton.LeftButton)
    idle(qtbot, window)
    assert seen == [False]
    assert window.stack.currentWidget() is window.unlock and window.lessons.dialog is None
