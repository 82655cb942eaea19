"""Attempts as plain Python (no window): drawn forms recorded and resumed, practice
that keeps the first answer, exams recorded without a score and submitted."""

from __future__ import annotations

import json
import zipfile
from types import SimpleNamespace

import pytest

from content.forms import EXT_FORM
from content.quiz import Quiz
from desktop.quiz_run import QuizRun, exam_preflight
from desktop.store import Store
from sync.xapi import verb_name
from tests.desktop.app_driver import CHEAP_KDF, PASSPHRASE, right_answer, some_answer
from tests.desktop.app_driver import wrong_answer as wrong


@pytest.fixture
def level1(starter_packs):
    path = starter_packs / "level1.hvpack"
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        quizzes = {
            name.removeprefix("quizzes/").removesuffix(".json"): Quiz.from_json(
                json.loads(archive.read(name))
            )
            for name in archive.namelist()
            if name.startswith("quizzes/")
        }
    pack = SimpleNamespace(pack_id=manifest["id"], version=manifest["version"], manifest=manifest)
    return pack, quizzes


@pytest.fixture
def learner(tmp_path):
    store = Store.open(tmp_path / "learners.sqlite", kdf_params=CHEAP_KDF)
    yield store.create_profile("Lan", PASSPHRASE)
    store.close()


def test_practice_keeps_the_first_answer_and_records_it_once(level1, learner):
    pack, quizzes = level1
    run = QuizRun.start(learner, pack, [quizzes["l1-a1-quiz"]], "quiz", practice=True)
    question = run.questions[0]
    assert run.answer(question, wrong(question.item)).score == 0.0
    assert run.locked(question)
    assert run.answer(question, right_answer(question.item)).score == 0.0
    answered = [s for s in learner.statements() if verb_name(s) == "answered"]
    assert len(answered) == 1 and answered[0]["result"]["duration"].startswith("PT")
    for other in run.questions[1:]:
        run.answer(other, right_answer(other.item))
    result = run.finish()
    assert result.score == pytest.approx(1 - 1 / len(run.questions))
    assert result.wrong == (question,)


def test_an_exam_attempt_is_recorded_without_scores_resumed_identically_and_submitted(
    level1, learner
):
    pack, quizzes = level1
    exam = quizzes[pack.manifest["exam"]["quiz"]]
    preflight = exam_preflight(learner, pack, exam)
    assert preflight.gate.open and preflight.gate.attempts_left == 3
    assert preflight.items == sum(exam.blueprint.values()) and not preflight.resumable

    run = QuizRun.start(learner, pack, [exam], "exam", practice=False)
    [attempted] = [s for s in learner.statements() if verb_name(s) == "attempted"]
    assert attempted["context"]["extensions"][EXT_FORM] == run.forms[exam.slug].to_json()
    for question in run.questions[:3]:
        assert run.answer(question, some_answer(question.item)) is None

    assert exam_preflight(learner, pack, exam).resumable
    again = QuizRun.start_or_resume(learner, pack, [exam], "exam")
    assert [(q.item.id, q.order) for q in again.questions] == [
        (q.item.id, q.order) for q in run.questions
    ]
    assert set(again.answers) == set(run.answers)
    result = again.finish()
    assert result.submitted and result.unanswered == len(run.questions) - 3
    assert result.wrong == () and result.per_quiz == {}

    log = learner.statements()
    assert not any("score" in (s.get("result") or {}) for s in log if ":exam:" in s["object"]["id"])
    assert [verb_name(s) for s in log if ":exam:" in s["object"]["id"]] == [
        "attempted",
        "completed",
    ]
    gate = exam_preflight(learner, pack, exam).gate
    assert (gate.open, gate.reason, gate.attempts_left) == (False, "cooldown", 2)
