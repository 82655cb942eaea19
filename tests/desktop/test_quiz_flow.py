"""The flow around a quiz, an exam and the placement test: an introduction first, a
result by area with Retry, a run that survives a lock, placement in sections that can
be left and continued."""

from __future__ import annotations

from content.forms import draw_form
from tests.desktop.app_driver import (
    PASSPHRASE,
    answer_all,
    asking,
    begin,
    idle,
    on_intro,
    right_answer,
    some_answer,
    start_exam,
    start_module_quiz,
    wrong_answer,
)
from tests.desktop.test_app_screens import unlocked_app


def statements(window) -> list[dict]:
    return window.tasks.db(window.learner.statements).result()


def unlock_again(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.unlock)
    window.unlock.passphrase.setText(PASSPHRASE)
    window.unlock.unlock_button.click()
    qtbot.waitUntil(lambda: window.learner is not None, timeout=20_000)
    idle(qtbot, window)


def test_a_module_quiz_opens_on_its_introduction_and_cancel_starts_nothing(
    qtbot, qapp, tmp_path, starter_packs
):
    window = unlocked_app(qtbot, qapp, tmp_path, starter_packs, lang="en")
    catalog = window.workspace.catalog
    module = next(m for m in catalog.modules() if m.quiz)
    quiz = catalog.quiz(module.pack_id, module.quiz)
    before = len(statements(window))
    window.start_module_quiz(module.pack_id, module.module_id)
    qtbot.waitUntil(lambda: on_intro(window))
    intro = window.quiz.intro
    drawn = len(draw_form(quiz, 0).items)
    assert intro.facts.text().startswith(f"{drawn} questions. About ")
    assert "no time limit" in intro.facts.text()
    assert f"Pass mark: {round(quiz.pass_mark * 100)}%" in intro.counts.text()
    assert "Retry" in intro.next_.text()
    assert intro.start.text() == "&Start" and window.focusWidget() is intro.start
    intro.cancel.click()
    idle(qtbot, window)
    assert window.stack.currentWidget() is window.library
    assert len(statements(window)) == before  # no attempt was started


def test_a_practice_result_shows_areas_answers_and_keys_and_retry_draws_anew(
    qtbot, qapp, tmp_path, starter_packs
):
    window = unlocked_app(qtbot, qapp, tmp_path, starter_packs, lang="en")
    module = next(m for m in window.workspace.catalog.modules() if m.quiz)
    start_module_quiz(qtbot, window, module.pack_id, module.module_id)
    quiz = window.quiz
    run = quiz.run
    missed = next(q for q in run.questions if q.item.type == "single")
    answer_all(
        qtbot,
        window,
        lambda q: wrong_answer(q.item) if q is missed else right_answer(q.item),
    )
    page = quiz.results
    assert page.areas.isVisible()
    assert [label for label, _share in page.areas.rows] == [
        f"{page.names.area(area)} ({right:g}/{asked})" for area, right, asked in quiz.result.by_area
    ]
    assert sum(asked for _a, _r, asked in quiz.result.by_area) == len(run.questions)
    assert page.revisit.isVisible() and missed.item.competences[0] in page.revisit.text()
    [shown] = [quiz.review_list.item(n).text() for n in range(quiz.review_list.count())]
    chosen = next(o for o in missed.item.options if o.id == wrong_answer(missed.item))
    key = next(o for o in missed.item.options if o.id == right_answer(missed.item))
    lang = window.lesson_lang
    assert f"Your answer: {chosen.text[lang]}" in shown
    assert f"The right answer: {key.text[lang]}" in shown
    assert quiz.retry.isVisible()

    first = dict(run.registrations)
    quiz.retry.click()
    qtbot.waitUntil(lambda: asking(window) and quiz.run is not run)
    assert quiz.run.answers == {} and quiz.index == 0
    assert set(quiz.run.registrations.values()).isdisjoint(first.values())


def test_a_quiz_interrupted_by_the_idle_lock_resumes_at_the_same_question(
    qtbot, qapp, tmp_path, starter_packs
):
    window = unlocked_app(qtbot, qapp, tmp_path, starter_packs)
    module = next(m for m in window.workspace.catalog.modules() if m.quiz)
    start_module_quiz(qtbot, window, module.pack_id, module.module_id)
    quiz = window.quiz
    form = [(q.item.id, q.order) for q in quiz.run.questions]
    quiz.widget.set_response(right_answer(quiz.run.questions[0].item))
    quiz.check.click()
    qtbot.waitUntil(lambda: not quiz.check.isEnabled())
    quiz.next.click()
    qtbot.waitUntil(lambda: quiz.index == 1)
    idle(qtbot, window)

    window.idle.timeout.emit()  # the learner went for coffee
    idle(qtbot, window)
    assert window.learner is None and window.stack.currentWidget() is window.unlock
    unlock_again(qtbot, window)
    qtbot.waitUntil(lambda: asking(window) and quiz.run.learner is window.learner)
    assert [(q.item.id, q.order) for q in quiz.run.questions] == form
    assert quiz.index == 1
    quiz.previous.click()
    qtbot.waitUntil(lambda: quiz.index == 0)
    # The first answer still stands, checked and locked.
    assert not quiz.widget.isEnabled() and quiz.feedback.isVisible()


def test_an_exam_interrupted_by_a_lock_resumes_the_same_attempt(
    qtbot, qapp, tmp_path, starter_packs
):
    window = unlocked_app(qtbot, qapp, tmp_path, starter_packs)
    pack_id = window.workspace.catalog.level_packs[0].pack_id
    start_exam(qtbot, window, pack_id)
    quiz = window.quiz
    registration = dict(quiz.run.registrations)
    form = [(q.item.id, q.order) for q in quiz.run.questions]
    for n in range(3):
        quiz.widget.set_response(some_answer(quiz.run.questions[n].item))
        quiz.next.click()
        qtbot.waitUntil(lambda n=n: quiz.index == n + 1)
    idle(qtbot, window)
    quiz.finish.click()  # the submit question is up when the screen locks
    qtbot.waitUntil(lambda: quiz.confirm_box is not None)
    box = quiz.confirm_box
    window.lock()
    idle(qtbot, window)
    assert window.stack.currentWidget() is window.unlock
    assert quiz.confirm_box is None and not box.isVisible()  # nothing left to submit
    unlock_again(qtbot, window)
    qtbot.waitUntil(lambda: asking(window) and quiz.run.learner is window.learner)
    assert quiz.run.registrations == registration
    assert [(q.item.id, q.order) for q in quiz.run.questions] == form
    assert quiz.index == 3 and len(quiz.run.answers) == 3
    assert quiz.clock.isVisible() and quiz.result is None


def test_placement_in_sections_left_and_continued_ends_with_a_summary_by_area(
    qtbot, qapp, tmp_path, starter_packs
):
    window = unlocked_app(qtbot, qapp, tmp_path, starter_packs, lang="en")
    window.start_placement()
    qtbot.waitUntil(lambda: on_intro(window))
    intro = window.quiz.intro
    assert "6 areas, one section each" in intro.counts.text()
    assert "leave at any time" in intro.next_.text()
    assert not intro.resume.isVisible()
    begin(qtbot, window)
    quiz = window.quiz
    run = quiz.run
    size = sum(1 for q in run.questions if q.item.measured_area == 1)
    assert quiz.position.text() == f"Area 1 of 6 · 1/{size}"
    assert quiz.section.text() == "Data and information"
    areas = [q.item.measured_area for q in run.questions]
    assert areas == sorted(areas)  # one section per area, in order
    for n in range(size):
        quiz.widget.set_response(right_answer(run.questions[n].item))
        quiz.next.click()
        qtbot.waitUntil(lambda n=n: quiz.index == n + 1)
    assert quiz.position.text() == f"Area 2 of 6 · 1/{areas.count(2)}"
    assert quiz.leave.isVisible()
    quiz.leave.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home)
    idle(qtbot, window)
    assert window.home.placement_button.text() == "Continue the &placement test"

    # Later: the introduction says where the test stands; Continue takes it up there.
    window.start_placement()
    qtbot.waitUntil(lambda: on_intro(window))
    assert intro.resume.isVisible()
    assert f"{size} of {len(run.questions)} answered" in intro.resume.text()
    assert intro.start.text() == "C&ontinue"
    begin(qtbot, window)
    assert quiz.index == size and len(quiz.run.answers) == size
    assert [q.item.id for q in quiz.run.questions] == [q.item.id for q in run.questions]
    quiz._go(len(quiz.run.questions) - 1)
    quiz.finish.click()
    qtbot.waitUntil(lambda: quiz.confirm_box is not None)
    from tests.desktop.app_driver import accept

    accept(quiz.confirm_box)
    qtbot.waitUntil(lambda: quiz.results.summary.isVisible(), timeout=20_000)
    lines = quiz.results.summary.text().splitlines()
    # Every item of area 1 was right: all its levels are skipped; area 2 starts at level 1.
    assert lines[0] == "Start at: Level 1 — Basic."
    assert lines[1] == "Data and information: all levels skipped"
    assert len(lines) == 7  # the start level, then one line per area
    assert lines[2] == "Communication and collaboration: study from level 1"
    assert not quiz.review_list.isVisible()  # no wall of questions
    assert quiz.back.text() == "&Go to Home"


def test_operations_report_what_changed_and_home_refreshes_from_it(
    qtbot, qapp, tmp_path, starter_packs
):
    from desktop.operations import Change

    window = unlocked_app(qtbot, qapp, tmp_path, starter_packs, lang="en")
    seen: list = []
    window.changes.changed.connect(seen.append)
    module = next(m for m in window.workspace.catalog.modules() if m.quiz)
    start_module_quiz(qtbot, window, module.pack_id, module.module_id)
    answer_all(qtbot, window, lambda q: wrong_answer(q.item))
    idle(qtbot, window)
    assert seen and seen[-1] & Change.PROGRESS and seen[-1] & Change.REVIEW
    assert not seen[-1] & Change.EXAMS

    # Home is shown when progress arrives from elsewhere (a sync, say): the change
    # signal refreshes it.
    window.show_screen("home")
    idle(qtbot, window)
    before = window.home._data
    learner, pack = window.learner, window.workspace.catalog.packs[module.pack_id]
    for lesson in module.lessons:
        window.tasks.db(
            lambda slug=lesson["slug"]: learner.lesson_completed(
                pack.pack_id, pack.version, slug, 60
            )
        )
    idle(qtbot, window)
    assert window.home._data is before  # nothing said it changed
    window.changes.emit(Change.PROGRESS)
    qtbot.waitUntil(lambda: window.home._data is not before)
    idle(qtbot, window)
    assert window.home._data.continue_ref != before.continue_ref


def test_partly_right_points_by_area_read_as_one_decimal_in_the_interface_language():
    from PySide6.QtCore import QLocale

    from desktop.ui.quiz_result import _points

    before = QLocale()
    try:
        QLocale.setDefault(QLocale(QLocale.Language.Vietnamese))
        assert [_points(p) for p in (2 / 3, 3.0, 7.25)] == ["0,7", "3", "7,2"]
        QLocale.setDefault(QLocale(QLocale.Language.English))
        assert _points(2 + 2 / 3) == "2.7"
    finally:
        QLocale.setDefault(before)
