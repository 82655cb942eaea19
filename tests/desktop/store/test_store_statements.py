"""The statement log as the sync client sees it: pending in order, marked synced,
pulled statements inserted once; and the log is append-only."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.store import StatementRefused
from sync.xapi import parse_duration, validate, verb_name
from tests.desktop.store.learner_logs import L1, PASSPHRASE, LogBuilder


def test_convenience_methods_record_well_formed_statements_with_durations(learner):
    opened = learner.lesson_opened(L1, 1, "l1-a1-one")
    completed = learner.lesson_completed(L1, 1, "l1-a1-one", 312.5)
    registration = learner.attempt_started(L1, 1, "l1-a1-quiz")
    answered = learner.item_answered(
        L1, 1, "l1-a1-quiz", "q1", "a[,]c", 0.5, False, registration, 21
    )
    finished = learner.quiz_finished(L1, 1, "l1-a1-quiz", 0.85, True, registration, 600)
    exam = learner.attempt_started(L1, 1, "l1-exam", kind="exam", form={"quiz": "l1-exam"})
    sealed = learner.item_answered(L1, 1, "l1-exam", "e1", "k0123456789", None, None, exam, 9)
    submitted = learner.exam_submitted(L1, 1, "l1-exam", exam, 1200)

    for statement in (opened, completed, answered, finished, sealed, submitted):
        validate(statement)
    assert [verb_name(s) for s in learner.statements()] == [
        "experienced",
        "completed",
        "attempted",
        "answered",
        "passed",
        "attempted",
        "answered",
        "completed",
    ]
    assert opened["object"]["id"] == f"urn:hocvu:pack:{L1}:lesson:l1-a1-one"
    assert parse_duration(completed["result"]["duration"]) == pytest.approx(312.5)
    assert answered["object"]["id"] == f"urn:hocvu:pack:{L1}:item:l1-a1-quiz/q1"
    assert answered["result"] == {
        "score": {"scaled": 0.5},
        "success": False,
        "response": "a[,]c",
        "duration": "PT21S",
    }
    assert answered["context"]["registration"] == registration
    assert finished["object"]["id"] == f"urn:hocvu:pack:{L1}:quiz:l1-a1-quiz"
    assert submitted["object"]["id"] == f"urn:hocvu:pack:{L1}:exam:l1-exam"
    # An exam: the device records what was answered and that it was submitted, never a
    # score or a success it cannot know.
    assert sealed["result"] == {"response": "k0123456789", "duration": "PT9S"}
    assert submitted["result"] == {"completion": True, "duration": "PT20M0S"}
    attempted = learner.statements()[-3]
    assert attempted["context"]["extensions"]["urn:hocvu:ext:form"] == {"quiz": "l1-exam"}
    assert finished["context"]["extensions"]["urn:hocvu:ext:app-version"] == "0.1.0"


def test_pending_lists_unsynced_statements_in_recording_order(learner):
    recorded = [learner.lesson_opened(L1, 1, f"lesson-{n}")["id"] for n in range(12)]
    assert [s["id"] for s in learner.pending()] == recorded
    assert [s["id"] for s in learner.pending(limit=5)] == recorded[:5]
    assert learner.pending_count() == 12


def test_mark_synced_removes_statements_from_pending_and_is_idempotent(learner):
    recorded = [learner.lesson_opened(L1, 1, f"lesson-{n}")["id"] for n in range(6)]
    assert learner.mark_synced(recorded[:4]) == 4
    assert learner.mark_synced(recorded[:4]) == 0
    assert [s["id"] for s in learner.pending()] == recorded[4:]
    assert len(learner.statements()) == 6


def test_marking_synced_is_the_only_change_to_a_stored_row(learner, store_path):
    learner.lesson_opened(L1, 1, "l1-a1-one")
    with sqlite3.connect(store_path) as raw:
        before = raw.execute("SELECT seq, profile_id, id, body FROM statements").fetchall()
    learner.mark_synced([s["id"] for s in learner.pending()])
    with sqlite3.connect(store_path) as raw:
        after = raw.execute("SELECT seq, profile_id, id, body FROM statements").fetchall()
        assert raw.execute("SELECT synced FROM statements").fetchall() == [(1,)]
    assert before == after


def test_pulled_statements_are_stored_once_as_synced_and_after_local_ones(learner):
    local = learner.lesson_opened(L1, 1, "l1-a1-one")
    other_device = LogBuilder()  # another device of the same learner: another profile UUID
    other_device.opened(L1, "l1-a1-two")
    other_device.completed(L1, "l1-a1-two")
    pulled = other_device.statements

    assert learner.insert_pulled(pulled) == 2
    assert learner.insert_pulled(pulled) == 0
    assert learner.insert_pulled([*pulled, *pulled]) == 0
    assert [s["id"] for s in learner.statements()] == [local["id"]] + [s["id"] for s in pulled]
    assert [s["id"] for s in learner.pending()] == [local["id"]]
    assert learner.statements()[1:] == pulled


def test_a_pulled_copy_of_a_local_statement_is_not_stored_twice(learner):
    local = learner.lesson_opened(L1, 1, "l1-a1-one")
    assert learner.insert_pulled([local]) == 0
    assert len(learner.statements()) == 1
    assert learner.pending_count() == 1


def test_malformed_pulled_statement_is_refused_and_nothing_of_the_batch_is_stored(learner):
    good = LogBuilder()
    good.opened(L1, "l1-a1-one")
    bad = dict(good.opened(L1, "l1-a1-two"), timestamp="yesterday")
    with pytest.raises(StatementRefused, match="not ISO 8601"):
        learner.insert_pulled([good.statements[0], bad])
    assert learner.statements() == []


def test_a_statement_of_another_actor_is_not_recorded_as_this_devices_own(learner):
    foreign = LogBuilder().opened(L1, "l1-a1-one")
    with pytest.raises(StatementRefused, match="actor is not this profile"):
        learner.record(foreign)
    assert learner.statements() == []


def test_records_made_through_one_session_are_seen_by_another(store, learner):
    other = store.unlock(learner.profile_id, PASSPHRASE)
    assert other.statements() == []
    learner.lesson_opened(L1, 1, "l1-a1-one")
    assert len(other.statements()) == 1
    assert len(other.open_attempts()) == 0


def test_statements_recorded_in_quick_succession_keep_their_order_in_time(learner):
    registration = learner.attempt_started(L1, 1, "l1-a1-quiz")
    for n in range(50):
        learner.item_answered(L1, 1, "l1-a1-quiz", f"q{n}", "a", 1.0, True, registration)
    learner.quiz_finished(L1, 1, "l1-a1-quiz", 1.0, True, registration)
    stamps = [s["timestamp"] for s in learner.statements()]
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == len(stamps)
