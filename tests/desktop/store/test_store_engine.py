"""The learning engine on logs written by hand: progress, mastery, level completion,
placement, where to continue, open attempts."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.store import ContinuePoint, CourseMap, LessonState
from tests.desktop.store.learner_logs import (
    L1,
    L2,
    PLACEMENT,
    LogBuilder,
    attempts,
    derived,
    make_course,
)

ALL_AREAS = range(1, 7)


def test_empty_log_has_nothing_started_and_starts_at_the_first_lesson():
    progress = derived([])
    assert {row.state for row in progress.lessons.values()} == {LessonState.NOT_STARTED}
    assert not any(m.mastered or m.skipped for m in progress.modules.values())
    assert progress.levels[1].fraction == 0 and not progress.levels[1].complete
    assert progress.placement.taken is False
    assert progress.placement.start_level == 1
    assert progress.continue_at == ContinuePoint(L1, "l1-a1", "l1-a1-one", "start")


def test_lessons_move_from_not_started_to_in_progress_to_done_with_time_spent(log):
    log.opened(L1, "l1-a1-one")
    log.opened(L1, "l1-a1-two")
    log.completed(L1, "l1-a1-two", duration_s=240)
    log.opened(L1, "l1-a1-two")
    log.completed(L1, "l1-a1-two", duration_s=60)

    lessons = derived(log.statements).lessons
    assert lessons[(L1, "l1-a1-one")].state is LessonState.IN_PROGRESS
    assert lessons[(L1, "l1-a1-two")].state is LessonState.DONE
    assert lessons[(L1, "l1-a1-two")].time_spent_s == pytest.approx(300)
    assert lessons[(L1, "l1-a2-one")].state is LessonState.NOT_STARTED


def test_module_progress_counts_lessons_and_the_quiz(log):
    log.completed(L1, "l1-a1-one")
    module = derived(log.statements).modules[(L1, "l1-a1")]
    assert module.lessons_done == 1
    assert module.fraction == pytest.approx(1 / 3)
    assert not module.mastered

    log.completed(L1, "l1-a1-two")
    assert derived(log.statements).modules[(L1, "l1-a1")].fraction == pytest.approx(2 / 3)


def test_module_is_mastered_by_a_passed_quiz_at_the_pass_mark(log):
    log.take_quiz(L1, "l1-a1-quiz", 0.6)
    module = derived(log.statements).modules[(L1, "l1-a1")]
    assert not module.mastered and module.best_score is None

    log.take_quiz(L1, "l1-a1-quiz", 0.8)
    module = derived(log.statements).modules[(L1, "l1-a1")]
    assert module.mastered and module.complete
    assert module.best_score == pytest.approx(0.8)
    assert module.fraction == 1.0


def test_a_passed_statement_below_the_modules_pass_mark_does_not_master_it(log):
    stricter = make_course()
    pack = stricter.packs[0]
    raised = type(pack.modules[0])(**{**pack.modules[0].__dict__, "pass_mark": 0.95})
    course = CourseMap([type(pack)(**{**pack.__dict__, "modules": [raised, *pack.modules[1:]]})])
    log.take_quiz(L1, "l1-a1-quiz", 0.9)
    assert not derived(log.statements, course).modules[(L1, "l1-a1")].mastered


def test_area_progress_aggregates_the_areas_modules_across_levels(log):
    log.master(L1, "l1-a4")
    log.completed(L2, "l2-a4-one")
    area = derived(log.statements).areas[4]
    assert area.modules == ((L1, "l1-a4"), (L2, "l2-a4"))
    assert area.modules_complete == 1
    assert area.fraction == pytest.approx((1 + 1 / 3) / 2)


def test_level_is_complete_when_all_six_modules_are_mastered_and_the_exam_passed(log):
    for area in ALL_AREAS:
        log.master(L1, f"l1-a{area}")
    level = derived(log.statements).levels[1]
    assert level.required == tuple((L1, f"l1-a{area}") for area in ALL_AREAS)
    assert not level.complete and not level.exam_passed
    assert level.fraction == pytest.approx(6 / 7)

    log.take_quiz(L1, "l1-exam", 0.7, kind="exam")
    assert not derived(log.statements).levels[1].complete

    log.take_quiz(L1, "l1-exam", 0.85, kind="exam")
    level = derived(log.statements).levels[1]
    assert level.complete and level.exam_passed and level.fraction == 1.0
    assert level.exam_best_score == pytest.approx(0.85)
    assert not derived(log.statements).levels[2].complete


def test_exam_passed_with_a_module_missing_does_not_complete_the_level(log):
    for area in range(1, 6):
        log.master(L1, f"l1-a{area}")
    log.take_quiz(L1, "l1-exam", 1.0, kind="exam")
    level = derived(log.statements).levels[1]
    assert level.exam_passed and not level.complete


def test_placement_skips_modules_whose_items_reached_the_pass_mark(log):
    log.placement(1, {1: 2, 2: 1, 3: 2, 4: 0})
    placement = derived(log.statements).placement
    assert placement.taken
    assert placement.scores[(1, 1)] == 1.0
    assert placement.scores[(2, 1)] == 0.5
    assert placement.skipped == {(L1, "l1-a1"), (L1, "l1-a3")}
    assert placement.start_level == 1
    modules = derived(log.statements).modules
    assert modules[(L1, "l1-a1")].skipped and modules[(L1, "l1-a1")].fraction == 1.0
    assert not modules[(L1, "l1-a2")].skipped


def test_placement_of_a_whole_level_starts_the_learner_at_the_next(log):
    log.placement(1, dict.fromkeys(ALL_AREAS, 2))
    log.placement(2, {5: 2})
    progress = derived(log.statements)
    assert progress.placement.start_level == 2
    assert (L2, "l2-a5") in progress.placement.skipped
    assert progress.continue_at == ContinuePoint(L2, "l2-a1", "l2-a1-one", "start")
    # Skipped modules count as complete: the level needs only its exam now.
    log.take_quiz(L1, "l1-exam", 0.9, kind="exam")
    assert derived(log.statements).levels[1].complete


def test_only_the_latest_finished_placement_attempt_counts(log):
    log.placement(1, dict.fromkeys(ALL_AREAS, 2))
    log.placement(1, {1: 2})
    assert derived(log.statements).placement.skipped == {(L1, "l1-a1")}


def test_an_unfinished_placement_attempt_skips_nothing_and_can_be_resumed(log):
    registration = log.attempt(PLACEMENT, "placement-l1", "placement")
    for area in ALL_AREAS:
        log.answer(PLACEMENT, "placement-l1", f"a{area}-1", True, registration)
    progress = derived(log.statements)
    assert not progress.placement.taken and not progress.placement.skipped
    [attempt] = attempts(log.statements)
    assert attempt.kind == "placement" and attempt.registration == registration
    assert set(attempt.answered) == {f"a{area}-1" for area in ALL_AREAS}


def test_continue_resumes_the_lesson_opened_and_not_completed(log):
    log.completed(L1, "l1-a1-one")
    log.opened(L1, "l1-a2-two")
    assert derived(log.statements).continue_at == ContinuePoint(L1, "l1-a2", "l1-a2-two", "resume")


def test_continue_goes_to_the_next_lesson_after_the_most_recently_completed(log):
    log.opened(L1, "l1-a1-one")
    log.opened(L1, "l1-a3-one")
    log.completed(L1, "l1-a3-one")
    assert derived(log.statements).continue_at == ContinuePoint(L1, "l1-a3", "l1-a3-two", "next")
    log.completed(L1, "l1-a3-two")
    assert derived(log.statements).continue_at == ContinuePoint(L1, "l1-a4", "l1-a4-one", "next")


def test_continue_passes_over_modules_already_mastered_or_skipped(log):
    log.master(L1, "l1-a2")
    log.placement(1, {3: 2})
    log.completed(L1, "l1-a1-two")
    assert derived(log.statements).continue_at == ContinuePoint(L1, "l1-a4", "l1-a4-one", "next")


def test_continue_is_none_when_every_lesson_is_done():
    log = LogBuilder()
    course = make_course()
    for pack, module in course.modules_in_order():
        for lesson in module.lessons:
            log.completed(pack.pack_id, lesson)
    assert derived(log.statements).continue_at is None


def test_an_exam_attempt_without_a_result_is_open_with_its_answers(log):
    registration = log.attempt(L1, "l1-exam", "exam")
    log.answer(L1, "l1-exam", "e1", True, registration)
    log.answer(L1, "l1-exam", "e2", False, registration)
    log.answer(L1, "l1-exam", "e2", True, registration)
    [attempt] = attempts(log.statements)
    assert (attempt.pack_id, attempt.kind, attempt.quiz_slug) == (L1, "exam", "l1-exam")
    assert attempt.answered["e2"].success is True
    assert attempt.answered["e1"].response == "a"
    assert attempt.started == log.clock - timedelta(minutes=3)

    log.submit(L1, "l1-exam", registration)
    assert attempts(log.statements) == []


def test_statements_of_other_programs_or_unknown_activities_are_ignored(log):
    log.completed(L1, "l1-a1-one")
    foreign = dict(log.statements[0], id="0b7a2c1e-5d6f-4a3b-9c8d-7e6f5a4b3c2d")
    foreign["object"] = {"objectType": "Activity", "id": "https://example.org/course/1"}
    progress = derived([*log.statements, foreign])
    assert progress == derived(log.statements)
