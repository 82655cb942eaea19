"""Review as the learner drives it: Home's count is the session's size across packs,
each card is answered, checked and graded with the keys 1–4 (the buttons saying when it
comes back), the done card leads back to a Home that counts what is left, and a lock in
the middle of a session resumes it where it was."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt

from tests.desktop.app_driver import idle, right_answer
from tests.desktop.app_driver import wrong_answer as wrong
from tests.desktop.test_app_more import unlock
from tests.desktop.test_app_screens import unlocked_app
from tests.desktop.test_review_queue import missed, open_items

KEYS = {1: Qt.Key.Key_1, 2: Qt.Key.Key_2, 3: Qt.Key.Key_3, 4: Qt.Key.Key_4}


def with_missed_items(qtbot, qapp, tmp_path, starter_packs, lang="vi"):
    """An unlocked app whose learner missed 3 items of level 1 and 4 of level 2 an hour
    ago, on Home."""
    window = unlocked_app(qtbot, qapp, tmp_path, starter_packs, lang)
    catalog, learner = window.workspace.catalog, window.learner
    first, second = catalog.level_packs[:2]
    slug1 = catalog.module(first.pack_id, first.manifest["modules"][1]["id"]).quiz
    slug2 = catalog.module(second.pack_id, second.manifest["modules"][0]["id"]).quiz

    def history() -> None:
        missed(learner, first, slug1, open_items(first, slug1, 3))
        missed(learner, second, slug2, open_items(second, slug2, 4))

    window.tasks.db(history).result()
    window.show_screen("home")
    idle(qtbot, window)
    qtbot.waitUntil(lambda: window.home._data is not None and window.home._data.review_due == 7)
    return window


def start_from_home(qtbot, window) -> None:
    assert window.home.review_button.isEnabled()
    window.home.review_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.review, timeout=10_000)
    idle(qtbot, window)


def card(window):
    return window.reviews.session.current


def check(qtbot, window, response) -> None:
    screen = window.review
    screen.widget.set_response(response)
    qtbot.keyClick(screen.check, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.bars.currentWidget() is screen.grade_bar, timeout=10_000)


def grade_with_key(qtbot, window, rating: int) -> None:
    screen = window.review
    before = window.reviews.session.done if window.reviews.session else None
    qtbot.keyClick(screen.grades[rating], KEYS[rating])
    qtbot.waitUntil(
        lambda: (
            screen.pages.currentIndex() == 1
            or (window.reviews.session is not None and window.reviews.session.done == before + 1)
        ),
        timeout=10_000,
    )
    idle(qtbot, window)


def test_home_counts_the_session_across_two_packs_graded_with_keys_then_refreshed(
    qtbot, qapp, tmp_path, starter_packs
):
    window = with_missed_items(qtbot, qapp, tmp_path, starter_packs)
    assert window.home.review_label.text() == window.home.tr(
        "%n question(s) to review today.", "", 7
    )
    start_from_home(qtbot, window)
    screen, session = window.review, window.reviews.session
    assert session.total == 7
    assert {c.entry.pack_id for c in session.cards} == {
        p.pack_id for p in window.workspace.catalog.level_packs[:2]
    }
    assert screen.position.text() == screen.tr("Question %1 of %2").replace("%1", "1").replace(
        "%2", "7"
    )
    # The grade buttons wait for a checked answer; digits go to the answer meanwhile.
    assert screen.bars.currentWidget() is screen.check_bar
    assert not any(button.isEnabled() for button in screen.grades.values())

    # Again last: those two come back a minute after their grade, after Home's check.
    given = [2, 3, 4, 3, 3, 1, 1]
    for n, rating in enumerate(given):
        item = card(window).item
        check(qtbot, window, wrong(item) if rating == 1 else right_answer(item))
        assert screen.feedback.isVisible()
        # A wrong answer suggests Again, a right one Good: that button has the focus.
        suggested = screen.grades[1 if rating == 1 else 3]
        assert screen.focusWidget() is suggested and suggested.property("primary")
        lines = [screen.grades[r].text().split("\n") for r in (1, 2, 3, 4)]
        assert all(len(text) == 2 for text in lines)  # name, then when it comes back
        assert re.search(r"\d", lines[0][1]) and re.search(r"\d", lines[3][1])
        grade_with_key(qtbot, window, rating)
        if n < len(given) - 1:
            assert screen.position.text().startswith(
                screen.tr("Question %1 of %2").replace("%1", str(n + 2))[:8]
            )

    # The done card: the counts by grade, the next due date, and Back to Home.
    assert screen.pages.currentIndex() == 1
    numbers = {r: screen.count_labels[r][0].text() for r in (1, 2, 3, 4)}
    assert numbers == {1: "2", 2: "1", 3: "3", 4: "1"}
    assert screen.next_due.text().startswith(screen.tr("Next review: %1 (in %2).")[:6])
    assert screen.focusWidget() is screen.home_button
    qtbot.keyClick(screen.home_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.home)
    idle(qtbot, window)
    qtbot.waitUntil(lambda: window.home._data.review_due == 0)
    # The two graded Again come back first, a minute after their grade: Home says when.
    soonest = window.home._data.review_next
    assert datetime.now(UTC) < soonest <= datetime.now(UTC) + timedelta(minutes=1)
    assert window.home.review_label.text() == window.home.tr(
        "Nothing to review now. Next review: %1."
    ).replace("%1", window.home.times.when(soonest))
    assert not window.home.review_button.isEnabled()

    # Seven answers were recorded, one per card, each with the grade given.
    statements = window.tasks.db(window.learner.statements).result()
    graded = [
        s["context"]["extensions"]["urn:hocvu:ext:review-rating"]
        for s in statements
        if s["context"].get("registration") == session.registration
    ]
    assert sorted(graded) == sorted(given)


def test_a_lock_in_the_middle_of_a_review_resumes_it_where_it_was(
    qtbot, qapp, tmp_path, starter_packs
):
    window = with_missed_items(qtbot, qapp, tmp_path, starter_packs)
    start_from_home(qtbot, window)
    session = window.reviews.session
    check(qtbot, window, right_answer(card(window).item))
    grade_with_key(qtbot, window, 3)
    second = card(window)
    check(qtbot, window, wrong(second.item))
    feedback = window.review.feedback.text()

    window.idle.timeout.emit()  # the idle lock, with the second card checked, not graded
    idle(qtbot, window)
    assert window.learner is None and window.stack.currentWidget() is window.unlock

    window.unlock.passphrase.setText("sông núi mây trời 2026")
    window.unlock.unlock_button.click()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.review, timeout=20_000)
    idle(qtbot, window)
    screen, resumed = window.review, window.reviews.session
    assert resumed.registration == session.registration and resumed.current.key == second.key
    assert screen.position.text() == screen.tr("Question %1 of %2").replace("%1", "2").replace(
        "%2", "7"
    )
    qtbot.waitUntil(lambda: screen.bars.currentWidget() is screen.grade_bar)
    assert screen.feedback.text() == feedback and not screen.widget.isEnabled()
    assert screen.focusWidget() is screen.grades[1]  # the wrong answer still suggests Again
    grade_with_key(qtbot, window, 1)
    while screen.pages.currentIndex() == 0:
        check(qtbot, window, right_answer(card(window).item))
        grade_with_key(qtbot, window, 3)
    statements = window.tasks.db(window.learner.statements).result()
    answered = [
        s["object"]["id"]
        for s in statements
        if s["context"].get("registration") == session.registration
    ]
    assert len(answered) == len(set(answered)) == 7  # none lost, none graded twice

    # A lock on the done card, or after leaving, has nothing to resume: Home.
    window.lock()
    idle(qtbot, window)
    unlock(qtbot, window)


def test_leaving_a_review_for_another_screen_ends_it_and_home_counts_the_rest(
    qtbot, qapp, tmp_path, starter_packs
):
    window = with_missed_items(qtbot, qapp, tmp_path, starter_packs)
    start_from_home(qtbot, window)
    check(qtbot, window, right_answer(card(window).item))
    grade_with_key(qtbot, window, 4)
    window.show_screen("home")
    idle(qtbot, window)
    qtbot.waitUntil(lambda: window.home._data.review_due == 6)
    window.lock()
    idle(qtbot, window)
    unlock(qtbot, window)  # lands on Home: the session was left, not interrupted


def test_a_review_session_does_not_master_the_module(qtbot, qapp, tmp_path, starter_packs):
    window = with_missed_items(qtbot, qapp, tmp_path, starter_packs)
    learner, catalog = window.learner, window.workspace.catalog
    start_from_home(qtbot, window)
    while window.review.pages.currentIndex() == 0:
        check(qtbot, window, right_answer(card(window).item))
        grade_with_key(qtbot, window, 4)
    progress = window.tasks.db(lambda: learner.progress(catalog.course_map())).result()
    assert not any(module.mastered for module in progress.modules.values())
