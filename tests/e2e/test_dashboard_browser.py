"""An administrator's round in a real browser: log in, read the overview against an
independent count, drill into a mission, assign a pack (and see it in a device's
catalog), the versions units use, a refused pack upload in Vietnamese, export XLSX
and read it back, import an offline bundle."""

from __future__ import annotations

import re

import openpyxl
import requests

from tests.e2e.admin_steps import enrol_device, log_in
from tests.sync.conftest import new_code
from tests.sync.test_bundles import offline_engine


def test_admin_round_in_headless_chromium(browser_context, server, server_ctx, seeded, tmp_path):
    shots = tmp_path / "shots"
    page = browser_context.new_page()

    def shot(name: str) -> None:
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)

    # Log in.
    page.goto(f"{server.url}/admin/")
    assert page.url.endswith("/admin/login")
    shot("login")
    log_in(page, server.url)

    # The overview against an independent count of the seeded statements.
    learners = len(seeded.seeded.learners)
    certified = {
        level: len(
            {
                p.learner_id
                for p in seeded.seeded.pushed
                if p.kind == "exam" and p.success and p.local_id == f"l{level}-exam"
            }
        )
        for level in (1, 2, 3, 4)
    }
    assert page.inner_text("#learner-count") == str(learners)
    rows = page.locator("#levels tbody tr")
    for index, level in enumerate((1, 2, 3, 4)):
        cells = rows.nth(index).locator("td")
        assert cells.nth(1).inner_text() == str(certified[level])
        assert cells.nth(2).inner_text() == f"{round(100 * certified[level] / learners)} %"
    assert page.locator("svg.chart").count() == 2
    shot("overview")

    # Drill down: ministry → Tokyo mission → a learner.
    page.click("header nav >> text=Đơn vị")
    page.click("#children >> text=Đại sứ quán tại Tokyo")
    names = page.locator("#learners tbody tr td:first-child").all_inner_texts()
    assert sorted(names) == sorted(seeded.seeded.names[x] for x in seeded.learners["tokyo"])
    shot("mission")

    # Export the mission's learners as XLSX and read it back.
    with page.expect_download() as caught:
        page.locator("#learners ~ .exports").first.locator("text=XLSX").click()
    xlsx = tmp_path / "learners.xlsx"
    caught.value.save_as(xlsx)
    sheet = openpyxl.load_workbook(xlsx).active
    rows_back = list(sheet.iter_rows(values_only=True))
    # Headers in the admin's language (Vietnamese here), the areas by name.
    assert "Tiến độ: An toàn số" in rows_back[0] and "area_4_progress" not in rows_back[0]
    column = rows_back[0].index("Họ và tên")
    assert sorted(r[column] for r in rows_back[1:]) == sorted(names)

    page.click("#learners >> text=Nguyễn Thị An")
    assert page.inner_text("h1").startswith("Nguyễn Thị An")
    shot("learner")

    # Assign a pack to Tokyo with a due date; it is listed and in a device's catalog.
    token = enrol_device(server.url, new_code(server_ctx, seeded.learners["tokyo"][1])).token
    page.click("header nav >> text=Giao học phần")
    page.select_option("select[name=pack]", "vn.mofa.dl.l2")
    page.select_option("select[name=unit]", str(seeded.tokyo))
    page.fill("input[name=due]", "2027-06-30")
    page.click("form.row button[type=submit]")
    listed = page.locator("#assignments tbody tr").all_inner_texts()
    assert any("vn.mofa.dl.l2" in r and "Đại sứ quán tại Tokyo" in r for r in listed)
    shot("assignments")
    catalog = requests.get(
        f"{server.url}/api/v1/packs", headers={"Authorization": f"Bearer {token}"}, timeout=10
    ).json()["packs"]
    assert [(p["id"], p["due"]) for p in catalog] == [("vn.mofa.dl.l2", "2027-06-30")]

    # The packs page: which version Tokyo's learners use of the pack they passed.
    page.click("header nav >> text=Gói nội dung")
    tokyo_l2 = page.locator(
        f'#pack-units tr[data-unit="{seeded.tokyo}"][data-pack="vn.mofa.dl.l2"]'
    )
    assert tokyo_l2.locator("td.learners").inner_text() == "bản 1: 1"
    assert tokyo_l2.locator("td.status").inner_text() == "đã cập nhật"
    shot("packs")

    # A file that is not a pack is refused, the reason in Vietnamese.
    not_a_pack = tmp_path / "tai-lieu.hvpack"
    not_a_pack.write_bytes(b"not a zip file at all")
    page.set_input_files("input[name=pack]", str(not_a_pack))
    page.click("button.primary")
    refusal = page.inner_text("[role=alert]")
    assert "Gói tai-lieu.hvpack bị từ chối" in refusal
    assert "tệp không phải là tệp nén ZIP đọc được" in refusal
    shot("pack-refused")

    # Import an offline bundle from a mission laptop.
    engine = offline_engine(tmp_path)
    engine.store.record_many(5)
    bundle = tmp_path / "paris.hvsync"
    code = new_code(server_ctx, seeded.learners["paris"][2])
    engine.export_bundle(bundle, server_ctx.keys.public_keys(), code, "Laptop Paris")
    page.click("header nav >> text=Tệp đồng bộ ngoại tuyến")
    page.set_input_files("input[name=bundle]", str(bundle))
    page.click("form.row button[type=submit]")
    assert page.inner_text("#count-new") == "5"
    assert page.inner_text("#count-duplicates") == "0"
    shot("bundle")

    # The other pages render too (for the screenshots), and English is one click away.
    for path in ("/admin/items", "/admin/enrol", "/admin/certificates"):
        page.goto(server.url + path)
        shot(path.rsplit("/", 1)[1])
    page.click("text=English")
    assert re.search(r"Certificates", page.inner_text("h1"))
    page.goto(f"{server.url}/admin/audit")
    assert "Audit log" in page.inner_text("h1")
    shot("audit-en")


def _menu_on_one_line(page) -> None:
    """Every menu entry on the same line, the menu one entry high (nothing wraps)."""
    links = page.locator("header nav a")
    boxes = [links.nth(i).bounding_box() for i in range(links.count())]
    assert len(boxes) == 10  # a ministry administrator sees every page
    assert len({round(box["y"]) for box in boxes}) == 1, boxes
    menu = page.locator("header nav").bounding_box()
    assert menu["height"] < 1.5 * boxes[0]["height"], (menu, boxes[0])
    assert max(box["x"] + box["width"] for box in boxes) <= 1366


def test_revoking_a_device_goes_through_its_confirmation(
    browser_context, server, server_ctx, seeded
):
    from sqlalchemy import select

    from sync.server.models import Device

    page = browser_context.new_page()
    log_in(page, server.url)

    # The menu fits a 1366 px screen in both languages and marks the page shown.
    _menu_on_one_line(page)
    assert page.locator("header nav a[aria-current=page]").all_inner_texts() == ["Tổng quan"]
    page.click("text=English")
    _menu_on_one_line(page)
    page.click("text=Tiếng Việt")

    learner = seeded.learners["tokyo"][0]
    page.goto(f"{server.url}/admin/learners/{learner}")
    assert page.locator("header nav a[aria-current=page]").all_inner_texts() == ["Đơn vị"]
    row = page.locator("#devices tbody tr").first
    assert row.locator("td").nth(2).inner_text() == "đang dùng"
    row.locator("text=Thu hồi…").click()

    # The confirmation says whose device and what follows; Cancel changes nothing.
    assert page.inner_text("#question") == "Thu hồi thiết bị «Laptop» của Nguyễn Thị An?"
    assert "không đồng bộ được nữa" in page.inner_text("#consequence")
    page.click("text=Hủy, không làm gì")
    assert page.url.endswith(f"/admin/learners/{learner}")
    assert page.locator("#devices tbody tr").first.locator("td").nth(2).inner_text() == "đang dùng"

    page.locator("#devices tbody tr").first.locator("text=Thu hồi…").click()
    page.click("button[name=confirm]")
    page.wait_for_url(f"{server.url}/admin/learners/{learner}")
    state = page.locator("#devices tbody tr").first.locator("td").nth(2).inner_text()
    assert state.startswith("đã thu hồi")
    assert page.locator("#devices tbody tr").first.locator("text=Thu hồi…").count() == 0
    with server_ctx.db.read() as session:
        revoked = session.scalars(select(Device.revoked).where(Device.learner_id == learner)).all()
    assert all(when is not None for when in revoked)
