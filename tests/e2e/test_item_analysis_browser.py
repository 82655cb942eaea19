"""Item analysis as a trainer reads it, in a real browser: twelve officials enrol
devices and take the sealed level exam through the device API (the server opens the
sealed items with its grading key and grades them); the administrator logs in, opens
item analysis, and finds the questions' text, the flags and the share of each
distractor; the XLSX download opens and holds the question text."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
import requests

from content import keys
from sync.server import admin
from sync.server.context import ServerContext
from tests.sync import exams
from tests.sync.conftest import CREATED, ThreadServer, bearer, dev, new_code  # noqa: F401
from tests.sync.dashboard_world import PASSWORD

LEARNERS = 12
# Learners 9, 10 and 11 answer the single-choice item wrong; everyone else is right.
WRONG_FROM = 9


def _enrol(url: str, code: str) -> tuple[str, str]:
    profile_id = str(uuid.uuid4())
    response = requests.post(
        f"{url}/api/v1/enrol",
        json={
            "code": code,
            "device_name": "laptop",
            "device_public_key": keys.public_b64(keys.new_key().public_key()),
            "profile_id": profile_id,
        },
        timeout=10,
    )
    response.raise_for_status()
    return response.json()["device_token"], profile_id


@pytest.fixture
def exam_server(server_ctx: ServerContext, dev, tmp_path: Path) -> Iterator[tuple]:  # noqa: F811
    exams.install_grading_key(server_ctx)
    path = exams.exam_pack(dev, tmp_path / "exam.hvpack")
    admin.add_pack(
        server_ctx.db, "test", path, server_ctx.settings.data_dir, server_ctx.roots, at=CREATED
    )
    with server_ctx.db.write() as session:
        ministry = admin.create_unit(session, "test", "Bộ Ngoại giao", "ministry", None).id
        mission = admin.create_unit(session, "test", "ĐSQ Tokyo", "mission", ministry).id
        admin.assign(session, "test", exams.PACK, ministry, None)
        admin.create_admin(session, "test", "bo", PASSWORD, "ministry_admin", ministry)
        people = [
            admin.create_learner(session, "test", f"Cán bộ {n}", mission).id
            for n in range(LEARNERS)
        ]
    live = ThreadServer(server_ctx)
    try:
        yield live, exams.opened_exam(path), people
    finally:
        live.stop()


def _take_the_exam(url: str, server_ctx: ServerContext, opened, people: list[str]) -> str:
    """Every learner enrols a device and pushes an attempt as the app does; returns the
    id of the single-choice item."""
    single = next(i for i in opened.quiz.items if i.type == "single")
    for n, learner in enumerate(people):
        token, profile = _enrol(url, new_code(server_ctx, learner))
        answers = {i.id: exams.right_answer(i) for i in opened.quiz.items}
        if n >= WRONG_FROM:
            answers[single.id] = exams.wrong_answer(single)
        attempt = exams.attempt(opened, profile, answers)
        response = requests.post(
            f"{url}/api/v1/statements",
            json={"statements": attempt.statements},
            headers=bearer(token),
            timeout=30,
        )
        assert response.status_code == 200, response.text
    return single.id


def test_item_analysis_shows_question_text_flags_and_distractor_shares(
    browser_context, exam_server, server_ctx, tmp_path
):
    live, opened, people = exam_server
    single_id = _take_the_exam(live.url, server_ctx, opened, people)
    single = opened.quiz.item(single_id)
    page = browser_context.new_page()
    page.goto(f"{live.url}/admin/")
    page.fill("input[name=username]", "bo")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live.url}/admin/")

    page.click("nav >> text=Phân tích câu hỏi")
    page.wait_for_url(f"{live.url}/admin/items*")
    page.screenshot(path=str(tmp_path / "items.png"), full_page=True)

    # Every item of the exam by its question in Vietnamese (sealed items opened on the
    # server), never by its id alone.
    questions = page.locator("caption .question").all_inner_texts()
    assert len(questions) == len(opened.quiz.items)
    assert single.prompt["vi"] in questions

    table = page.locator(f'table.item[data-item="{exams.EXAM}/{single_id}"]')
    rows = {
        r.locator("th").inner_text().strip(): r.locator("td").inner_text().strip()
        for r in table.locator("tr.option").all()
    }
    wrong = exams.wrong_answer(single)
    key = next(o for o in single.options if o.correct)
    chosen = next(o for o in single.options if o.id == wrong)
    others = [o for o in single.options if not o.correct and o.id != wrong]
    # 9 of 12 chose the key, 3 the same wrong option, nobody the other distractors.
    shares = {text.split("✓")[0].strip(): share for text, share in rows.items()}
    assert shares[key.text["vi"]] == "75 %"
    assert shares[chosen.text["vi"]] == "25 %"
    assert others and all(shares[o.text["vi"]] == "0 %" for o in others)
    flags = table.locator("td.flags").inner_text()
    assert "Có phương án nhiễu không ai chọn" in flags and "Quá dễ" not in flags
    # An item everyone answered right is flagged too easy.
    shares_and_flags = [
        (t.locator("td.share-correct").inner_text(), t.locator("td.flags").inner_text())
        for t in page.locator("table.item").all()
    ]
    full = [flag for share, flag in shares_and_flags if share == "100 %"]
    assert len(full) >= 4, shares_and_flags
    assert all("Quá dễ" in flag for flag in full)

    # The spreadsheet of the same analysis opens and holds the question text.
    with page.expect_download() as download_info:
        page.click("p.exports >> text=XLSX")
    saved = tmp_path / "items.xlsx"
    download_info.value.save_as(saved)
    sheet = openpyxl.load_workbook(saved).active
    header = [c.value for c in sheet[1]]
    column = header.index("question")
    texts = {row[column] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert single.prompt["vi"] in texts
