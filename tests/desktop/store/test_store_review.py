"""The review queue: missed items scheduled with FSRS, derived from the log."""

from __future__ import annotations

from datetime import timedelta

from tests.desktop.store.learner_logs import L1, PASSPHRASE, LogBuilder, review_items


def _quiz(log: LogBuilder, results: dict[str, bool], **kw) -> str:
    registration = log.attempt(L1, "l1-a4-quiz", **kw)
    for item, right in results.items():
        log.answer(L1, "l1-a4-quiz", item, right, registration)
    return registration


def test_only_items_answered_wrong_enter_the_queue(log):
    _quiz(log, {"q1": True, "q2": False, "q3": True})
    [item] = review_items(log.statements)
    assert (item.pack_id, item.quiz_slug, item.item_id) == (L1, "l1-a4-quiz", "q2")
    assert item.local_id == "l1-a4-quiz/q2"
    assert item.reviews == 1 and item.state == "learning"
    answered_at = log.clock - timedelta(minutes=1)  # q3 came a minute after q2
    # Due at once: a missed item is worth reviewing straight away.
    assert item.due == answered_at


def test_right_answers_after_a_miss_push_the_item_further_away(log):
    _quiz(log, {"q1": False})
    first = review_items(log.statements)[0].due
    _quiz(log, {"q1": True}, at=log.clock + timedelta(minutes=5))
    second = review_items(log.statements)[0].due
    _quiz(log, {"q1": True}, at=log.clock + timedelta(hours=1))
    third = review_items(log.statements)[0]
    assert first < second < third.due
    assert third.state == "review"
    assert third.reviews == 3


def test_a_miss_on_a_reviewed_item_brings_it_back_soon_and_counts_a_lapse(log):
    _quiz(log, {"q1": False})
    _quiz(log, {"q1": True}, at=log.clock + timedelta(minutes=5))
    _quiz(log, {"q1": True}, at=log.clock + timedelta(hours=1))
    before = review_items(log.statements)[0]
    _quiz(log, {"q1": False}, at=before.due + timedelta(days=1))
    after = review_items(log.statements)[0]
    assert after.lapses == 1
    assert after.state == "relearning"
    assert after.due - log.clock <= timedelta(minutes=10)


def test_items_missed_anywhere_share_one_card_per_item(log):
    _quiz(log, {"q1": False})
    placement = log.attempt(L1, "placement-l1", "placement")
    log.answer(L1, "placement-l1", "p1", False, placement)
    _quiz(log, {"q1": False})
    items = review_items(log.statements)
    assert {(i.quiz_slug, i.item_id, i.reviews) for i in items} == {
        ("l1-a4-quiz", "q1", 2),
        ("placement-l1", "p1", 1),
    }


def test_exam_answers_never_enter_the_queue(log):
    exam = log.attempt(L1, "l1-exam", "exam")
    log.answer(L1, "l1-exam", "e1", False, exam)
    log.add("answered", L1, "item", "l1-exam/e2", registration=exam, response="k01")
    log.submit(L1, "l1-exam", exam)
    assert review_items(log.statements) == []


def test_only_the_first_answer_in_an_attempt_counts(log):
    registration = _quiz(log, {"q1": False, "q2": True})
    log.answer(L1, "l1-a4-quiz", "q1", True, registration)  # checked again, now right
    log.answer(L1, "l1-a4-quiz", "q2", False, registration)
    [item] = review_items(log.statements)
    assert (item.item_id, item.reviews, item.state) == ("q1", 1, "learning")


def test_queue_lists_only_due_items_soonest_first(store, learner):
    registration = learner.attempt_started(L1, 1, "l1-a4-quiz")
    for item in ("q1", "q2", "q3"):
        learner.item_answered(L1, 1, "l1-a4-quiz", item, "b", 0.0, False, registration)
    again = learner.attempt_started(L1, 1, "l1-a4-quiz")
    learner.item_answered(L1, 1, "l1-a4-quiz", "q2", "a", 1.0, True, again)

    schedule = learner.review_schedule()
    assert [i.item_id for i in schedule][-1] == "q2"
    assert [i.due for i in schedule] == sorted(i.due for i in schedule)
    soon = schedule[0].due
    assert learner.review_queue(soon - timedelta(seconds=1)) == []
    due = learner.review_queue(soon + timedelta(minutes=2))
    assert {i.item_id for i in due} == {"q1", "q3"}
    assert learner.review_queue(schedule[-1].due + timedelta(seconds=1)) == schedule

    # Derived, not stored: a fresh session of the profile finds the same queue.
    assert store.unlock(learner.profile_id, PASSPHRASE).review_schedule() == schedule


def test_queue_follows_new_answers_in_the_same_session(learner):
    registration = learner.attempt_started(L1, 1, "l1-a4-quiz")
    learner.item_answered(L1, 1, "l1-a4-quiz", "q1", "b", 0.0, False, registration)
    first = learner.review_schedule()
    review = "5d0f3a4e-7b1c-4e2d-9a8b-1c2d3e4f5a6b"  # a review session's registration
    learner.item_answered(L1, 1, "l1-a4-quiz", "q1", "a", 1.0, True, review)
    second = learner.review_schedule()
    assert second[0].reviews == first[0].reviews + 1
