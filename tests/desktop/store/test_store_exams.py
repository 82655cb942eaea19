"""Exams graded by the server, as the device sees them: what counts for a level, what
is awaiting a result, when a retake opens; and practice that counts first answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from content.exam_policy import ExamPolicy
from desktop.store.engine import previous_items
from desktop.store.exams import exam_standing
from sync.progress import derive, facts_of, learning_order
from tests.desktop.store.learner_logs import L1, LogBuilder, attempts, derived, make_course

ALL_AREAS = range(1, 7)


def _masters_all_modules(log: LogBuilder) -> None:
    for area in ALL_AREAS:
        log.master(L1, f"l1-a{area}")


def standing(log: LogBuilder):
    return exam_standing(learning_order(facts_of(log.statements)), L1, "l1-exam")


def test_a_devices_own_exam_pass_no_longer_completes_the_level(log):
    _masters_all_modules(log)
    registration = log.attempt(L1, "l1-exam", "exam")
    log.finish(L1, "l1-exam", 1.0, registration, "exam")  # an older app graded it itself
    level = derived(log.statements).levels[1]
    assert not level.exam_passed and not level.complete


def test_only_a_graded_pass_from_the_server_completes_the_level(log):
    _masters_all_modules(log)
    registration = log.attempt(L1, "l1-exam", "exam")
    log.submit(L1, "l1-exam", registration)
    assert not derived(log.statements).levels[1].complete
    for status in ("cooldown", "attempt_limit", "rejected", "invalid"):
        log.take_exam(L1, "l1-exam", 1.0, status=status, passed=False)
        assert not derived(log.statements).levels[1].complete, status
    log.server_result(L1, "l1-exam", registration, 0.84)
    level = derived(log.statements).levels[1]
    assert level.complete and level.exam_passed
    assert level.exam_best_score == pytest.approx(0.84)


def test_a_signed_certificate_already_in_the_store_keeps_the_level_complete(learner, course):
    server = LogBuilder(learner.profile_id)
    for area in ALL_AREAS:
        server.master(L1, f"l1-a{area}")
    registration = server.attempt(L1, "l1-exam", "exam")
    old_pass = server.finish(L1, "l1-exam", 0.9, registration, "exam")
    learner.insert_pulled(server.statements)
    assert not learner.progress(course).levels[1].complete
    learner.attach_signed_certificate(old_pass["id"], {"certificate": {"level": 1}})
    assert learner.progress(course).levels[1].complete


def test_practice_counts_the_first_answer_even_in_older_logs_with_rechecks(log):
    # Before items locked once checked, a learner could check again until right, and
    # the quiz's score counted the last answers: 4 items, 2 right at first, 4 at last.
    registration = log.attempt(L1, "l1-a1-quiz")
    for item, right in (("q1", True), ("q2", True), ("q3", False), ("q4", False)):
        log.answer(L1, "l1-a1-quiz", item, right, registration)
    log.answer(L1, "l1-a1-quiz", "q3", True, registration)
    log.answer(L1, "l1-a1-quiz", "q4", True, registration)
    log.finish(L1, "l1-a1-quiz", 1.0, registration)
    module = derived(log.statements).modules[(L1, "l1-a1")]
    assert module.best_score == pytest.approx(0.5)
    assert not module.mastered


def test_a_submitted_exam_awaits_its_result_and_the_result_says_what_to_revisit(log):
    registration = log.attempt(L1, "l1-exam", "exam")
    log.submit(L1, "l1-exam", registration)
    assert standing(log).awaiting and not standing(log).passed
    log.server_result(
        L1,
        "l1-exam",
        registration,
        0.7,
        per_area={"1": 1.0, "4": 0.5},
        revisit=["4.2", "4.1"],
        attempt=1,
    )
    result = standing(log).latest.result
    assert not standing(log).awaiting and not standing(log).passed
    assert (result.passed, result.status, result.score) == (False, "graded", 0.7)
    assert result.per_area == {1: 1.0, 4: 0.5}
    assert result.revisit == ("4.2", "4.1")


def test_retakes_wait_for_the_cooldown_and_stop_at_the_limit(log):
    policy = ExamPolicy.of({"exam": {"retake": {"cooldown_hours": 24, "attempts": 2}}})
    start = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    assert standing(log).gate(policy, 1, start).open
    first = log.attempt(L1, "l1-exam", "exam", at=start)
    submitted = log.submit(L1, "l1-exam", first, at=start + timedelta(minutes=50))
    at = datetime.fromisoformat(submitted["timestamp"].replace("Z", "+00:00"))
    gate = standing(log).gate(policy, 1, at + timedelta(hours=2))
    assert (gate.open, gate.reason, gate.reopens_at) == (False, "cooldown", at + timedelta(days=1))
    assert gate.attempts_left == 1
    assert standing(log).gate(policy, 1, at + timedelta(hours=25)).open
    # A new pack version starts the count again; the cooldown still runs.
    assert standing(log).gate(policy, 2, at + timedelta(hours=25)).attempts_left == 2

    second = log.attempt(L1, "l1-exam", "exam", at=at + timedelta(hours=26))
    log.submit(L1, "l1-exam", second)
    gate = standing(log).gate(policy, 1, at + timedelta(days=9))
    assert (gate.open, gate.reason, gate.attempts_left) == (False, "attempt_limit", 0)


def test_the_servers_word_on_attempts_and_the_next_opening_makes_the_device_stricter(log):
    policy = ExamPolicy.of({})
    assert (policy.cooldown_hours, policy.attempts) == (24, 3)
    start = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
    registration = log.attempt(L1, "l1-exam", "exam", at=start)
    log.submit(L1, "l1-exam", registration)
    later = start + timedelta(days=3)
    log.server_result(
        L1,
        "l1-exam",
        registration,
        0.5,
        attempt=2,  # another laptop submitted one too
        next_attempt_after=later.isoformat().replace("+00:00", "Z"),
    )
    gate = standing(log).gate(policy, 1, start + timedelta(days=2))
    assert (gate.reason, gate.reopens_at, gate.attempts_left) == ("cooldown", later, 1)


def test_an_open_attempt_carries_its_form_and_the_next_draw_knows_the_previous_items(log):
    form = {"quiz": "l1-a1-quiz", "seed": 7, "items": [{"id": "q3"}, {"id": "q1"}]}
    registration = log.attempt(L1, "l1-a1-quiz", extensions={"urn:hocvu:ext:form": form})
    [attempt] = attempts(log.statements)
    assert attempt.registration == registration and attempt.form == form
    ordered = learning_order(facts_of(log.statements))
    assert previous_items(ordered, L1, "quiz", "l1-a1-quiz") == {"q1", "q3"}
    assert previous_items(ordered, L1, "exam", "l1-a1-quiz") == frozenset()

    # An attempt recorded before forms existed: the items it answered.
    older = LogBuilder()
    registration = older.attempt(L1, "l1-a1-quiz")
    older.answer(L1, "l1-a1-quiz", "q2", True, registration)
    ordered = learning_order(facts_of(older.statements))
    assert previous_items(ordered, L1, "quiz", "l1-a1-quiz") == {"q2"}


def test_a_graded_pass_whose_certificate_was_revoked_does_not_complete_the_level(log):
    _masters_all_modules(log)
    registration = log.take_exam(L1, "l1-exam", 0.9)
    [result] = [s for s in log.statements if s.get("authority")]
    assert result["context"]["registration"] == registration
    ordered = learning_order(facts_of(log.statements))
    assert derive(ordered, make_course()).levels[1].complete
    assert not derive(ordered, make_course(), revoked=frozenset({result["id"]})).levels[1].complete
