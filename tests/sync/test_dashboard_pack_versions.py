"""The packs page shows which pack version each unit really has: what its devices
downloaded to the end over the API, and what its learners' statements were made
with (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
import re

import pytest
from sqlalchemy import select

from sync.server import admin
from sync.server.models import PackDownload
from sync.xapi import make_statement

from .conftest import CREATED, bearer, enrol, make_pack, new_code
from .dashboard_world import log_in, seed_ministry

DEMO = "vn.mofa.dl.demo"


@pytest.fixture
def ministry(ctx):
    return seed_ministry(ctx)


def publish(ctx, dev, tmp_path, version: int):
    pack = make_pack(dev, tmp_path / f"demo-v{version}.hvpack", version=version)
    return admin.add_pack(ctx.db, "test", pack, ctx.settings.data_dir, ctx.roots, at=CREATED)


def held_row(page: str, unit_id: int, pack_id: str = DEMO) -> str | None:
    match = re.search(
        rf'<tr[^>]*data-unit="{unit_id}" data-pack="{re.escape(pack_id)}">.*?</tr>', page, re.S
    )
    return match.group(0) if match else None


def cell(row: str, name: str) -> str:
    text = re.search(rf'<td class="{name}">(.*?)</td>', row, re.S).group(1)
    return re.sub(r"<[^>]+>", "", text)


def push_with_version(api, device: dict, version: int) -> None:
    statement = make_statement(
        profile_id=device["profile_id"],
        verb="completed",
        pack_id=DEMO,
        kind="lesson",
        local_id="strong-passwords",
        pack_version=version,
        app_version="0.1.0",
        device_id=device["device_id"],
        completion=True,
    )
    response = api.post(
        "/api/v1/statements",
        json={"statements": [statement]},
        headers=bearer(device["device_token"]),
    )
    assert response.status_code == 200, response.text


def test_unit_whose_device_downloaded_v1_shows_behind_once_v2_is_published(
    api, ctx, ministry, dev, tmp_path
):
    first = publish(ctx, dev, tmp_path, 1)
    with ctx.db.write() as session:
        admin.assign(session, "test", DEMO, ministry.ministry, None)
    tokyo_device = enrol(api, new_code(ctx, ministry.learners["tokyo"][0]))
    paris_device = enrol(api, new_code(ctx, ministry.learners["paris"][0]))
    url = f"/api/v1/packs/{DEMO}/1/download"
    size = first.size
    # Tokyo: the whole file at once.
    assert api.get(url, headers=bearer(tokyo_device["device_token"])).status_code == 200
    # Paris: a first part only, which is not a download yet…
    paris = bearer(paris_device["device_token"])
    part = api.get(url, headers={**paris, "Range": "bytes=0-999"})
    assert part.status_code == 206
    with ctx.db.read() as session:
        rows = session.execute(select(PackDownload.device_id, PackDownload.version)).all()
    assert rows == [(tokyo_device["device_id"], 1)]
    # …then the rest, resumed: now it is.
    rest = api.get(url, headers={**paris, "Range": "bytes=1000-"})
    assert rest.status_code == 206 and len(rest.content) == size - 1000
    # A range past the end is refused and counts nothing.
    assert api.get(url, headers={**paris, "Range": f"bytes={size}-"}).status_code == 416
    with ctx.db.read() as session:
        downloads = {
            row.device_id: (row.version, row.downloads)
            for row in session.scalars(select(PackDownload))
        }
    assert downloads == {tokyo_device["device_id"]: (1, 1), paris_device["device_id"]: (1, 1)}

    publish(ctx, dev, tmp_path, 2)
    assert log_in(api, "tokyo").status_code == 303
    page = api.get("/admin/packs").text
    tokyo = held_row(page, ministry.tokyo)
    assert tokyo is not None and 'class="weak"' in tokyo
    assert re.search(r'<td class="num">2</td>', tokyo)
    assert cell(tokyo, "devices") == "bản 1: 1"
    assert "còn bản cũ: 1 thiết bị, 0 học viên" in cell(tokyo, "status")
    # Paris is outside the Tokyo admin's scope: neither its row nor its name.
    assert held_row(page, ministry.paris) is None
    assert "Đại sứ quán tại Paris" not in page

    # The Tokyo learner updates to v2 (by USB, say: no download) and works with it.
    push_with_version(api, tokyo_device, 2)
    tokyo = held_row(api.get("/admin/packs").text, ministry.tokyo)
    assert cell(tokyo, "learners") == "bản 2: 1"
    assert cell(tokyo, "devices") == "bản 1: 1"

    # The Tokyo export holds the same, and nothing of Paris.
    exported = api.get("/admin/export/pack_versions.csv")
    assert exported.status_code == 200
    lines = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    mine = [(r["unit_id"], r["version"], r["devices"], r["learners"], r["behind"]) for r in lines]
    assert (str(ministry.tokyo), "2", "0", "1", "false") in mine
    assert (str(ministry.tokyo), "1", "1", "0", "true") in mine
    assert {r["unit_id"] for r in lines} == {str(ministry.tokyo)}
    assert api.get(f"/admin/export/pack_versions.csv?unit={ministry.paris}").status_code == 404

    # The ministry sees both missions behind; Paris's device got the file in two parts.
    api.cookies.clear()
    assert log_in(api, "bo").status_code == 303
    page = api.get("/admin/packs?pack=" + DEMO).text
    paris_row = held_row(page, ministry.paris)
    assert paris_row is not None and cell(paris_row, "devices") == "bản 1: 1"
    assert "còn bản cũ" in cell(paris_row, "status")
    # The department has learners and the pack is assigned from above: nothing seen yet.
    department = held_row(page, ministry.department)
    assert department is not None and "chưa thấy gì" in cell(department, "status")


def test_trainer_sees_versions_by_unit_without_names(api, ctx, ministry, dev, tmp_path):
    publish(ctx, dev, tmp_path, 1)
    with ctx.db.write() as session:
        admin.assign(session, "test", DEMO, ministry.tokyo, None)
    device = enrol(api, new_code(ctx, ministry.learners["tokyo"][1]))
    api.get(f"/api/v1/packs/{DEMO}/1/download", headers=bearer(device["device_token"]))
    assert log_in(api, "giangvien").status_code == 303
    page = api.get("/admin/packs").text
    row = held_row(page, ministry.tokyo)
    assert row is not None and "đã cập nhật" in cell(row, "status")
    assert not any(name in page for name in ministry.seeded.names.values())
    assert api.get("/admin/export/pack_versions.xlsx").status_code == 200


def test_revoked_device_no_longer_counts(api, ctx, ministry, dev, tmp_path):
    publish(ctx, dev, tmp_path, 1)
    with ctx.db.write() as session:
        admin.assign(session, "test", DEMO, ministry.tokyo, None)
    device = enrol(api, new_code(ctx, ministry.learners["tokyo"][1]))
    api.get(f"/api/v1/packs/{DEMO}/1/download", headers=bearer(device["device_token"]))
    with ctx.db.write() as session:
        admin.revoke_device(session, "test", device["device_id"])
    assert log_in(api, "tokyo").status_code == 303
    row = held_row(api.get("/admin/packs").text, ministry.tokyo)
    assert cell(row, "devices") == "–"
