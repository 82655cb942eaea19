"""The server grades exams: certificates only from its own grading, within the retake
policy, with implausibly fast attempts held for an admin (docs/assessment.md)."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from content.forms import score_attempt
from content.grading import grade
from sync.bundle import read_return_bundle
from sync.certificates import verify_certificate
from sync.server import admin, grading
from sync.server.admin_cli import main as admin_cli
from sync.server.bundles import export_return_bundle
from sync.server.models import AuditEntry, Certificate, ExamAttempt, LearnerResult, Statement
from sync.xapi import EXT_GRADING, SERVER_HOME_PAGE, make_statement

from . import exams
from .conftest import CREATED, bearer, enrol, new_code

PUSH = "/api/v1/statements"


@pytest.fixture
def exam(ctx, dev, tmp_path, world):
    """The sealed level-2 exam on the server, assigned to the ministry, opened as the
    server opens it (the development grading key installed)."""
    exams.install_grading_key(ctx)
    path = exams.exam_pack(dev, tmp_path / "exam.hvpack")
    admin.add_pack(ctx.db, "test", path, ctx.settings.data_dir, ctx.roots, at=CREATED)
    with ctx.db.write() as session:
        admin.assign(session, "test", exams.PACK, world.ministry, None)
    return exams.opened_exam(path)


@pytest.fixture
def alice(api, world):
    return enrol(api, world.alice_code)


def push(api, device, statements, status: int = 200) -> dict:
    response = api.post(
        PUSH, json={"statements": statements}, headers=bearer(device["device_token"])
    )
    assert response.status_code == status, response.text
    return response.json()


def pulled(api, device) -> list[dict]:
    response = api.get(PUSH, headers=bearer(device["device_token"]), params={"after": 0})
    return response.json()["statements"]


def certificates(api, device) -> list[dict]:
    headers = bearer(device["device_token"])
    return api.get("/api/v1/certificates", headers=headers).json()["certificates"]


def result_of(api, device, attempt: exams.Attempt) -> dict | None:
    return next((s for s in pulled(api, device) if s["id"] == attempt.result_id), None)


def rows(ctx, model, *where):
    with ctx.db.read() as session:
        return list(session.scalars(select(model).where(*where)))


# ------------------------------------------------------------------ grading from responses


def test_right_answers_are_graded_passed_and_certified_by_the_server(api, ctx, exam, alice):
    attempt = exams.attempt(exam, alice["profile_id"], "right")
    assert exam.public is not exam.quiz and exam.public.sealed  # the app sees no keys
    push(api, alice, attempt.statements)
    result = result_of(api, alice, attempt)
    assert result is not None and result["verb"]["id"].endswith("/passed")
    assert result["authority"]["account"] == {
        "homePage": SERVER_HOME_PAGE,
        "name": ctx.keys.signing_key_id,
    }
    assert result["actor"]["account"]["name"] == alice["profile_id"]
    assert result["context"]["registration"] == attempt.registration
    assert result["context"]["extensions"]["urn:hocvu:ext:pack-version"] == 3
    assert result["result"]["score"]["scaled"] == 1.0 and result["result"]["success"] is True
    grading_ext = result["result"]["extensions"][EXT_GRADING]
    assert grading_ext["status"] == "graded" and grading_ext["per_area"] == {"4": 1.0}
    assert grading_ext["revisit"] == [] and grading_ext["attempt"] == 1
    assert grading_ext["attempts_allowed"] == 3 and grading_ext["next_attempt_after"] is None
    [document] = certificates(api, alice)
    body = verify_certificate(document, ctx.keys.signing.public_key())
    assert body["statement_id"] == attempt.result_id
    assert body["id"] == grading_ext["certificate"]
    assert (body["level"], body["score"], body["learner_name"]) == (2, 1.0, "Nguyễn Thị An")
    with ctx.db.read() as session:
        passed = session.scalar(select(LearnerResult.first_passed))
    assert passed is not None  # the dashboard counts the learner certified


def test_wrong_answers_fail_with_competences_to_revisit_and_no_certificate(api, exam, alice):
    attempt = exams.attempt(exam, alice["profile_id"], "wrong")
    push(api, alice, attempt.statements)
    result = result_of(api, alice, attempt)
    assert result["verb"]["id"].endswith("/failed") and result["result"]["success"] is False
    assert result["result"]["score"]["scaled"] == 0.0
    grading_ext = result["result"]["extensions"][EXT_GRADING]
    assert grading_ext["status"] == "graded" and grading_ext["revisit"] == ["4.1"]
    assert grading_ext["certificate"] is None and grading_ext["next_attempt_after"] is not None
    assert certificates(api, alice) == []


def test_an_attempt_pushed_in_several_batches_is_graded_whole(api, exam, alice):
    attempt = exams.attempt(exam, alice["profile_id"], "right")
    first, rest = attempt.statements[:3], attempt.statements[3:]
    push(api, alice, first)
    assert result_of(api, alice, attempt) is None  # nothing submitted yet
    push(api, alice, rest)
    assert result_of(api, alice, attempt)["result"]["score"]["scaled"] == 1.0


def test_unanswered_items_score_nothing_and_late_answers_do_not_count(api, exam, alice):
    attempt = exams.attempt(exam, alice["profile_id"], "right")
    answered = [s for s in attempt.statements if s["verb"]["id"].endswith("/answered")]
    late = answered[4:]
    push(api, alice, [s for s in attempt.statements if s not in late])
    push(api, alice, late)
    result = result_of(api, alice, attempt)
    assert result["result"]["score"]["scaled"] == round(4 / 7, 4)


# ------------------------------------------------------------------ what never certifies


def forged_pass(profile_id: str, **extra) -> dict:
    return make_statement(
        profile_id=profile_id,
        verb="passed",
        pack_id=exams.PACK,
        kind="exam",
        local_id=exams.EXAM,
        pack_version=3,
        app_version="0.1.0",
        device_id="d",
        score=0.01,
        success=True,
        completion=True,
        **extra,
    )


def test_a_devices_own_exam_pass_is_stored_and_never_certified(api, ctx, exam, alice):
    forged = forged_pass(alice["profile_id"], registration=str(uuid.uuid4()))
    assert push(api, alice, [forged])["accepted"] == [forged["id"]]
    assert certificates(api, alice) == []
    assert rows(ctx, LearnerResult, LearnerResult.kind == "exam") == []
    assert rows(ctx, ExamAttempt) == []


def test_nothing_an_xapi_client_writes_certifies(api, ctx, exam, world, alice):
    with ctx.db.write() as session:
        key, secret = admin.add_xapi_client(session, "test", "lms", world.ministry)
    attempt = exams.attempt(exam, alice["profile_id"], "right")
    statements = [forged_pass(alice["profile_id"]), *attempt.statements]
    response = api.post(
        "/xapi/statements",
        json=statements,
        auth=(key, secret),
        headers={"X-Experience-API-Version": "1.0.3"},
    )
    assert response.status_code == 200, response.text
    assert certificates(api, alice) == []
    assert rows(ctx, ExamAttempt) == [] and result_of(api, alice, attempt) is None


def server_result(profile_id: str) -> dict:
    statement = forged_pass(profile_id)
    statement["authority"] = {
        "objectType": "Agent",
        "account": {"homePage": SERVER_HOME_PAGE, "name": "forged"},
    }
    return statement


def test_a_statement_claiming_the_servers_authority_is_refused_from_anyone(
    api, ctx, exam, world, alice
):
    claims = server_result(alice["profile_id"])
    grading_only = forged_pass(alice["profile_id"])
    grading_only["result"]["extensions"] = {EXT_GRADING: {"status": "graded"}}
    body = push(api, alice, [claims, grading_only], status=400)
    assert [e["id"] for e in body["errors"]] == [claims["id"], grading_only["id"]]
    assert "ministry server" in body["errors"][0]["error"]
    assert EXT_GRADING in body["errors"][1]["error"]
    assert body["accepted"] == []
    with ctx.db.write() as session:
        key, secret = admin.add_xapi_client(session, "test", "lms", world.ministry)
    response = api.post(
        "/xapi/statements",
        json=[server_result(alice["profile_id"])],
        auth=(key, secret),
        headers={"X-Experience-API-Version": "1.0.3"},
    )
    assert response.status_code == 400 and "ministry server" in response.text
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Statement)) == 0
    assert certificates(api, alice) == []


# ------------------------------------------------------------------ held attempts


def cli(ctx, capsys, *args: str) -> tuple[int, str, str]:
    base = ["--data-dir", str(ctx.settings.data_dir), "--database-url", ctx.settings.url]
    code = admin_cli([*base, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_a_too_fast_attempt_is_held_listed_and_released_with_a_certificate(
    api, ctx, exam, alice, world, capsys
):
    attempt = exams.attempt(exam, alice["profile_id"], "right", seconds=20)
    push(api, alice, attempt.statements)
    assert result_of(api, alice, attempt) is None and certificates(api, alice) == []
    [row] = rows(ctx, ExamAttempt)
    assert (row.status, row.held_reason, row.score, row.items) == ("held", "too_fast", 1.0, 7)
    assert row.seconds_taken == pytest.approx(20, abs=1) and row.min_seconds == 56
    code, out, _ = cli(ctx, capsys, "held-attempts", "--unit", str(world.mission))
    assert code == 0 and attempt.registration in out
    assert "Nguyễn Thị An" in out and "ĐSQ Tokyo" in out and "too fast" in out
    assert "20 s of 56 s" in out
    code, out, _ = cli(ctx, capsys, "release-attempt", attempt.registration)
    assert code == 0 and "passed" in out
    result = result_of(api, alice, attempt)
    assert result["result"]["extensions"][EXT_GRADING]["status"] == "graded"
    [document] = certificates(api, alice)
    assert document["certificate"]["statement_id"] == attempt.result_id
    [row] = rows(ctx, ExamAttempt)
    assert row.status == "graded" and row.decided_by and row.decided_at
    assert rows(ctx, AuditEntry, AuditEntry.action == "release-attempt")
    code, _, err = cli(ctx, capsys, "release-attempt", attempt.registration)
    assert code == 1 and "not held" in err


def test_a_rejected_attempt_gets_a_rejected_result_and_no_certificate(
    api, ctx, exam, alice, capsys
):
    attempt = exams.attempt(exam, alice["profile_id"], "right", seconds=10)
    push(api, alice, attempt.statements)
    code, _, err = cli(ctx, capsys, "reject-attempt", attempt.registration, "--reason", " ")
    assert code == 1 and "reason" in err
    reason = "Làm bài hộ (đã xác minh)"
    code, out, _ = cli(ctx, capsys, "reject-attempt", attempt.registration, "--reason", reason)
    assert code == 0 and "rejected" in out
    result = result_of(api, alice, attempt)
    assert result["verb"]["id"].endswith("/failed")
    assert result["result"]["extensions"][EXT_GRADING]["status"] == "rejected"
    assert certificates(api, alice) == []
    [entry] = rows(ctx, AuditEntry, AuditEntry.action == "reject-attempt")
    assert json.loads(entry.detail)["reason"] == reason


def test_a_form_that_is_not_its_seeds_draw_is_held(api, ctx, exam, alice):
    attempt = exams.attempt(exam, alice["profile_id"], "right", seed=7)
    form = attempt.form.to_json()
    form["seed"] = 8  # same items, same orders: a valid form, not what seed 8 draws
    forged = exams.attempt(exam, alice["profile_id"], "right", seed=7, form_json=form)
    push(api, alice, forged.statements)
    [row] = rows(ctx, ExamAttempt)
    assert (row.status, row.held_reason) == ("held", "seed")


def test_a_form_with_items_outside_the_pool_is_invalid(api, ctx, exam, alice):
    attempt = exams.attempt(exam, alice["profile_id"], "right")
    form = attempt.form.to_json()
    form["items"][0]["id"] = "not-in-the-exam"
    forged = exams.attempt(exam, alice["profile_id"], "right", form_json=form)
    push(api, alice, forged.statements)
    result = result_of(api, alice, forged)
    assert result["verb"]["id"].endswith("/failed")
    assert result["result"]["extensions"][EXT_GRADING]["status"] == "invalid"
    assert certificates(api, alice) == []


# ------------------------------------------------------------------ retake policy


def test_cooldown_and_attempt_limit_over_all_the_learners_devices(api, ctx, exam, alice, world):
    laptop = alice
    phone = enrol(api, new_code(ctx, world.alice))
    start = datetime.now(UTC) - timedelta(days=10)

    def take(device, answers, day: float):
        attempt = exams.attempt(
            exam, device["profile_id"], answers, started=start + timedelta(days=day)
        )
        push(api, device, attempt.statements)
        return result_of(api, device, attempt)["result"]["extensions"][EXT_GRADING]

    first = take(laptop, "wrong", 0)
    assert (first["status"], first["attempt"]) == ("graded", 1)
    soon = take(phone, "right", 0.5)  # another device, 12 hours later
    assert (soon["status"], soon["certificate"]) == ("cooldown", None)
    assert soon["next_attempt_after"] is not None
    assert take(phone, "wrong", 2)["attempt"] == 2
    assert take(laptop, "wrong", 4)["attempt"] == 3
    fourth = take(laptop, "right", 6)  # all right, one attempt too many
    assert (fourth["status"], fourth["certificate"]) == ("attempt_limit", None)
    assert certificates(api, laptop) == [] and certificates(api, phone) == []


# ------------------------------------------------------------------ idempotence and delivery


def test_the_same_batch_pushed_twice_writes_one_result_and_one_certificate(api, ctx, exam, alice):
    attempt = exams.attempt(exam, alice["profile_id"], "right")
    push(api, alice, attempt.statements)
    again = push(api, alice, attempt.statements)
    assert len(again["duplicates"]) == len(attempt.statements) and again["accepted"] == []
    results = [s for s in pulled(api, alice) if s["id"] == attempt.result_id]
    assert len(results) == 1 and len(certificates(api, alice)) == 1
    assert len(rows(ctx, ExamAttempt)) == 1 and len(rows(ctx, Certificate)) == 1


def test_the_result_reaches_the_other_device_and_the_return_bundle(
    api, ctx, exam, alice, world, tmp_path
):
    phone = enrol(api, new_code(ctx, world.alice))
    attempt = exams.attempt(exam, alice["profile_id"], "right")
    push(api, alice, attempt.statements)
    assert result_of(api, phone, attempt) is not None
    out = tmp_path / "return.hvsync"
    export_return_bundle(ctx, world.alice, out, "test")
    contents = read_return_bundle(out, ctx.keys.public_keys(), tmp_path / "packs")
    ids = {s["id"] for s in contents.statements}
    assert attempt.result_id in ids
    assert [c["certificate"]["statement_id"] for c in contents.certificates] == [attempt.result_id]


# ------------------------------------------------------------------ the score itself


def test_the_server_score_is_score_attempt_over_the_authored_items(exam):
    quiz = exam.quiz
    choices = {
        item.id: st.sampled_from([exams.right_answer(item), exams.wrong_answer(item)])
        | exams.any_response(item)
        for item in quiz.items
    }

    @settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(st.fixed_dictionaries({}, optional=choices), st.integers(0, 2**48))
    def check(answers, seed):
        form = exams.draw(exam, seed)
        texts = {i: exams.public_response(exam, i, a) for i, a in answers.items()}
        server = grading.Grader.score_form(exam, form, texts, ["vi", "en"])
        expected = score_attempt(
            quiz,
            form,
            {
                i: max(grade(quiz.item(i), a, lang).score for lang in ("vi", "en"))
                for i, a in answers.items()
            },
        )
        assert server == expected

    check()


# ------------------------------------------------------------------ migration


def test_migrating_from_0004_keeps_certificates_and_grades_afterwards(api, ctx, exam, alice):
    from alembic import command

    from sync.server.db import alembic_config

    first = exams.attempt(exam, alice["profile_id"], "right")
    push(api, alice, first.statements)

    def kept():
        with ctx.db.read() as session:
            certs = sorted(session.execute(select(Certificate.id, Certificate.document)).all())
            bodies = sorted(session.scalars(select(Statement.body)).all())
        return certs, bodies

    before = kept()
    config = alembic_config()
    with ctx.db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0004")
    ctx.db.migrate()
    assert kept() == before
    assert rows(ctx, ExamAttempt) == []  # the table starts empty
    later = exams.attempt(
        exam, alice["profile_id"], "wrong", started=datetime.now(UTC) + timedelta(days=2)
    )
    push(api, alice, later.statements)
    assert result_of(api, alice, later)["result"]["extensions"][EXT_GRADING]["attempt"] == 1


def test_a_revoked_certification_no_longer_counts_on_the_dashboard(api, ctx, exam, alice, world):
    from datetime import date

    from sync.server.reporting.overview import overview
    from sync.server.revocations import revoke_certificate

    push(api, alice, exams.attempt(exam, alice["profile_id"], "right").statements)

    def certified_at_level_2() -> int:
        with ctx.db.read() as session:
            levels = overview(session, world.ministry, date(2027, 1, 1)).levels
        return next(share.certified for share in levels if share.level == 2)

    assert certified_at_level_2() == 1
    [certificate] = rows(ctx, Certificate)
    with ctx.db.write() as session:
        revoke_certificate(session, "test", certificate.id, "exam taken by someone else")
    assert certified_at_level_2() == 0
