"""What a learner notices of drawn attempts, practice that counts first answers, and
exams the ministry grades: driven through the real widgets (offscreen)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from content.forms import EXT_FORM
from sync.xapi import verb_name
from tests.desktop.app_driver import (
    accept,
    answer_all,
    asking,
    idle,
    on_intro,
    right_answer,
    shown_choices,
    some_answer,
    start_module_quiz,
)
from tests.desktop.app_driver import wrong_answer as wrong
from tests.desktop.test_app_screens import unlocked_app


def statements(window) -> list[dict]:
    return window.tasks.db(window.learner.statements).result()


def answered(window, local: str) -> list[dict]:
    return [
        s
        for s in statements(window)
        if verb_name(s) == "answered" and s["object"]["id"].endswith(":item:" + local)
    ]


def first_module(window):
    return next(window.workspace.catalog.modules())


def open_module_quiz(qtbot, window, module) -> None:
    start_module_quiz(qtbot, window, module.pack_id, module.module_id)


def go_to(qtbot, window, wanted) -> None:
    """Move through the quiz with Next until `wanted(question)` holds."""
    quiz = window.quiz
    while not wanted(quiz.run.questions[quiz.index]):
        before = quiz.index
        quiz.next.click()
        qtbot.waitUntil(lambda before=before: quiz.index == before + 1, timeout=10_000)


def test_a_shuffled_option_is_recorded_by_its_authored_id(qtbot, qapp, tmp_path, starter_packs):
    window = unlocked_app(qtbot, qapp, tmp_path, starter_packs)
    open_module_quiz(qtbot, window, first_module(window))
    quiz = window.quiz
    singles = [q for q in quiz.run.questions if q.item.type == "single"]
    # Options are shown in the form's order, not in the order the trainer wrote them.
    assert any(q.order != tuple(o.id for o in q.item.options) for q in singles)
    question = next(q for q in singles if q.order[-1] != q.item.options[-1].id)
    go_to(qtbot, window, lambda q: q is question)
    texts = {o.id: o.text["vi"] for o in question.item.options}
    assert shown_choices(quiz.widget) == [texts[i] for i in question.order]

    # The learner clicks the option shown last; it was written elsewhere in the list.
    _value, button = quiz.widget.buttons[-1]
    button.click()
    assert button.isChecked()
    quiz.check.click()
    qtbot.waitUntil(lambda: quiz.feedback.isVisible())
    idle(qtbot, window)
    [statement] = answered(window, f"{question.quiz_slug}/{question.item.id}")
    assert statement["result"]["response"] == question.order[-1]
    assert button.text() == texts[question.order[-1]]


def test_two_attempts_draw_different_forms_and_the_second_avoids_the_first(
    qtbot, qapp, tmp_path, starter_packs
):
    window = unlocked_app(qtbot, qapp, tmp_path, starter_packs)
    module = first_module(window)
    quiz_model = window.workspace.catalog.quiz(module.pack_id, module.quiz)
    open_module_quiz(qtbot, window, module)
    first = [q.item.id for q in window.quiz.run.questions]
    assert len(first) < len(quiz_model.items)  # the quiz draws from a larger pool
    window.show_screen("library")
    open_module_quiz(qtbot, window, module)
    second = [q.item.id for q in window.quiz.run.questions]
    assert second != first
    unseen = {i.id for i in quiz_model.items} - set(first)
    if len(unseen) >= len(second):
        assert set(second) <= unseen  # only items the first attempt did not show
    else:
        assert unseen <= set(second)  # every item the first attempt did not show comes now

    # Each attempt's form travels on its attempted statement, as shown.
    forms = [
        s["context"]["extensions"][EXT_FORM]
        for s in statements(window)
        if verb_name(s) == "attempted"
    ]
    assert [[i["id"] for i in f["items"]] for f in forms] == [first, second]


def test_practice_counts_the_first_answer_and_locks_the_item(qtbot, qapp, tmp_path, starter_packs):
    window = unlocked_app(qtbot, qapp, tmp_path, starter_packs, lang="en")
    open_module_quiz(qtbot, window, first_module(window))
    quiz = window.quiz
    question = quiz.run.questions[0]
    quiz.widget.set_response(wrong(question.item))
    quiz.check.click()
    qtbot.waitUntil(lambda: quiz.feedback.isVisible())
    # After a wrong answer: the right answer and the explanation, and no second chance.
    assert "The right answer:" in quiz.feedback.text()
    assert question.item.explanation[window.lesson_lang] in quiz.feedback.text()
    assert not quiz.widget.isEnabled() and not quiz.check.isEnabled()
    quiz.widget.set_response(right_answer(question.item))
    quiz.check.click()  # a click that gets through anyway records nothing
    idle(qtbot, window)
    [statement] = answered(window, f"{question.quiz_slug}/{question.item.id}")
    assert statement["result"]["score"]["scaled"] == 0.0
    assert statement["result"]["success"] is False

    # Leaving and coming back shows the first answer, still locked.
    quiz.next.click()
    qtbot.waitUntil(lambda: quiz.index == 1)
    quiz.previous.click()
    qtbot.waitUntil(lambda: quiz.index == 0)
    assert quiz.widget.response() == wrong(question.item)
    assert not quiz.widget.isEnabled() and "The right answer:" in quiz.feedback.text()

    answer_all(qtbot, window, lambda q: right_answer(q.item) if q is not question else None)
    total = len(quiz.run.questions)
    assert quiz.result.score == (total - 1) / total
    assert len(answered(window, f"{question.quiz_slug}/{question.item.id}")) == 1


def test_an_exam_taken_offline_is_submitted_and_home_says_it_awaits_its_result(
    qtbot, qapp, tmp_path, starter_packs
):
    window = unlocked_app(qtbot, qapp, tmp_path, starter_packs, lang="en")
    pack = window.workspace.catalog.level_packs[0]
    exam = window.workspace.catalog.quiz(pack.pack_id, pack.manifest["exam"]["quiz"])
    assert exam.sealed  # the pack holds no key to any exam item

    # A stray double-click does not start a timed exam: a dialog says what is ahead.
    window.start_exam(pack.pack_id)
    qtbot.waitUntil(lambda: on_intro(window))
    intro = window.quiz.intro
    assert intro.kind.text() == "Counts for your certificate · graded by the ministry"
    assert "Attempts left at this version of the exam: 3 of 3." in intro.counts.text()
    assert "Time limit: 60 minutes" in intro.facts.text()
    intro.start.click()
    qtbot.waitUntil(lambda: window.quiz.confirm_box is not None)
    box = window.quiz.confirm_box
    assert box.defaultButton() is box.escapeButton()  # Enter keeps the clock stopped
    text = box.text()
    items = sum(exam.blueprint.values()) if exam.blueprint else len(exam.items)
    assert f"{items} questions." in text
    assert "Time limit: 60 minutes" in text
    assert "Attempts left at this version of the exam: 3 of 3." in text
    accept(box)
    qtbot.waitUntil(lambda: asking(window))
    quiz = window.quiz
    assert quiz.finish.text() == "&Submit the exam…" and not quiz.check.isVisible()
    prompts = [q.item.prompt[window.lesson_lang] for q in quiz.run.questions]

    # Answer all but two; submitting warns about them.
    # (Not ordering or matching items: their widgets always hold an order, so moving on
    # records it as an answer.)
    blank_able = [q for q in quiz.run.questions if q.item.type not in ("ordering", "matching")]
    skipped = {q.item.id for q in blank_able[:2]}
    quiz.finish.click()
    qtbot.waitUntil(lambda: quiz.confirm_box is not None)
    assert f"You answered 0 of {items} questions." in quiz.confirm_box.text()
    assert f"{items} questions are not answered" in quiz.confirm_box.text()
    quiz.confirm_box.escapeButton().click()  # keep working
    qtbot.waitUntil(lambda: quiz.confirm_box is None)
    assert quiz.pages.currentIndex() == 0
    answer_all(qtbot, window, lambda q: None if q.item.id in skipped else some_answer(q.item))

    # The result page: submitted, nothing graded here, no question and no key.
    assert quiz.result_title.text() == "Exam submitted"
    assert "next sync" in quiz.result_text.text()
    assert not quiz.review_list.isVisible() and quiz.review_list.count() == 0
    page = quiz.pages.currentWidget()
    shown = " ".join(label.text() for label in page.findChildren(type(quiz.result_text)))
    assert not any(prompt in shown for prompt in prompts)
    assert "%" not in shown

    log = statements(window)
    exam_answers = [
        s for s in log if verb_name(s) == "answered" and ":item:l1-exam/" in s["object"]["id"]
    ]
    assert len({s["object"]["id"] for s in exam_answers}) == len(quiz.run.questions) - 2
    assert all(set(s["result"]) == {"response", "duration"} for s in exam_answers)
    [submitted] = [
        s
        for s in log
        if s["object"]["id"].endswith(":exam:l1-exam") and verb_name(s) == "completed"
    ]
    assert submitted["result"]["completion"] is True and "score" not in submitted["result"]
    assert not [
        s for s in log if verb_name(s) in ("passed", "failed") and ":exam:" in s["object"]["id"]
    ]
    assert window.tasks.db(window.learner.certificates).result() == []

    qtbot.mouseClick(quiz.back, Qt.MouseButton.LeftButton)
    idle(qtbot, window)
    window.show_screen("home")
    idle(qtbot, window)
    assert "Level 1 — Basic: submitted on" in window.home.exams.text()
    assert "awaiting result" in window.home.exams.text()
    window.show_screen("library")
    idle(qtbot, window)
    exam_row = window.library.tree.findItems(
        "Level exam", Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
    )[0]
    assert exam_row.text(1) == "submitted, awaiting result"

    # The cooldown runs: asking again says when the exam opens, and starts nothing.
    window.start_exam(pack.pack_id)
    idle(qtbot, window)
    assert window.last_message.startswith("The next attempt opens on ")
    assert window.quiz.confirm_box is None and window.stack.currentWidget() is window.library
