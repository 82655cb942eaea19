"""The web dashboard over HTTP, on SQLite and PostgreSQL: login, sessions, CSRF,
scopes with tampered ids, roles, and the forms' effects (DESIGN section 7)."""

from __future__ import annotations

import html
import io
import json
import re
from collections import Counter

import openpyxl
import pytest
from sqlalchemy import func, select

from sync.server import admin
from sync.server.models import AdminSession, AuditEntry, Learner, Pack

from .conftest import bearer, enrol, make_pack, new_code
from .dashboard_world import PASSWORD, csrf_of, log_in, seed_ministry
from .test_reports import write_level_1_quizzes


@pytest.fixture
def ministry(ctx):
    seeded = seed_ministry(ctx)
    # The level-1 pack's quiz types, where its file would be: q1 is a choice item.
    write_level_1_quizzes(ctx)
    return seeded


def _refusals(ctx, actor: str) -> list[AuditEntry]:
    with ctx.db.read() as session:
        return list(
            session.scalars(
                select(AuditEntry).where(AuditEntry.actor == actor, AuditEntry.action == "refused")
            )
        )


def _signed_in(api, username: str):
    response = log_in(api, username)
    assert response.status_code == 303, response.text
    return api


# ------------------------------------------------------------------ login


def test_login_sets_a_safe_session_cookie_and_logout_ends_the_session(api, ctx, ministry):
    response = log_in(api, "bo")
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert "hocvu_admin=" in cookie and "HttpOnly" in cookie
    assert re.search(r"SameSite=(strict|lax)", cookie, re.I)
    with ctx.db.read() as session:
        stored = session.scalars(select(AdminSession.token_hash)).all()
    token = api.cookies.get("hocvu_admin")
    assert len(stored) == 1 and token not in stored
    home = api.get("/admin/")
    assert home.status_code == 200 and "Tổng quan" in home.text
    api.post("/admin/logout", data={"csrf": csrf_of(home.text)})
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(AdminSession)) == 0
    # The old cookie no longer opens anything.
    api.cookies.set("hocvu_admin", token, path="/admin")
    assert api.get("/admin/", follow_redirects=False).headers["location"] == "/admin/login"


def test_wrong_password_is_refused_audited_without_the_secret_and_slowed_down(
    api, ctx, ministry, caplog
):
    ctx.settings.login_free_failures = 3
    for _ in range(3):
        response = log_in(api, "tokyo", "not-the-password")
        assert response.status_code == 401
        assert "Sai tên đăng nhập hoặc mật khẩu" in response.text
    # This account from this address must now wait before its next try, even with the
    # right password; the wait is said in Retry-After and grows with each failure.
    throttled = log_in(api, "tokyo", PASSWORD)
    assert throttled.status_code == 429 and "Quá nhiều lần đăng nhập sai" in throttled.text
    assert int(throttled.headers["Retry-After"]) >= 1
    assert "hocvu_admin" not in api.cookies
    with ctx.db.read() as session:
        actions = Counter(
            session.scalars(select(AuditEntry.action).where(AuditEntry.actor == "tokyo"))
        )
        details = " ".join(d or "" for d in session.scalars(select(AuditEntry.detail)))
    assert actions["login-failed"] == 3 and actions["login-throttled"] == 1
    assert "not-the-password" not in details and "not-the-password" not in caplog.text
    # Another account from the same address is not affected.
    assert log_in(api, "paris").status_code == 303


def test_pages_need_a_login(api, ministry):
    for path in ("/admin/", f"/admin/units/{ministry.tokyo}", "/admin/export/learners.csv"):
        response = api.get(path, follow_redirects=False)
        assert response.status_code == 303 and response.headers["location"] == "/admin/login"


def test_language_switch_is_remembered_and_pages_are_utf8(api, ministry):
    _signed_in(api, "bo")
    vi = api.get("/admin/")
    assert "charset=utf-8" in vi.headers["content-type"]
    assert "Tỷ lệ đạt chứng chỉ theo cấp độ" in vi.text
    api.get("/admin/lang/en?next=/admin/")
    assert "Certified share by level" in api.get("/admin/").text
    assert "Đăng nhập" not in api.get("/admin/").text
    # Never an open redirect.
    away = api.get("/admin/lang/vi?next=https://example.org/", follow_redirects=False)
    assert away.headers["location"] == "/admin/"


# ------------------------------------------------------------------ CSRF


def test_form_post_without_or_with_a_wrong_csrf_token_is_refused(api, ctx, ministry):
    _signed_in(api, "bo")
    form = {"pack": "vn.mofa.dl.l1", "unit": str(ministry.tokyo), "due": "2026-12-31"}
    missing = api.post("/admin/assignments", data=form)
    assert missing.status_code == 403 and "mã bảo mật" in missing.text
    wrong = api.post("/admin/assignments", data={**form, "csrf": "0" * 64})
    assert wrong.status_code == 403
    no_login_token = api.post("/admin/login", data={"username": "bo", "password": PASSWORD})
    assert no_login_token.status_code == 403
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(admin.Assignment)) == 0
    paths = [json.loads(e.detail)["path"] for e in _refusals(ctx, "bo")]
    assert sorted(paths) == ["/admin/assignments", "/admin/assignments", "/admin/login"]
    good = api.post(
        "/admin/assignments", data={**form, "csrf": csrf_of(api.get("/admin/assignments").text)}
    )
    assert good.status_code == 200 and "vn.mofa.dl.l1" in good.text


# ------------------------------------------------------------------ overview


def test_overview_numbers_match_an_independent_count(api, ministry):
    _signed_in(api, "bo")
    page = api.get("/admin/").text
    seeded = ministry.seeded
    learners = len(seeded.learners)
    passed = {
        level: {
            p.learner_id
            for p in seeded.pushed
            if p.kind == "exam" and p.success and p.local_id == f"l{level}-exam"
        }
        for level in (1, 2, 3, 4)
    }
    assert f'<strong id="learner-count">{learners}</strong>' in page
    levels = re.findall(
        r"<tr><td>Cấp độ (\d)</td><td class=\"num\">(\d+)</td><td class=\"num\">(\d+) %",
        page,
    )
    assert [(int(a), int(b), int(c)) for a, b, c in levels] == [
        (level, len(passed[level]), round(100 * len(passed[level]) / learners))
        for level in (1, 2, 3, 4)
    ]
    assert "<svg" in page and "Mục tiêu 40 %" in page
    # Paris: 1 of 4 certified at level 1, under the 40 % target.
    behind = page.split('id="behind"')[1]
    assert "Đại sứ quán tại Paris" in behind and "Đại sứ quán tại Tokyo" not in behind


# ------------------------------------------------------------------ scopes


def test_unit_admin_cannot_reach_another_mission_by_any_tampered_id(api, ctx, ministry):
    _signed_in(api, "tokyo")
    paris_learner = ministry.learners["paris"][0]
    with ctx.db.write() as session:
        code = admin.create_enrolment_code(session, "test", paris_learner, 14)
    device = enrol(api, code)
    home = api.get("/admin/")
    token = csrf_of(home.text)
    own = api.get(f"/admin/units/{ministry.tokyo}")
    assert own.status_code == 200 and "Nguyễn Thị An" in own.text
    attempts = [
        api.get(f"/admin/units/{ministry.paris}"),
        api.get(f"/admin/units/{ministry.ministry}"),
        api.get(f"/admin/learners/{paris_learner}"),
        api.get(f"/admin/export/learners.csv?unit={ministry.paris}"),
        api.get(f"/admin/export/devices.xlsx?unit={ministry.ministry}"),
        api.get(f"/admin/certificates/export.json?unit={ministry.paris}"),
        api.post(
            "/admin/assignments",
            data={"pack": "vn.mofa.dl.l1", "unit": str(ministry.paris), "csrf": token},
        ),
        api.post(f"/admin/devices/{device['device_id']}/revoke", data={"csrf": token}),
        api.get("/admin/audit"),
        api.get("/admin/export/audit.csv"),
    ]
    for response in attempts:
        assert response.status_code in (403, 404), response.request.url
        assert "Nguyễn" not in response.text and "Hoàng Văn Em" not in response.text
    assert len(_refusals(ctx, "tokyo")) == len(attempts)
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(admin.Assignment)) == 0
        assert session.get(admin.Device, device["device_id"]).revoked is None
    # Its own export holds only its own learners.
    mine = api.get("/admin/export/learners.csv").content.decode("utf-8-sig")
    assert "Nguyễn Thị An" in mine and "Hoàng Văn Em" not in mine and "Đỗ Minh Long" not in mine


def test_assignment_made_above_a_unit_admin_cannot_be_removed_by_them(api, ctx, ministry):
    with ctx.db.write() as session:
        above = admin.assign(session, "test", "vn.mofa.dl.l1", ministry.ministry, None).id
    _signed_in(api, "tokyo")
    page = api.get("/admin/assignments")
    assert "vn.mofa.dl.l1" in page.text and "giao từ cấp trên" in page.text
    refused = api.post(f"/admin/assignments/{above}/delete", data={"csrf": csrf_of(page.text)})
    assert refused.status_code == 404
    assert [e.target for e in _refusals(ctx, "tokyo")] == [f"assignment:{above}"]


def test_trainer_sees_item_analysis_but_no_names_anywhere(api, ctx, ministry):
    _signed_in(api, "giangvien")
    items = api.get("/admin/items")
    assert items.status_code == 200
    # q1 was answered four times, once right; "c" is the wrong answer chosen most.
    table = re.search(r'data-item="l1-a1-quiz/q1".*?</table>', items.text, re.S).group(0)
    assert "Câu hỏi q1" in table and ">4<" in table and "25 %" in table
    option_c = re.search(r"Phương án c</th>.*?</tr>", table, re.S).group(0)
    assert "50 %" in option_c
    overview = api.get("/admin/")
    assert overview.status_code == 200
    token = csrf_of(overview.text)
    names = set(ministry.seeded.names.values())
    for page in (items.text, overview.text, api.get("/admin/packs").text):
        assert not any(name in page for name in names)
    attempts = [
        api.get(f"/admin/units/{ministry.tokyo}"),
        api.get(f"/admin/learners/{ministry.learners['tokyo'][0]}"),
        api.get("/admin/export/learners.csv"),
        api.get("/admin/export/certificates.xlsx"),
        api.get("/admin/enrol"),
        api.post("/admin/enrol", data={"csrf": token}, files={"file": ("a.csv", b"name,unit\n")}),
        api.post("/admin/bundles", data={"csrf": token}, files={"bundle": ("b.hvsync", b"x")}),
        api.get("/admin/certificates/export.json"),
    ]
    for response in attempts:
        assert response.status_code == 403, response.request.url
    assert len(_refusals(ctx, "giangvien")) == len(attempts)
    items_csv = api.get("/admin/export/items.csv")
    assert items_csv.status_code == 200
    assert not any(name in items_csv.content.decode("utf-8-sig") for name in names)


# ------------------------------------------------------------------ forms


def test_assignment_from_the_dashboard_reaches_the_device_catalog(api, ctx, ministry):
    _signed_in(api, "tokyo")
    learner = ministry.learners["tokyo"][1]
    device = enrol(api, new_code(ctx, learner))
    page = api.get("/admin/assignments")
    api.post(
        "/admin/assignments",
        data={
            "pack": "vn.mofa.dl.l2",
            "unit": str(ministry.tokyo),
            "due": "2026-01-31",
            "csrf": csrf_of(page.text),
        },
    )
    listed = api.get("/admin/assignments").text
    assert 'class="overdue"' in listed and "2026-01-31" in listed
    catalog = api.get("/api/v1/packs", headers=bearer(device["device_token"])).json()["packs"]
    assert [(p["id"], p["due"]) for p in catalog] == [("vn.mofa.dl.l2", "2026-01-31")]
    row = re.search(r'href="/admin/assignments/(\d+)/delete"', listed).group(1)
    # Removing asks first; the form's button is what removes it.
    confirm = api.get(f"/admin/assignments/{row}/delete").text
    assert "Bỏ giao «vn.mofa.dl.l2» cho Đại sứ quán tại Tokyo?" in confirm
    api.post(f"/admin/assignments/{row}/delete", data={"csrf": csrf_of(confirm)})
    assert (
        len(api.get("/api/v1/packs", headers=bearer(device["device_token"])).json()["packs"]) == 1
    )
    api.post(f"/admin/assignments/{row}/delete", data={"csrf": csrf_of(confirm), "confirm": "yes"})
    assert api.get("/api/v1/packs", headers=bearer(device["device_token"])).json()["packs"] == []


def test_xlsx_export_reads_back_with_the_scope_rows(api, ministry):
    _signed_in(api, "bo")
    response = api.get(f"/admin/export/learners.xlsx?unit={ministry.tokyo}")
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    names = sorted(r[rows[0].index("Họ và tên")] for r in rows[1:])
    assert names == sorted(ministry.seeded.names[x] for x in ministry.learners["tokyo"])


def test_tampered_pack_upload_is_refused_with_the_verifiers_message(
    api, ctx, ministry, dev, tmp_path
):
    _signed_in(api, "bo")
    good = make_pack(dev, tmp_path / "demo-v7.hvpack", version=7)
    data = bytearray(good.read_bytes())
    data[len(data) // 2] ^= 0xFF
    token = csrf_of(api.get("/admin/packs").text)
    refused = api.post(
        "/admin/packs", data={"csrf": token}, files={"pack": ("demo-v7.hvpack", bytes(data))}
    )
    assert refused.status_code == 400 and "demo-v7.hvpack" in refused.text
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).where(Pack.version == 7)) == 0
    assert not [p for p in (ctx.settings.data_dir / "packs").glob("*v7*")]
    added = api.post(
        "/admin/packs", data={"csrf": token}, files={"pack": ("demo-v7.hvpack", good.read_bytes())}
    )
    assert added.status_code == 200 and "v7" in added.text
    assert '<td class="num">7</td>' in api.get("/admin/packs").text


def test_enrolment_csv_is_all_or_nothing_and_codes_are_shown_once(api, ctx, ministry, caplog):
    _signed_in(api, "tokyo")
    token = csrf_of(api.get("/admin/enrol").text)
    with ctx.db.read() as session:
        before = session.scalar(select(func.count()).select_from(Learner))
    bad = (
        "name,staff_ref,unit\n"
        "Lý Thị Nga,NV-1,Đại sứ quán tại Tokyo\n"
        f"Mai Văn Ơn,NV-2,{ministry.paris}\n"
        ",NV-3,Đại sứ quán tại Tokyo\n"
    )
    refused = api.post(
        "/admin/enrol", data={"csrf": token}, files={"file": ("l.csv", bad.encode())}
    )
    assert refused.status_code == 400
    assert "dòng 3: không có đơn vị" in refused.text and "dòng 4: thiếu họ tên" in refused.text
    assert "dòng 2" not in refused.text
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(Learner)) == before
    good = "name,staff_ref,unit\nLý Thị Nga,NV-1,Đại sứ quán tại Tokyo\n" + (
        f"Mai Văn Ơn,NV-2,{ministry.tokyo}\n"
    )
    done = api.post("/admin/enrol", data={"csrf": token}, files={"file": ("l.csv", good.encode())})
    assert done.status_code == 200
    codes = re.findall(r'<td class="code">([A-Z0-9-]+)</td>', done.text)
    assert len(codes) == 2
    sheet = re.search(r'name="sheet" value="([^"]*)"', done.text).group(1)
    csv_file = api.post("/admin/enrol/codes.csv", data={"csrf": token, "sheet": sheet})
    assert all(code in csv_file.content.decode("utf-8-sig") for code in codes)
    # Each code enrols a device once; none is in the logs or the audit log.
    enrol(api, codes[0])
    with ctx.db.read() as session:
        details = " ".join(d or "" for d in session.scalars(select(AuditEntry.detail)))
        actions = set(session.scalars(select(AuditEntry.action)))
    assert not any(code in details or code in caplog.text for code in codes)
    assert {"enrol-csv", "download-codes"} <= actions


def test_bundle_import_shows_counts_and_refuses_a_tampered_file(api, ctx, ministry, tmp_path):
    from .test_bundles import offline_engine

    engine = offline_engine(tmp_path)
    engine.store.record_many(7)
    bundle = tmp_path / "tokyo.hvsync"
    code = new_code(ctx, ministry.learners["tokyo"][2])
    engine.export_bundle(bundle, ctx.keys.public_keys(), code, "Laptop")
    # A bundle that enrols a Tokyo learner is not Paris's to import.
    _signed_in(api, "paris")
    token = csrf_of(api.get("/admin/bundles").text)
    refused = api.post(
        "/admin/bundles", data={"csrf": token}, files={"bundle": (bundle.name, bundle.read_bytes())}
    )
    assert refused.status_code == 404 and len(_refusals(ctx, "paris")) == 1
    api.cookies.clear()
    _signed_in(api, "tokyo")
    token = csrf_of(api.get("/admin/bundles").text)
    first = api.post(
        "/admin/bundles", data={"csrf": token}, files={"bundle": (bundle.name, bundle.read_bytes())}
    )
    assert first.status_code == 200
    assert '<td class="num" id="count-new">7</td>' in first.text
    again = api.post(
        "/admin/bundles", data={"csrf": token}, files={"bundle": (bundle.name, bundle.read_bytes())}
    )
    assert '<td class="num" id="count-duplicates">7</td>' in again.text
    data = bytearray(bundle.read_bytes())
    data[-10] ^= 0xFF
    tampered = api.post(
        "/admin/bundles", data={"csrf": token}, files={"bundle": (bundle.name, bytes(data))}
    )
    assert tampered.status_code == 400 and "tokyo.hvsync" in tampered.text
    # The reason in the admin's language, the importer's English below it.
    assert "chữ ký không khớp với khóa đã đăng ký của thiết bị" in tampered.text
    assert 'lang="en">tokyo.hvsync: the signature does not verify' in tampered.text
    # The device now belongs to Tokyo: Paris's admin may not import its bundles.
    api.cookies.clear()
    _signed_in(api, "paris")
    token = csrf_of(api.get("/admin/bundles").text)
    refused = api.post(
        "/admin/bundles", data={"csrf": token}, files={"bundle": (bundle.name, bundle.read_bytes())}
    )
    assert refused.status_code == 404 and len(_refusals(ctx, "paris")) == 2


def test_certificate_verify_page_tells_valid_from_changed(api, ctx, ministry):
    from sync.certificates import sign_certificate

    document = sign_certificate(
        {
            "id": "c1",
            "learner_name": "Nguyễn Thị An",
            "level": 1,
            "pack_id": "vn.mofa.dl.l1",
            "issued": "2026-09-15T09:00:00Z",
        },
        ctx.keys.signing,
    )
    _signed_in(api, "bo")
    token = csrf_of(api.get("/admin/certificates").text)
    valid = api.post(
        "/admin/certificates/verify", data={"csrf": token, "document": json.dumps(document)}
    )
    assert "Hợp lệ" in valid.text and "Nguyễn Thị An" in valid.text
    document["certificate"]["level"] = 4
    changed = api.post(
        "/admin/certificates/verify", data={"csrf": token, "document": json.dumps(document)}
    )
    assert "Không hợp lệ" in changed.text and "nội dung chứng chỉ đã bị sửa" in changed.text
    assert "was changed" in changed.text  # the English, as the secondary line
    not_json = api.post("/admin/certificates/verify", data={"csrf": token, "document": "{"})
    assert "nội dung không phải JSON" in not_json.text


def test_idle_session_expires_and_https_cookies_are_secure(ctx, ministry):
    from datetime import timedelta

    from fastapi.testclient import TestClient

    from sync.server.app import create_app
    from sync.server.db import now

    with TestClient(create_app(ctx.settings, ctx), base_url="https://testserver") as client:
        response = log_in(client, "bo")
        assert "Secure" in response.headers["set-cookie"]
        assert client.get("/admin/").status_code == 200
        with ctx.db.write() as session:
            for row in session.scalars(select(AdminSession)):
                row.last_seen = now() - timedelta(hours=9)
        expired = client.get("/admin/", follow_redirects=False)
        assert expired.headers["location"] == "/admin/login"


def test_certificate_json_export_holds_the_scope_and_is_audited(api, ctx, ministry):
    from sync.certificates import verify_certificate
    from sync.server.models import Certificate

    with ctx.db.read() as session:
        issued = Counter(
            ministry.seeded.learners[learner]
            for learner in session.scalars(select(Certificate.learner_id))
        )
    _signed_in(api, "tokyo")
    response = api.get("/admin/certificates/export.json")
    assert response.status_code == 200
    exported = json.loads(response.content)
    assert len(exported["certificates"]) == issued[ministry.tokyo]
    assert {c["unit"]["id"] for c in exported["certificates"]} == {ministry.tokyo}
    for entry in exported["certificates"]:
        verify_certificate(entry["document"], ctx.keys.signing.public_key())
    with ctx.db.read() as session:
        exports = session.scalars(
            select(AuditEntry.target).where(
                AuditEntry.actor == "tokyo", AuditEntry.action == "export"
            )
        ).all()
    assert exports == ["export:certificates.json"]


def test_revoking_a_device_from_the_learner_page_locks_the_device_out(api, ctx, ministry):
    learner = ministry.learners["tokyo"][0]
    device = enrol(api, new_code(ctx, learner))
    headers = bearer(device["device_token"])
    assert api.get("/api/v1/packs", headers=headers).status_code == 200
    _signed_in(api, "tokyo")
    page = api.get(f"/admin/learners/{learner}").text
    assert "test laptop" in page
    action = f"/admin/devices/{device['device_id']}/revoke"
    assert f'href="{action}"' in page
    confirm = api.get(action).text
    assert "Thu hồi thiết bị «test laptop» của Nguyễn Thị An?" in confirm
    done = api.post(action, data={"csrf": csrf_of(confirm), "confirm": "yes"})
    assert done.status_code == 200 and "đã thu hồi" in done.text
    assert api.get("/api/v1/packs", headers=headers).status_code == 401


def test_refused_tampered_pack_upload_gives_the_reason_in_vietnamese(
    api, ctx, ministry, dev, tmp_path
):
    from tests.content.conftest import rewrite_zip

    good = make_pack(dev, tmp_path / "good.hvpack", version=8)

    def change_a_lesson(items):
        return [
            (
                info,
                data[:-1] + b"!" if info.filename.startswith("lessons/") else data,
            )
            for info, data in items
        ]

    tampered = rewrite_zip(good, tmp_path / "demo-v8.hvpack", change_a_lesson)
    _signed_in(api, "bo")
    token = csrf_of(api.get("/admin/packs").text)
    refused = api.post(
        "/admin/packs",
        data={"csrf": token},
        files={"pack": ("demo-v8.hvpack", tampered.read_bytes())},
    )
    assert refused.status_code == 400
    assert "Gói demo-v8.hvpack bị từ chối, không lưu gì" in refused.text
    assert "mã băm SHA-256 khác với manifest.json" in refused.text
    # The verifier's English stays as the technical line, with its rule code.
    assert "Chi tiết kỹ thuật (tiếng Anh)" in refused.text and "[hash-mismatch]" in refused.text
    api.get("/admin/lang/en?next=/admin/")
    again = api.post(
        "/admin/packs",
        data={"csrf": token},
        files={"pack": ("demo-v8.hvpack", tampered.read_bytes())},
    )
    assert "Pack demo-v8.hvpack refused; nothing stored" in again.text
    assert "mã băm" not in again.text
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).where(Pack.version == 8)) == 0


def test_assignment_refused_by_the_server_says_why_in_vietnamese(api, ctx, ministry):
    _signed_in(api, "bo")
    token = csrf_of(api.get("/admin/assignments").text)
    refused = api.post(
        "/admin/assignments",
        data={"pack": "vn.mofa.dl.nothing", "unit": str(ministry.tokyo), "csrf": token},
    )
    assert refused.status_code == 400
    assert "chưa có gói vn.mofa.dl.nothing trên máy chủ" in refused.text
    bad_due = api.post(
        "/admin/assignments",
        data={"pack": "vn.mofa.dl.l1", "unit": str(ministry.tokyo), "due": "31/12", "csrf": token},
    )
    assert bad_due.status_code == 400 and "Giá trị đã nhập: 31/12" in bad_due.text


def test_learner_activity_kinds_are_in_the_admins_language(api, ministry):
    _signed_in(api, "tokyo")
    learner = ministry.learners["tokyo"][0]
    page = api.get(f"/admin/learners/{learner}").text
    recent = page.split('id="recent"')[1]
    # The exam's file is not on this server: its title is made of what the manifest
    # says. The quiz file's item prompts are in both languages.
    assert "bài thi:</span> Bài thi cuối Cấp độ 1</td>" in recent
    assert "câu hỏi:</span> «Câu hỏi q1» trong" in recent
    assert "l1-exam" not in recent and "l1-a1-quiz/q1" not in recent
    api.get("/admin/lang/en?next=/admin/")
    english = api.get(f"/admin/learners/{learner}").text.split('id="recent"')[1]
    assert "exam:</span> Level 1 final exam</td>" in english
    assert "item:</span> “Question q1” in" in html.unescape(english)


def test_items_page_shows_a_typed_wrong_answer_only_once_three_learners_gave_it(
    api, ctx, dev, tmp_path
):
    from .reporting_world import build_ministry
    from .test_reports import push_demo_answers

    world = build_ministry(ctx)
    push_demo_answers(ctx, dev, tmp_path, world)
    with ctx.db.write() as session:
        admin.create_admin(session, "test", "giangvien", PASSWORD, "trainer", world.root)
    _signed_in(api, "giangvien")
    page = api.get("/admin/items?pack=vn.mofa.dl.demo").text

    def row(item: str) -> str:
        return re.search(rf'data-item="demo-quiz/{item}".*?</table>', page, re.S).group(0)

    assert "ba (3)" in row("second-factor")
    assert "(nhiều câu trả lời khác nhau)" in row("words")
    assert re.search(r"P@ss1</th>\s*<td[^>]*>100 %", row("longest"))
    assert "Nguyễn Thị Dung" not in page and "ít nhất 3 học viên" in page
    exported = api.get("/admin/export/items.csv").content.decode("utf-8-sig")
    assert "(varied answers)" in exported and "Nguyễn Thị Dung" not in exported
    assert "demo-quiz/longest" in exported
