"""Launching quizzes as plain Python (no window): introductions that start nothing,
runs resumed by registration at the question shown, placement in area sections with
a summary by area, and results by area with the learner's own answers."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.quiz_launch import (
    exam_intro,
    make_run,
    module_quiz_intro,
    placement_intro,
    placement_summary,
    suspended,
)
from desktop.quiz_run import answer_lines
from desktop.workspace import Workspace
from tests.desktop.app_driver import CHEAP_KDF, PASSPHRASE, right_answer, some_answer
from tests.desktop.app_driver import wrong_answer as wrong

WORDS = ("True", "False")


@pytest.fixture
def world(tmp_path, starter_packs):
    workspace = Workspace(tmp_path / "data", kdf_params=CHEAP_KDF, bundled=starter_packs)
    workspace.install_bundled()
    workspace.reindex()
    learner = workspace.store.create_profile("Lan", PASSPHRASE)
    yield workspace.catalog, learner
    learner.lock()
    workspace.close()


def placement_quizzes(catalog):
    pack = catalog.placement
    return pack, [catalog.quiz(pack.pack_id, s) for s in pack.manifest["placement"]["quizzes"]]


def test_an_introduction_starts_no_attempt(world):
    catalog, learner = world
    module = next(m for m in catalog.modules() if m.quiz)
    pack, quiz = catalog.packs[module.pack_id], catalog.quiz(module.pack_id, module.quiz)
    before = len(learner.statements())
    intro = module_quiz_intro(pack, quiz, module.module_id)
    assert intro.practice and intro.time_limit_minutes is None and intro.estimate_minutes >= 1
    assert not intro.resuming and intro.can_start
    exam_pack = catalog.level_packs[0]
    exam = exam_intro(learner, exam_pack, catalog.quiz(exam_pack.pack_id, "l1-exam"))
    assert exam.time_limit_minutes == 60 and (exam.attempts_left, exam.attempts_allowed) == (3, 3)
    assert len(learner.statements()) == before


def test_a_run_taken_up_after_a_lock_has_its_form_answers_and_place(world):
    catalog, learner = world
    module = next(m for m in catalog.modules() if m.quiz)
    intro = module_quiz_intro(
        catalog.packs[module.pack_id], catalog.quiz(module.pack_id, module.quiz), module.module_id
    )
    run = make_run(learner, catalog, intro.launch)
    run.answer(run.questions[0], wrong(run.questions[0].item))
    run.answer(run.questions[1], right_answer(run.questions[1].item))
    launch = suspended(run, 2, module.module_id)
    assert launch.registrations and launch.index == 2

    again = make_run(learner, catalog, launch)
    assert again.practice and again.registrations == run.registrations
    assert [(q.item.id, q.order) for q in again.questions] == [
        (q.item.id, q.order) for q in run.questions
    ]
    assert (
        again.locked(again.questions[0])
        and again.answers[(again.questions[0].quiz_slug, again.questions[0].item.id)][1].score
        == 0.0
    )
    # Retry: the same launch without registrations is a new attempt.
    fresh = make_run(learner, catalog, intro.launch)
    assert fresh.answers == {} and fresh.registrations != run.registrations


def test_an_open_exam_is_offered_to_continue_with_what_is_answered(world):
    catalog, learner = world
    pack = catalog.level_packs[0]
    quiz = catalog.quiz(pack.pack_id, "l1-exam")
    run = make_run(learner, catalog, exam_intro(learner, pack, quiz).launch)
    for question in run.questions[:4]:
        run.answer(question, some_answer(question.item))
    intro = exam_intro(learner, pack, quiz)
    assert intro.resuming and intro.answered == 4 and intro.can_start
    assert intro.minutes_left == 60  # begun a moment ago: the whole hour, rounded up
    later = exam_intro(learner, pack, quiz, now=run_started(learner) + timedelta(minutes=45))
    assert later.minutes_left == 15
    assert intro.launch.registrations == tuple(run.registrations.values())


def test_placement_goes_area_by_area_and_ends_with_a_summary_by_area(world):
    catalog, learner = world
    pack, quizzes = placement_quizzes(catalog)
    intro = placement_intro(learner, pack, quizzes)
    assert intro.areas == 6 and not intro.resuming
    run = make_run(learner, catalog, intro.launch)
    areas = [q.item.measured_area for q in run.questions]
    assert areas == sorted(areas)
    first = run.section(0)
    assert (first.area, first.number, first.count, first.position) == (1, 1, 6, 1)
    last = run.section(len(run.questions) - 1)
    assert (last.number, last.position) == (6, last.size)

    # Area 1 answered right at every level, then left: the introduction says so.
    area_one = [q for q in run.questions if q.item.measured_area == 1]
    for question in area_one:
        run.answer(question, right_answer(question.item))
    resumed = placement_intro(learner, pack, quizzes)
    assert resumed.resuming and resumed.answered == len(area_one)
    again = make_run(learner, catalog, resumed.launch)
    assert [q.item.id for q in again.questions] == [q.item.id for q in run.questions]
    result = again.finish()
    assert result.by_area[0] == (1, float(len(area_one)), len(area_one))
    assert all(right == 0 for area, right, _asked in result.by_area if area != 1)

    lines, start = placement_summary(learner, catalog)
    assert start == 1
    assert lines[0].area == 1 and lines[0].study_level is None
    assert lines[0].skipped_levels == (1, 2, 3, 4)
    assert all(line.skipped_levels == () and line.study_level == 1 for line in lines[1:])


def test_a_result_names_the_competences_to_revisit_and_the_answers_given(world):
    catalog, learner = world
    module = next(m for m in catalog.modules() if m.quiz)
    intro = module_quiz_intro(
        catalog.packs[module.pack_id], catalog.quiz(module.pack_id, module.quiz), module.module_id
    )
    run = make_run(learner, catalog, intro.launch)
    missed = next(q for q in run.questions if q.item.type == "single")
    for question in run.questions:
        item = question.item
        run.answer(question, wrong(item) if question is missed else right_answer(item))
    result = run.finish()
    assert result.wrong == (missed,)
    assert result.revisit == tuple(sorted(set(missed.item.competences)))
    chosen = next(o for o in missed.item.options if o.id == wrong(missed.item))
    assert answer_lines(missed.item, wrong(missed.item), "vi", WORDS) == [chosen.text["vi"]]
    assert answer_lines(missed.item, None, "vi", WORDS) == []


def run_started(learner):
    [attempt] = [a for a in learner.open_attempts() if a.kind == "exam"]
    return attempt.started
