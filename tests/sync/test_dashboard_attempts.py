"""The dashboard's held exam attempts: listed with names in both languages, released or
rejected after a confirmation, with CSRF, within the admin's unit tree, audited."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from sync.server import admin
from sync.server.models import AuditEntry, Certificate, ExamAttempt

from . import exams
from .conftest import enrol
from .dashboard_world import PASSWORD, csrf_of, log_in
from .test_grading import exam, push, result_of  # noqa: F401 (fixture)


@pytest.fixture
def held(api, ctx, exam, world):  # noqa: F811
    """A too-fast attempt of An's (ĐSQ Tokyo), all right; admins of the ministry, of
    another mission, and a trainer."""
    with ctx.db.write() as session:
        paris = admin.create_unit(session, "test", "ĐSQ Paris", "mission", world.ministry).id
        admin.create_admin(session, "test", "bo", PASSWORD, "ministry_admin", world.ministry)
        admin.create_admin(session, "test", "tokyo", PASSWORD, "unit_admin", world.mission)
        admin.create_admin(session, "test", "paris", PASSWORD, "unit_admin", paris)
        admin.create_admin(session, "test", "giangvien", PASSWORD, "trainer", world.ministry)
    device = enrol(api, world.alice_code)
    attempt = exams.attempt(exam, device["profile_id"], "right", seconds=20)
    push(api, device, attempt.statements)
    return device, attempt


def as_admin(api, username: str):
    assert log_in(api, username).status_code == 303
    return api


def test_held_attempts_are_listed_with_names_in_both_languages(api, held):
    _ = held
    page = as_admin(api, "tokyo").get("/admin/attempts")
    assert page.status_code == 200
    for text in ("Bài thi chờ duyệt", "Nguyễn Thị An", "ĐSQ Tokyo", "Gói bài học mẫu"):
        assert text in page.text
    assert "20 giây / tối thiểu 56 giây (7 câu)" in page.text and "làm quá nhanh" in page.text
    assert "100 %" in page.text
    api.cookies.set("hocvu_lang", "en")
    english = api.get("/admin/attempts")
    for text in ("Held exam attempts", "Example pack", "20 s / at least 56 s", "too fast"):
        assert text in english.text
    assert "Bài thi" not in english.text


def test_release_asks_for_confirmation_then_grades_and_certifies(api, ctx, held):
    device, attempt = held
    as_admin(api, "bo")
    confirm = api.get(f"/admin/attempts/{attempt.registration}/release")
    assert confirm.status_code == 200 and "Nguyễn Thị An" in confirm.text
    assert result_of(api, device, attempt) is None  # asking decides nothing
    without_token = api.post(
        f"/admin/attempts/{attempt.registration}/release",
        data={"confirm": "yes"},
        follow_redirects=False,
    )
    assert without_token.status_code == 403
    done = api.post(
        f"/admin/attempts/{attempt.registration}/release",
        data={"csrf": csrf_of(confirm.text), "confirm": "yes"},
        follow_redirects=False,
    )
    assert done.status_code == 303 and done.headers["location"].endswith("done=released")
    assert "Đã duyệt" in api.get(done.headers["location"]).text
    assert result_of(api, device, attempt)["verb"]["id"].endswith("/passed")
    with ctx.db.read() as session:
        assert session.scalar(select(Certificate.statement_id)) == attempt.result_id
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "release-attempt"))
    assert entry.actor == "bo" and entry.target == f"attempt:{attempt.registration}"
    again = api.post(
        f"/admin/attempts/{attempt.registration}/release",
        data={"csrf": csrf_of(confirm.text), "confirm": "yes"},
    )
    assert again.status_code == 404  # no longer held


def test_reject_needs_a_reason_and_writes_a_rejected_result(api, ctx, held):
    device, attempt = held
    as_admin(api, "tokyo")
    confirm = api.get(f"/admin/attempts/{attempt.registration}/reject")
    token = csrf_of(confirm.text)
    url = f"/admin/attempts/{attempt.registration}/reject"
    blank = api.post(url, data={"csrf": token, "reason": "  ", "confirm": "yes"})
    assert blank.status_code == 400 and "Hãy ghi lý do từ chối." in blank.text
    # Without the confirmation's own button nothing is decided.
    skipped = api.post(url, data={"csrf": token, "reason": "Làm hộ"}, follow_redirects=False)
    assert skipped.status_code == 303 and skipped.headers["location"] == url
    assert result_of(api, device, attempt) is None
    done = api.post(
        url, data={"csrf": token, "reason": "Làm hộ", "confirm": "yes"}, follow_redirects=False
    )
    assert done.status_code == 303
    result = result_of(api, device, attempt)
    assert result["result"]["extensions"]["urn:hocvu:ext:grading"]["status"] == "rejected"
    with ctx.db.read() as session:
        row = session.get(ExamAttempt, attempt.registration)
        entry = session.scalar(select(AuditEntry).where(AuditEntry.action == "reject-attempt"))
    assert (row.status, row.decided_by, row.decision_reason) == ("rejected", "tokyo", "Làm hộ")
    assert json.loads(entry.detail)["reason"] == "Làm hộ"


def test_an_attempt_outside_the_admins_unit_is_neither_shown_nor_decided(api, ctx, held):
    device, attempt = held
    as_admin(api, "paris")
    page = api.get("/admin/attempts")
    assert "Nguyễn Thị An" not in page.text and "Không có bài thi nào chờ duyệt." in page.text
    assert api.get(f"/admin/attempts/{attempt.registration}/release").status_code == 404
    refused = api.post(
        f"/admin/attempts/{attempt.registration}/release",
        data={"csrf": csrf_of(page.text), "confirm": "yes"},
    )
    assert refused.status_code == 404
    assert result_of(api, device, attempt) is None
    with ctx.db.read() as session:
        assert session.get(ExamAttempt, attempt.registration).status == "held"
        refusals = session.scalars(
            select(AuditEntry.target).where(
                AuditEntry.actor == "paris", AuditEntry.action == "refused"
            )
        ).all()
    assert f"attempt:{attempt.registration}" in refusals


def test_a_trainer_cannot_see_held_attempts(api, held):
    as_admin(api, "giangvien")
    assert api.get("/admin/attempts").status_code == 403
    assert "Bài thi chờ duyệt" not in api.get("/admin/").text


def test_every_held_reason_and_refusal_has_its_words():
    from sync.server import grading
    from sync.server.dashboard import i18n

    for reason in grading.HELD_REASONS:
        assert f"held.{reason}" in i18n.MESSAGES
        # Releasing an attempt still held for this reason is refused with its own code.
        assert f"problem.attempt.{reason}" in i18n.MESSAGES
    for action in ("release", "reject"):
        for suffix in ("_title", "_question"):
            assert f"attempts.{action}{suffix}" in i18n.MESSAGES
