"""Exam results: provisional certificates, signed ones from the server, and exam
attempts that survive closing the app."""

from __future__ import annotations

import sqlite3

import pytest

from desktop.store import CertificateStatus, NotFound, StatementRefused, Store
from tests.desktop.store.learner_logs import CHEAP_KDF, L1, PASSPHRASE, LogBuilder


def test_a_submitted_exam_makes_no_certificate_and_a_devices_own_pass_is_refused(learner):
    registration = learner.attempt_started(L1, 1, "l1-exam", kind="exam")
    learner.exam_submitted(L1, 1, "l1-exam", registration, 1800)
    with pytest.raises(ValueError, match="server"):
        learner.quiz_finished(L1, 1, "l1-exam", 0.9, True, registration, kind="exam", level=1)
    learner.quiz_finished(L1, 1, "l1-a1-quiz", 1.0, True, registration)
    assert learner.certificates() == []


def test_a_device_cannot_record_a_statement_claiming_the_servers_grading(learner):
    forged = LogBuilder(learner.profile_id)
    registration = forged.attempt(L1, "l1-exam", "exam")
    result = forged.server_result(L1, "l1-exam", registration, 1.0)
    with pytest.raises(StatementRefused, match="only the server"):
        learner.record(result)
    del result["authority"]
    with pytest.raises(StatementRefused, match="only the server"):
        learner.record(result)
    assert learner.statements() == []


def test_the_servers_certificate_attaches_to_its_result_statement(store, learner, store_path):
    server = LogBuilder(learner.profile_id)
    registration = learner.attempt_started(L1, 1, "l1-exam", kind="exam")
    learner.exam_submitted(L1, 1, "l1-exam", registration, 1800)
    result = server.server_result(L1, "l1-exam", registration, 0.9, certificate="C-1")
    learner.insert_pulled([result])
    signed = {"certificate": {"level": 1, "learner": "L-0042"}, "signature": "base64…"}
    updated = learner.attach_signed_certificate(result["id"], signed)
    assert updated.status is CertificateStatus.SIGNED
    assert (updated.pack_id, updated.exam_slug, updated.level) == (L1, "l1-exam", 1)
    assert updated.score == pytest.approx(0.9) and updated.signed == signed
    again = store.unlock(learner.profile_id, PASSPHRASE)
    assert again.certificates() == [updated]
    with sqlite3.connect(store_path) as raw:
        assert raw.execute("SELECT count(*) FROM certificates").fetchone()[0] == 1


def test_a_certificate_for_an_exam_passed_on_another_device_attaches_to_its_pulled_statement(
    learner,
):
    other = LogBuilder()
    registration = other.attempt(L1, "l1-exam", "exam")
    other.submit(L1, "l1-exam", registration)
    passed = other.server_result(L1, "l1-exam", registration, 0.95)
    learner.insert_pulled(other.statements)
    assert learner.certificates() == []

    certificate = learner.attach_signed_certificate(passed["id"], {"level": 1, "sig": "x"})
    assert certificate.status is CertificateStatus.SIGNED
    assert certificate.level == 1
    assert learner.certificates() == [certificate]


def test_a_certificate_for_an_unknown_statement_is_refused(learner):
    with pytest.raises(NotFound, match="pull statements"):
        learner.attach_signed_certificate("3b0c8c43-9c8e-4a59-9f3e-2d4f6b7a8c9d", {"level": 1})


def test_an_exam_attempt_can_be_resumed_after_the_app_is_closed(store_path):
    store = Store.open(store_path, kdf_params=CHEAP_KDF)
    learner = store.create_profile("Lan", PASSPHRASE)
    registration = learner.attempt_started(L1, 1, "l1-exam", kind="exam")
    learner.item_answered(L1, 1, "l1-exam", "e1", "a[,]b", 1.0, True, registration, 30)
    learner.item_answered(L1, 1, "l1-exam", "e2", "true", 0.0, False, registration, 12)
    store.close()

    reopened = Store.open(store_path, kdf_params=CHEAP_KDF)
    again = reopened.unlock(learner.profile_id, PASSPHRASE)
    [attempt] = again.open_attempts()
    assert (attempt.registration, attempt.kind, attempt.quiz_slug) == (
        registration,
        "exam",
        "l1-exam",
    )
    assert {k: v.response for k, v in attempt.answered.items()} == {"e1": "a[,]b", "e2": "true"}

    again.item_answered(L1, 1, "l1-exam", "e3", "b", None, None, registration)
    again.exam_submitted(L1, 1, "l1-exam", registration, 1500)
    assert again.open_attempts() == []
    reopened.close()
