"""Revoking a certificate from the dashboard: a confirmation page with a reason, CSRF
like every form, the admin's scope, the audit log, and the certificate shown as
revoked wherever the dashboard shows it."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from sync.server.models import AuditEntry, Certificate

from .dashboard_world import csrf_of, log_in, seed_ministry
from .test_revocations import issue


@pytest.fixture
def ministry(ctx):
    return seed_ministry(ctx)


def _revoked_at(ctx, certificate_id: str):
    with ctx.db.read() as session:
        return session.get(Certificate, certificate_id).revoked_at


def test_revoking_needs_the_confirmation_and_a_reason_and_is_audited(api, ctx, ministry):
    learner = ministry.learners["tokyo"][0]
    document = issue(ctx, learner)
    certificate_id = document["certificate"]["id"]
    assert log_in(api, "tokyo").status_code == 303
    page = api.get(f"/admin/learners/{learner}").text
    confirm_url = f"/admin/certificates/{certificate_id}/revoke"
    assert f'href="{confirm_url}"' in page and "Thu hồi…" in page

    # The confirmation page says what and whose; nothing is revoked by opening it.
    confirm = api.get(confirm_url)
    assert confirm.status_code == 200
    assert "Thu hồi chứng chỉ này của Nguyễn Thị An?" in confirm.text
    csrf = csrf_of(confirm.text)
    # Without the form's token, or without its button, nothing happens.
    assert api.post(confirm_url, data={"confirm": "yes", "reason": "x"}).status_code == 403
    skipped = api.post(confirm_url, data={"csrf": csrf, "reason": "x"}, follow_redirects=False)
    assert skipped.status_code == 303 and skipped.headers["location"] == confirm_url
    # A reason is required.
    empty = api.post(confirm_url, data={"csrf": csrf, "confirm": "yes", "reason": "  "})
    assert empty.status_code == 400 and "cần ghi lý do thu hồi" in empty.text
    assert _revoked_at(ctx, certificate_id) is None

    done = api.post(
        confirm_url, data={"csrf": csrf, "confirm": "yes", "reason": "thi hộ người khác"}
    )
    assert done.status_code == 200
    assert "Đã thu hồi" in done.text and "thi hộ người khác" in done.text
    assert f'href="{confirm_url}"' not in done.text
    assert _revoked_at(ctx, certificate_id) is not None
    with ctx.db.read() as session:
        (entry,) = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "revoke-certificate")
        ).all()
    assert entry.actor == "tokyo" and entry.target == f"certificate:{certificate_id}"
    assert json.loads(entry.detail)["reason"] == "thi hộ người khác"

    # Twice is refused, saying so; the page shows it revoked, in English too.
    again = api.post(confirm_url, data={"csrf": csrf, "confirm": "yes", "reason": "again"})
    assert again.status_code == 400 and "đã bị thu hồi trước đó" in again.text
    api.cookies.set("hocvu_lang", "en")
    listing = api.get("/admin/certificates").text
    assert "Revoke a certificate" in listing and "thi hộ người khác" in listing
    # Checking the signed file on the certificates page says revoked, not valid.
    checked = api.post(
        "/admin/certificates/verify",
        data={"csrf": csrf_of(listing), "document": json.dumps(document)},
    )
    assert "the certificate was revoked on" in checked.text
    assert 'class="ok-box"' not in checked.text


def test_a_unit_admin_cannot_revoke_a_certificate_outside_their_mission(api, ctx, ministry):
    other = issue(ctx, ministry.learners["paris"][0])["certificate"]["id"]
    assert log_in(api, "tokyo").status_code == 303
    page = api.get("/admin/certificates").text
    url = f"/admin/certificates/{other}/revoke"
    assert api.get(url).status_code == 404
    assert api.get("/admin/certificates/revoke", params={"id": other}).status_code == 404
    refused = api.post(url, data={"csrf": csrf_of(page), "confirm": "yes", "reason": "x"})
    assert refused.status_code == 404
    assert _revoked_at(ctx, other) is None
    with ctx.db.read() as session:
        targets = session.scalars(
            select(AuditEntry.target).where(AuditEntry.action == "refused")
        ).all()
    assert f"certificate:{other}" in targets
