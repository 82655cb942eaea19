"""The dashboard reads as the admin's own language, not the database's: titles for
activities, times in the admin's zone, area names, "–" where nothing is known, a
confirmation before anything that destroys, and an audit log in words (issue 15)."""

from __future__ import annotations

import hashlib
import html
import json
import re
import zipfile
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from sync.server import admin
from sync.server.context import ServerSettings
from sync.server.dashboard.clock import UnknownTimeZone, display_zone, named_zone
from sync.server.models import Assignment, AuditEntry, Device, Pack

from .dashboard_world import csrf_of, log_in, seed_ministry
from .reporting_world import Pushed, Pusher, answer, level_pack_id
from .test_dashboard import _refusals

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
LESSON = "l1-a1-passwords"


@pytest.fixture
def settings(tmp_path, database_url: str) -> ServerSettings:
    # Hà Nội's zone, seven hours ahead of the UTC the database keeps.
    return ServerSettings(
        data_dir=tmp_path / "server", database_url=database_url, time_zone="Asia/Ho_Chi_Minh"
    )


@pytest.fixture
def ministry(ctx):
    return seed_ministry(ctx)


def _signed_in(api, username: str):
    assert log_in(api, username).status_code == 303
    return api


def _title_the_level_1_pack(ctx) -> None:
    """The level-1 pack as a built one is: titles in its manifest, and quiz titles
    and item prompts in its file's quizzes."""
    with ctx.db.write() as session:
        pack = session.scalar(select(Pack).where(Pack.pack_id == level_pack_id(1)))
        manifest = json.loads(pack.manifest)
        manifest["title"] = {"vi": "Cấp độ 1 — Cơ bản", "en": "Level 1 — Basic"}
        manifest["modules"][0]["lessons"] = [
            {"slug": LESSON, "title": {"vi": "Mật khẩu mạnh", "en": "Strong passwords"}}
        ]
        pack.manifest = json.dumps(manifest)
        file = ctx.settings.data_dir / pack.file
        sha256 = pack.sha256
    file.parent.mkdir(parents=True, exist_ok=True)
    quiz = {
        "slug": "l1-a1-quiz",
        "title": {"vi": "Kiểm tra mô-đun: Dữ liệu", "en": "Module quiz: Data"},
        "pass_mark": 0.8,
        "items": [
            {
                "id": "q1",
                "type": "single",
                "prompt": {"vi": "Mật khẩu nào mạnh nhất?", "en": "Which password is strongest?"},
                "options": [
                    {"id": o, "text": {"vi": text, "en": text}, "correct": o == "b"}
                    for o, text in (("a", "123456"), ("b", "Tr@ng-Xanh-42!"), ("c", "matkhau"))
                ],
            }
        ],
    }
    with zipfile.ZipFile(file, "w") as archive:
        archive.writestr("quizzes/l1-a1-quiz.json", json.dumps(quiz))
    assert sha256
    # The pack readers keep what they read per file path and recorded hash: the file's
    # own hash, so another test's level-1 pack (same path, placeholder hash) is not
    # taken for this one.
    with ctx.db.write() as session:
        pack = session.scalar(select(Pack).where(Pack.pack_id == level_pack_id(1)))
        pack.sha256 = hashlib.sha256(file.read_bytes()).hexdigest()


def test_learner_activity_is_titled_in_the_admins_language_and_time_zone(api, ctx, ministry):
    _title_the_level_1_pack(ctx)
    learner = ministry.learners["tokyo"][2]  # Lê Thị Cúc
    pusher = Pusher(ctx, ministry.seeded)
    with ctx.db.read() as session:
        from sync.server.models import Profile

        pusher.profiles = dict(
            session.execute(select(Profile.learner_id, Profile.profile_id)).all()
        )
    read_at = datetime(2026, 9, 20, 18, 30, tzinfo=UTC)  # 01:30 the next day in Hà Nội
    with ctx.db.write() as session:
        pusher.push(
            session,
            [
                Pushed(
                    learner, "completed", level_pack_id(1), "lesson", LESSON, None, None, read_at
                ),
                answer(learner, 1, "q1", "b", True, read_at),
            ],
        )
    _signed_in(api, "tokyo")
    page = api.get(f"/admin/learners/{learner}").text
    recent = page.split('id="recent"')[1]
    assert "bài học:</span> Mật khẩu mạnh</td>" in recent
    assert "«Mật khẩu nào mạnh nhất?» trong «Kiểm tra mô-đun: Dữ liệu»" in recent
    assert "<td>Cấp độ 1 — Cơ bản</td>" in recent
    # The exam of the seeded world, titled from what its manifest says.
    assert "Bài thi cuối Cấp độ 1" in recent
    for raw in (LESSON, "l1-a1-quiz", "l1-exam", "vn.mofa.dl.l1"):
        assert raw not in recent
    # Times in the configured zone, and the page says which.
    assert "2026-09-21 01:30" in recent and "2026-09-20 18:30" not in recent
    assert "Asia/Ho_Chi_Minh (UTC+07:00)" in page
    assert "Thời gian trên trang theo múi giờ" in page

    api.cookies.set("hocvu_lang", "en")
    english = api.get(f"/admin/learners/{learner}").text.split('id="recent"')[1]
    assert "lesson:</span> Strong passwords</td>" in english
    assert "“Which password is strongest?” in “Module quiz: Data”" in english
    assert "Level 1 final exam" in english


def test_times_are_shown_in_the_zone_set_for_the_server():
    hanoi = named_zone("Asia/Ho_Chi_Minh")
    assert hanoi.when(datetime(2026, 9, 15, 9, 0, tzinfo=UTC)) == "2026-09-15 16:00"
    # SQLite hands back times without a zone: they are UTC.
    assert hanoi.when(datetime(2026, 9, 15, 20, 0)) == "2026-09-16 03:00"
    assert hanoi.when(None) == "–"
    assert hanoi.label() == "Asia/Ho_Chi_Minh (UTC+07:00)"
    paris = named_zone("Europe/Paris")
    assert paris.label(datetime(2026, 7, 1, tzinfo=UTC)) == "Europe/Paris (UTC+02:00)"
    assert paris.label(datetime(2026, 12, 1, tzinfo=UTC)) == "Europe/Paris (UTC+01:00)"
    with pytest.raises(UnknownTimeZone, match="Asia/Ho_Chi_Minh"):
        display_zone("Asia/Hanoi-Typo")
    assert named_zone("Etc/UTC").label() == "UTC"
    # Nothing set: the machine's own zone, by name when the machine has one.
    assert display_zone(None).label()


def test_areas_go_by_name_and_a_unit_without_learners_shows_a_dash(api, ctx, ministry):
    with ctx.db.write() as session:
        empty = admin.create_unit(
            session, "test", "Tổng Lãnh sự quán tại Osaka", "mission", ministry.ministry
        ).id
        newcomer = admin.create_learner(session, "test", "Mai Văn Tới", ministry.tokyo).id
    _signed_in(api, "bo")
    top = api.get(f"/admin/units/{ministry.ministry}").text
    row = re.search(r"Tổng Lãnh sự quán tại Osaka</a></td>.*?</tr>", top, re.S).group(0)
    assert ">0<" in row and "%" not in row and row.count("–") == 4
    tokyo = api.get(f"/admin/units/{ministry.tokyo}").text
    learners = tokyo.split('id="learners"')[1].split("</table>")[0]
    header = learners.split("</thead>")[0]
    for area in ("Dữ liệu và thông tin", "An toàn số", "Ứng dụng trí tuệ nhân tạo"):
        assert area in header
    assert not re.search(r"\bLV\d\b|\bA\d\b", learners)
    # Nothing received from the newcomer: no figure, rather than 0 %.
    newcomer_row = re.search(r"Mai Văn Tới</a></td>.*?</tr>", learners, re.S).group(0)
    assert "%" not in newcomer_row
    assert "%" in re.search(r"Nguyễn Thị An</a></td>.*?</tr>", learners, re.S).group(0)
    learner_page = api.get(f"/admin/learners/{newcomer}").text
    assert "%" not in learner_page.split('id="levels"')[1].split("</section>")[0]
    api.cookies.set("hocvu_lang", "en")
    english = api.get(f"/admin/units/{ministry.tokyo}").text.split('id="learners"')[1]
    assert "Digital safety" in english and not re.search(r"\bA\d\b", english.split("</table>")[0])
    assert empty


def test_revoking_a_device_asks_first_and_only_the_confirmation_revokes(api, ctx, ministry):
    learner = ministry.learners["tokyo"][0]
    with ctx.db.read() as session:
        device = session.scalar(select(Device.id).where(Device.learner_id == learner))
    _signed_in(api, "tokyo")
    page = api.get(f"/admin/learners/{learner}").text
    url = f"/admin/devices/{device}/revoke"
    # The learner page links to the confirmation; it holds no form that revokes.
    assert f'href="{url}"' in page and f'action="{url}"' not in page
    confirm = api.get(url)
    assert confirm.status_code == 200
    assert "Thu hồi thiết bị «Laptop» của Nguyễn Thị An?" in confirm.text
    assert "không đồng bộ được nữa" in confirm.text and "mã ghi danh mới" in confirm.text
    token = csrf_of(confirm.text)

    def revoked() -> datetime | None:
        with ctx.db.read() as session:
            return session.get(Device, device).revoked

    # Without the token, or without the confirmation's button, nothing happens.
    assert api.post(url, data={"confirm": "yes"}).status_code == 403
    skipped = api.post(url, data={"csrf": token}, follow_redirects=False)
    assert skipped.status_code == 303 and skipped.headers["location"] == url
    assert revoked() is None
    done = api.post(url, data={"csrf": token, "confirm": "yes"})
    assert done.status_code == 200 and "đã thu hồi" in done.text
    assert revoked() is not None
    # Another mission's admin can neither see the confirmation nor revoke.
    other = ministry.learners["paris"][0]
    with ctx.db.read() as session:
        paris_device = session.scalar(select(Device.id).where(Device.learner_id == other))
    assert api.get(f"/admin/devices/{paris_device}/revoke").status_code == 404
    refused = api.post(
        f"/admin/devices/{paris_device}/revoke", data={"csrf": token, "confirm": "yes"}
    )
    assert refused.status_code == 404
    with ctx.db.read() as session:
        assert session.get(Device, paris_device).revoked is None
    assert f"device:{paris_device}" in [e.target for e in _refusals(ctx, "tokyo")]


def test_removing_an_assignment_asks_first_and_only_the_confirmation_removes(api, ctx, ministry):
    _signed_in(api, "tokyo")
    listed = api.get("/admin/assignments").text
    api.post(
        "/admin/assignments",
        data={"pack": "vn.mofa.dl.l2", "unit": str(ministry.tokyo), "csrf": csrf_of(listed)},
    )
    with ctx.db.read() as session:
        assignment = session.scalar(select(Assignment.id))
    url = f"/admin/assignments/{assignment}/delete"
    listed = api.get("/admin/assignments").text
    assert f'href="{url}"' in listed and f'action="{url}"' not in listed
    confirm = api.get(url).text
    assert "Bỏ giao «vn.mofa.dl.l2» cho Đại sứ quán tại Tokyo?" in confirm
    assert "Kết quả học tập đã có vẫn được giữ" in confirm
    skipped = api.post(url, data={"csrf": csrf_of(confirm)}, follow_redirects=False)
    assert skipped.status_code == 303 and skipped.headers["location"] == url
    with ctx.db.read() as session:
        assert session.get(Assignment, assignment) is not None
    api.post(url, data={"csrf": csrf_of(confirm), "confirm": "yes"})
    with ctx.db.read() as session:
        assert session.get(Assignment, assignment) is None


def test_every_confirmation_looks_the_same_and_states_the_consequence(api, ctx, ministry):
    from .test_dashboard_revocations import issue

    certificate = issue(ctx, ministry.learners["tokyo"][0])["certificate"]["id"]
    learner = ministry.learners["tokyo"][0]
    with ctx.db.write() as session:
        device = session.scalar(select(Device.id).where(Device.learner_id == learner))
        assignment = admin.assign(session, "test", "vn.mofa.dl.l1", ministry.tokyo, None).id
    _signed_in(api, "tokyo")
    for url in (
        f"/admin/devices/{device}/revoke",
        f"/admin/assignments/{assignment}/delete",
        f"/admin/certificates/{certificate}/revoke",
    ):
        page = api.get(url).text
        assert 'id="facts"' in page and 'id="question"' in page, url
        consequence = page.split('id="consequence"')[1].split("</div>")[0]
        assert len(re.sub(r"<[^>]+>", "", consequence).strip()) > 60, url
        assert 'name="confirm" value="yes"' in page and 'name="csrf"' in page, url
        assert "Hủy, không làm gì" in page, url


def test_audit_log_reads_in_the_admins_language_without_ids_or_json(api, ctx, ministry):
    learner = ministry.learners["tokyo"][0]
    with ctx.db.write() as session:
        device = session.scalar(select(Device.id).where(Device.learner_id == learner))
    _signed_in(api, "bo")
    confirm = api.get(f"/admin/devices/{device}/revoke").text
    api.post(f"/admin/devices/{device}/revoke", data={"csrf": csrf_of(confirm), "confirm": "yes"})
    api.post(
        "/admin/assignments",
        data={"pack": "vn.mofa.dl.l1", "unit": str(ministry.paris), "csrf": csrf_of(confirm)},
    )
    api.get("/admin/learners/00000000-0000-4000-8000-000000000000")  # refused, audited
    api.get("/admin/units/999999")
    api.post(
        "/admin/packs",
        data={"csrf": csrf_of(confirm)},
        files={"pack": ("tai-lieu.hvpack", b"not a zip file")},
    )
    with ctx.db.read() as session:
        written = session.scalars(select(AuditEntry.action)).all()
    assert {"revoke-device", "assign", "refused", "login"} <= set(written)

    page = api.get("/admin/audit").text
    table = page.split('id="audit"')[1].split("</table>")[0]
    assert "Thu hồi thiết bị" in table and "thiết bị «Laptop» của Nguyễn Thị An" in table
    assert "Giao học phần" in table and "Đại sứ quán tại Paris" in table
    assert "Yêu cầu bị từ chối" in table and "Đăng nhập" in table
    assert "Không tìm thấy mục này trong phạm vi" in table
    assert "đơn vị số 999999 (không có)" in table
    # A refused pack: the reason by its code in Vietnamese, the server's English marked so.
    refused_pack = re.search(r"Gói bị từ chối</td>.*?</tr>", table, re.S).group(0)
    assert "lý do:</span> tệp không phải là tệp nén ZIP đọc được" in refused_pack
    assert "Chi tiết kỹ thuật (tiếng Anh):</span>" in refused_pack
    assert not UUID.search(table), UUID.search(table)
    assert "{" not in table and '"' not in re.sub(r"<[^>]*>", "", table)
    for code in ("revoke-device", "assign<", "refused<", "login<"):
        assert code not in table
    api.cookies.set("hocvu_lang", "en")
    english = html.unescape(api.get("/admin/audit").text.split('id="audit"')[1])
    assert "Device revoked" in english and "Nguyễn Thị An's device “Laptop”" in english
    assert "Pack assigned" in english and "Request refused" in english


def test_certificates_page_explains_itself_in_the_products_words(api, ministry):
    _signed_in(api, "bo")
    for lang, words in (("vi", "chữ ký số của Bộ"), ("en", "digital signature")):
        api.cookies.set("hocvu_lang", lang)
        page = api.get("/admin/certificates").text
        text = re.sub(r"<[^>]+>", " ", page)
        assert words in text
        assert "docs/" not in text and ".md" not in text and "UUID" not in text


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/admin/", "/admin/"),
        ("/admin/units/{tokyo}", "/admin/units/{ministry}"),
        ("/admin/learners/{learner}", "/admin/units/{ministry}"),
        ("/admin/assignments", "/admin/assignments"),
        ("/admin/audit", "/admin/audit"),
        ("/admin/certificates", "/admin/certificates"),
    ],
)
def test_menu_marks_the_current_page(api, ministry, path, current):
    _signed_in(api, "bo")
    values = {
        "tokyo": ministry.tokyo,
        "ministry": ministry.ministry,
        "learner": ministry.learners["tokyo"][0],
    }
    page = api.get(path.format(**values)).text
    menu = page.split("<nav aria-label=")[1].split("</nav>")[0]
    marked = re.findall(r'<a href="([^"]+)" aria-current="page">', menu)
    assert marked == [current.format(**values)]


def test_packs_go_by_their_titles_in_the_admins_language(api, ctx, ministry):
    _title_the_level_1_pack(ctx)
    with ctx.db.write() as session:
        admin.assign(session, "test", "vn.mofa.dl.l1", ministry.tokyo, None)
    _signed_in(api, "bo")
    for lang, title in (("vi", "Cấp độ 1 — Cơ bản"), ("en", "Level 1 — Basic")):
        api.cookies.set("hocvu_lang", lang)
        held = api.get("/admin/packs").text.split('id="pack-units"')[1].split("</table>")[0]
        assert f"<td>{title}</td>" in held and "<td>vn.mofa.dl.l1</td>" not in held
        listed = api.get("/admin/assignments").text.split('id="assignments"')[1]
        assert f"<td>{title}</td>" in listed.split("</table>")[0]


def test_the_server_refuses_to_start_with_an_unknown_time_zone(tmp_path, capsys):
    from sync.server import cli

    code = cli.main(["--data-dir", str(tmp_path / "server"), "--time-zone", "Asia/Hanoi-Typo"])
    assert code == 2
    assert "unknown time zone 'Asia/Hanoi-Typo'" in capsys.readouterr().err
    assert not (tmp_path / "server").exists()  # stopped before touching anything


def _visible(page: str) -> str:
    """What a reader sees of a page: its text, without tags or attribute values."""
    body = page.split("<body", 1)[1]
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def test_item_analysis_names_packs_quizzes_and_questions_by_title(api, ctx, ministry):
    _title_the_level_1_pack(ctx)
    _signed_in(api, "giangvien")  # a trainer reads this page
    for lang, pack, quiz, question in (
        ("vi", "Cấp độ 1 — Cơ bản", "Kiểm tra mô-đun: Dữ liệu", "Mật khẩu nào mạnh nhất?"),
        ("en", "Level 1 — Basic", "Module quiz: Data", "Which password is strongest?"),
    ):
        api.cookies.set("hocvu_lang", lang)
        page = api.get("/admin/items?pack=vn.mofa.dl.l1&quiz=l1-a1-quiz").text
        selectors = page.split('action="/admin/items"')[1].split("</form>")[0]
        assert re.search(rf'<option value="vn\.mofa\.dl\.l1" selected>{pack}</option>', selectors)
        assert re.search(rf'<option value="l1-a1-quiz" selected>{quiz}</option>', selectors)
        seen = _visible(page)
        assert question in seen
        # No id a trainer would have to look up: not the pack's, the quiz's or the item's.
        for raw in ("vn.mofa.dl.l1", "l1-a1-quiz", "q1"):
            assert not re.search(rf"(?<![\w.-]){re.escape(raw)}(?![\w.-])", seen), (lang, raw)
