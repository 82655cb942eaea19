"""A learner's whole day with the keyboard only: no mouse, and nothing advanced by
calling the app's methods. Keys go to the widget that has the focus, as they would
from a real keyboard; focus moves by Tab, arrows and mnemonics (Alt+letter)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from desktop.catalog import LessonRef
from tests.desktop.app_driver import PASSPHRASE, asking, idle, on_intro, start_app

ALT = Qt.KeyboardModifier.AltModifier
CTRL = Qt.KeyboardModifier.ControlModifier
NONE = Qt.KeyboardModifier.NoModifier
TYPED = "".join(c for c in PASSPHRASE if c.isascii())  # QTest types Latin-1 only


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def mnemonics_are_unique(window) -> None:
    """No two visible buttons of the screen shown answer the same Alt+letter (Qt would
    only move the focus between them)."""
    from PySide6.QtGui import QKeySequence

    seen: dict[str, str] = {}
    for button in window.findChildren(QAbstractButton):
        if not button.isVisible() or button.window() is not window:
            continue
        letter = QKeySequence.mnemonic(button.text()).toString()
        if letter:
            assert letter not in seen, f"{letter}: {seen[letter]!r} and {button.text()!r}"
            seen[letter] = button.text()


def key(qtbot, k: Qt.Key, modifier=NONE) -> None:
    qtbot.keyClick(focused(), k, modifier)


def settle(qtbot, window) -> None:
    """Wait for background work; then give the window back the activation a window
    manager returns to it when a progress dialog closes (the offscreen platform has
    none)."""
    idle(qtbot, window)
    if not window.isActiveWindow():
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)


def in_box(qtbot, box) -> None:
    """A question box is up: a window manager makes it the active window, with the
    focus on its default button (the offscreen platform is told to)."""
    qtbot.waitUntil(box.isVisible)
    if not box.isActiveWindow():
        box.activateWindow()
        qtbot.waitUntil(box.isActiveWindow)
    qtbot.waitUntil(lambda: any(button.hasFocus() for button in box.buttons()))


def tab_to(qtbot, wanted, limit: int = 60) -> None:
    """Press Tab until `wanted(focused widget)` holds."""
    for _ in range(limit):
        if wanted(QApplication.focusWidget()):
            return
        key(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached it; focus on {QApplication.focusWidget()!r}")


def go_to(qtbot, window, screen: str) -> None:
    """Tab to the navigation column, arrow to `screen`'s row, press Enter."""
    tab_to(qtbot, lambda w: w is window.nav)
    rows = [window.nav.item(n).data(Qt.ItemDataRole.UserRole) for n in range(window.nav.count())]
    target = rows.index(screen)
    for _ in rows:
        if window.nav.currentRow() == target:
            break
        key(qtbot, Qt.Key.Key_Down if window.nav.currentRow() < target else Qt.Key.Key_Up)
    assert window.nav.currentRow() == target, (window.nav.currentRow(), focused())
    key(qtbot, Qt.Key.Key_Return)
    settle(qtbot, window)


def choose(qtbot, widget, option_id) -> None:
    """Pick a radio choice: Tab into the choices, arrows to the one wanted, Space."""
    buttons = [button for _value, button in widget.buttons]
    # Arrows move to the button below or above on screen: wait until they are laid out.
    qtbot.waitUntil(lambda: len({b.mapToGlobal(b.rect().topLeft()).y() for b in buttons}) > 1)
    tab_to(qtbot, lambda w: w in buttons)
    position = [value for value, _button in widget.buttons].index(option_id)
    for _ in buttons:
        if focused() is buttons[position]:
            break
        current = buttons.index(focused())
        key(qtbot, Qt.Key.Key_Down if current < position else Qt.Key.Key_Up)
    if not buttons[position].isChecked():
        key(qtbot, Qt.Key.Key_Space)
    assert buttons[position].isChecked()


def alt(qtbot, letter: Qt.Key, until, widget=None) -> None:
    """Press Alt+letter (a button's mnemonic) and wait for what it does: a mnemonic
    clicks its button with a short animation, not at once."""
    target = widget or focused()
    mnemonics_are_unique(target.window())
    qtbot.keyClick(target, letter, ALT)
    qtbot.waitUntil(until, timeout=10_000)


def press(qtbot, button: QAbstractButton) -> None:
    """Tab to a button and press Space."""
    tab_to(qtbot, lambda w: w is button)
    key(qtbot, Qt.Key.Key_Space)


def test_a_learners_day_with_the_keyboard_only(qtbot, qapp, tmp_path, starter_packs):
    window = start_app(qtbot, qapp, tmp_path / "data", starter_packs, "en")
    window.activateWindow()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.new_profile)
    form = window.new_profile

    # A new profile: type, Tab, type, Tab, type, Enter (the placement test stays ticked).
    qtbot.waitUntil(form.name.hasFocus)
    qtbot.keyClicks(focused(), "Tran Van An")
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.passphrase
    qtbot.keyClicks(focused(), TYPED)
    key(qtbot, Qt.Key.Key_Tab)
    assert focused() is form.repeat
    qtbot.keyClicks(focused(), TYPED)
    key(qtbot, Qt.Key.Key_Return)

    # The placement test's introduction; Enter starts it; answer one; leave with Alt+L.
    qtbot.waitUntil(lambda: on_intro(window), timeout=30_000)
    settle(qtbot, window)
    quiz, intro = window.quiz, window.quiz.intro
    assert (
        intro.kind.text() == "Before you start · a diagnostic test"
        and "areas" in intro.counts.text()
    )
    assert focused() is intro.start
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: asking(window))
    assert quiz.position.text().startswith("Area 1 of 6 · 1/")
    alt(qtbot, Qt.Key.Key_L, lambda: window.stack.currentWidget() is window.home)  # Save and &leave
    settle(qtbot, window)

    # A lesson: Continue (Alt+C), mark it done (Alt+D), then Next to the module quiz.
    alt(qtbot, Qt.Key.Key_C, lambda: window.stack.currentWidget() is window.lesson)
    settle(qtbot, window)
    ref = window.lesson_ref
    assert window.lesson.done.text() == "Mark as &done"
    alt(qtbot, Qt.Key.Key_D, lambda: not window.lesson.done.isEnabled())
    settle(qtbot, window)
    module = window.workspace.catalog.module(ref.pack_id, ref.module_id)
    for _ in module.lessons:
        if window.lesson.next.text() == "&Module quiz →":
            break
        shown = window.lesson_ref
        alt(qtbot, Qt.Key.Key_N, lambda shown=shown: window.lesson_ref != shown)
        settle(qtbot, window)
    alt(qtbot, Qt.Key.Key_M, lambda: on_intro(window))  # "&Module quiz →"

    # The module quiz: its introduction, then one answer wrong, the rest left blank.
    settle(qtbot, window)
    assert intro.kind.text() == "Module quiz · practice" and focused() is intro.start
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: asking(window))
    settle(qtbot, window)
    run = quiz.run

    def next_question() -> None:
        before = quiz.index
        alt(qtbot, Qt.Key.Key_N, lambda: quiz.index == before + 1)
        settle(qtbot, window)

    while run.questions[quiz.index].item.type not in ("single", "true_false"):
        next_question()
    missed = run.questions[quiz.index]
    wrong = next(v for v, _b in quiz.widget.buttons if v != _right(missed.item))
    choose(qtbot, quiz.widget, wrong)
    alt(qtbot, Qt.Key.Key_H, quiz.feedback.isVisible)  # C&heck
    settle(qtbot, window)
    assert "The right answer:" in quiz.feedback.text()
    # A second wrong answer, not checked: moving on records it all the same.
    next_question()
    while run.questions[quiz.index].item.type not in ("single", "true_false"):
        next_question()
    second = run.questions[quiz.index]
    choose(qtbot, quiz.widget, next(v for v, _b in quiz.widget.buttons if v != _right(second.item)))
    while quiz.next.isVisible():
        next_question()
    alt(qtbot, Qt.Key.Key_F, lambda: quiz.confirm_box is not None)  # &Finish: blanks
    in_box(qtbot, quiz.confirm_box)
    assert focused() is quiz.confirm_box.defaultButton()
    key(qtbot, Qt.Key.Key_Return)  # the safe default: keep working
    qtbot.waitUntil(lambda: quiz.confirm_box is None)
    assert asking(window)
    settle(qtbot, window)
    alt(qtbot, Qt.Key.Key_F, lambda: quiz.confirm_box is not None)
    in_box(qtbot, quiz.confirm_box)
    alt(qtbot, Qt.Key.Key_F, lambda: quiz.pages.currentIndex() == 1)  # &Finish now
    settle(qtbot, window)
    assert quiz.results.title.text().startswith("Not passed yet")
    assert quiz.results.areas.isVisible() and quiz.review_list.count() == len(run.questions)

    # Retry (Alt+R): a new set of questions, answered right where the keyboard chooses.
    alt(qtbot, Qt.Key.Key_R, lambda: asking(window) and quiz.run is not run)
    settle(qtbot, window)
    retried = quiz.run
    assert retried.answers == {}
    while True:
        question = retried.questions[quiz.index]
        if question.item.type in ("single", "true_false"):
            choose(qtbot, quiz.widget, _right(question.item))
        if not quiz.next.isVisible():
            break
        next_question()
    alt(qtbot, Qt.Key.Key_F, lambda: quiz.confirm_box is not None or quiz.pages.currentIndex() == 1)
    if quiz.confirm_box is not None:
        in_box(qtbot, quiz.confirm_box)
        alt(qtbot, Qt.Key.Key_F, lambda: quiz.pages.currentIndex() == 1)
    settle(qtbot, window)
    assert quiz.result.score > 0
    alt(qtbot, Qt.Key.Key_B, lambda: window.stack.currentWidget() is window.library)
    settle(qtbot, window)

    # Review from Home, graded with the digit keys; locked in the middle and resumed.
    go_to(qtbot, window, "home")
    assert window.home.review_button.isEnabled()
    review = window.review
    alt(  # &Review now
        qtbot,
        Qt.Key.Key_R,
        lambda: window.stack.currentWidget() is review and review.item is not None,
    )
    settle(qtbot, window)
    assert review.position.text().startswith("Question 1 of ")  # two or more due
    first = review.item
    if first.type in ("single", "true_false"):
        choose(qtbot, review.widget, _right(first))
    key(qtbot, Qt.Key.Key_Return)  # check
    qtbot.waitUntil(lambda: review._checked is not None)
    key(qtbot, Qt.Key.Key_3)  # Good
    qtbot.waitUntil(lambda: review.item is not first or review.pages.currentIndex() == 1)
    settle(qtbot, window)
    card, where = review.item, review.position.text()
    assert where.startswith("Question 2 of ")  # in the middle of the session
    key(qtbot, Qt.Key.Key_L, CTRL)  # lock in the middle of the session
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.unlock)
    settle(qtbot, window)
    qtbot.waitUntil(window.unlock.passphrase.hasFocus)
    qtbot.keyClicks(focused(), TYPED)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is review, timeout=20_000)
    settle(qtbot, window)
    assert review.item.id == card.id and review.position.text() == where

    # The level exam from the library: Enter on its row, its introduction, a
    # confirmation whose default keeps the clock stopped, then start and submit.
    go_to(qtbot, window, "library")
    tree = window.library.tree
    tab_to(qtbot, lambda w: w is tree)
    for _ in range(200):
        current = tree.currentItem()
        if current is not None and current.text(0) == "Level exam":
            break
        key(qtbot, Qt.Key.Key_Down)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: on_intro(window))
    settle(qtbot, window)
    assert intro.kind.text().startswith("Counts for your certificate") and focused() is intro.start
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: quiz.confirm_box is not None)
    in_box(qtbot, quiz.confirm_box)
    key(qtbot, Qt.Key.Key_Return)  # the default: Not now
    qtbot.waitUntil(lambda: quiz.confirm_box is None)
    assert on_intro(window) and quiz.run is None  # the clock has not started
    settle(qtbot, window)
    tab_to(qtbot, lambda w: w is intro.start)
    key(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: quiz.confirm_box is not None)
    in_box(qtbot, quiz.confirm_box)
    alt(qtbot, Qt.Key.Key_S, lambda: asking(window))  # &Start the exam
    settle(qtbot, window)
    assert quiz.run.kind == "exam" and quiz.clock.isVisible()
    question = quiz.run.questions[0]
    if question.item.type in ("single", "true_false"):
        choose(qtbot, quiz.widget, quiz.widget.buttons[0][0])
    alt(qtbot, Qt.Key.Key_S, lambda: quiz.confirm_box is not None)  # &Submit the exam…
    in_box(qtbot, quiz.confirm_box)
    assert "not answered" in quiz.confirm_box.text()
    alt(qtbot, Qt.Key.Key_S, lambda: quiz.pages.currentIndex() == 1)  # &Submit
    idle(qtbot, window)
    assert quiz.result_title.text() == "Exam submitted"


def _right(item):
    from tests.desktop.app_driver import right_answer

    return right_answer(item)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_two_buttons_of_a_screen_share_a_mnemonic(qtbot, qapp, tmp_path, starter_packs, lang):
    from tests.desktop.app_driver import accept, begin, create_profile

    window = start_app(qtbot, qapp, tmp_path / "data", starter_packs, lang)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.new_profile)
    mnemonics_are_unique(window)
    create_profile(qtbot, window, "Lê Thu")
    mnemonics_are_unique(window)
    catalog = window.workspace.catalog
    module = next(m for m in catalog.modules() if m.quiz and len(m.lessons) > 1)
    for slug in (module.lessons[0]["slug"], module.lessons[-1]["slug"]):
        window.open_lesson(LessonRef(module.pack_id, module.module_id, slug))
        idle(qtbot, window)
        mnemonics_are_unique(window)
    window.start_placement()
    qtbot.waitUntil(lambda: on_intro(window))
    mnemonics_are_unique(window)
    begin(qtbot, window)
    mnemonics_are_unique(window)
    window.quiz.finish.click()
    qtbot.waitUntil(lambda: window.quiz.confirm_box is not None)
    mnemonics_are_unique(window.quiz.confirm_box)
    accept(window.quiz.confirm_box)
    qtbot.waitUntil(lambda: window.quiz.pages.currentIndex() == 1, timeout=20_000)
    mnemonics_are_unique(window)
    window.start_module_quiz(module.pack_id, module.module_id)
    begin(qtbot, window)
    mnemonics_are_unique(window)
    for screen in ("home", "library", "search", "certificates", "settings"):
        window.show_screen(screen)
        idle(qtbot, window)
        mnemonics_are_unique(window)
