"""Item analysis as a trainer reads it, in a real browser: twelve officials enrol
devices and, through the device API, take the pack's module quiz (version 1, graded
on the device) and then its sealed level exam (version 3: the server opens the sealed
items with its grading key and grades them); the administrator logs in, opens item
analysis, and finds the questions' text, both versions side by side, the flags and
the share of each distractor; the XLSX download opens and holds the question text."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import openpyxl
import pytest
import requests

from content.forms import EXT_FORM, draw_form
from content.grading import encode_response, grade
from sync.server import admin
from sync.server.context import ServerContext
from sync.xapi import make_statement
from tests.e2e.admin_steps import enrol_device, log_in
from tests.sync import exams
from tests.sync.conftest import (  # noqa: F401
    CREATED,
    ThreadServer,
    bearer,
    dev,
    make_pack,
    new_code,
)
from tests.sync.dashboard_world import PASSWORD

LEARNERS = 12
# In the exam learners 9, 10 and 11 answer the single-choice item wrong; in the
# module quiz, learners 6 to 11. Everyone else is right.
WRONG_FROM = 9
WRONG_FROM_IN_PRACTICE = 6


@pytest.fixture
def exam_server(server_ctx: ServerContext, dev, tmp_path: Path) -> Iterator[tuple]:  # noqa: F811
    exams.install_grading_key(server_ctx)
    # The scaffold as it is: version 1, demo-quiz a module quiz (practice).
    practice = make_pack(dev, tmp_path / "practice.hvpack", version=1)
    admin.add_pack(
        server_ctx.db, "test", practice, server_ctx.settings.data_dir, server_ctx.roots, at=CREATED
    )
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


def _practice(opened, profile: str, answers: dict, at: datetime) -> list[dict]:
    """A module-quiz attempt of pack version 1 as the app records it: attempted with
    its form, each answer graded on the device, then passed or failed."""
    quiz = opened.quiz
    form = draw_form(quiz, 11)
    common = {
        "profile_id": profile,
        "pack_id": exams.PACK,
        "pack_version": 1,
        "app_version": "0.1.0",
        "device_id": "laptop",
        "registration": str(uuid.uuid4()),
    }

    def stamp(seconds: int) -> str:
        return (at + timedelta(seconds=seconds)).isoformat(timespec="milliseconds")[:-6] + "Z"

    out = [
        make_statement(
            verb="attempted",
            kind="quiz",
            local_id=quiz.slug,
            timestamp=stamp(0),
            extensions={EXT_FORM: form.to_json()},
            **common,
        )
    ]
    earned = 0.0
    for n, item_id in enumerate(form.item_ids, start=1):
        item = quiz.item(item_id)
        credit = grade(item, answers[item_id]).score
        earned += credit
        out.append(
            make_statement(
                verb="answered",
                kind="item",
                local_id=f"{quiz.slug}/{item_id}",
                response=encode_response(item, answers[item_id]),
                success=credit >= 1,
                score=credit,
                timestamp=stamp(20 * n),
                **common,
            )
        )
    score = earned / len(form.item_ids)
    out.append(
        make_statement(
            verb="passed" if score >= quiz.pass_mark else "failed",
            kind="quiz",
            local_id=quiz.slug,
            score=score,
            success=score >= quiz.pass_mark,
            timestamp=stamp(300),
            **common,
        )
    )
    return out


def _take_quiz_and_exam(url: str, server_ctx: ServerContext, opened, people: list[str]) -> str:
    """Every learner enrols a device and pushes the module quiz, then the exam, as the
    app does; returns the id of the single-choice item."""
    single = next(i for i in opened.quiz.items if i.type == "single")
    practised = datetime.now(UTC) - timedelta(days=3)
    for n, learner in enumerate(people):
        device = enrol_device(url, new_code(server_ctx, learner))
        right = {i.id: exams.right_answer(i) for i in opened.quiz.items}
        quiz = (
            {**right, single.id: exams.wrong_answer(single)}
            if n >= WRONG_FROM_IN_PRACTICE
            else right
        )
        exam = {**right, single.id: exams.wrong_answer(single)} if n >= WRONG_FROM else right
        for statements in (
            _practice(opened, device.profile_id, quiz, practised),
            exams.attempt(opened, device.profile_id, exam).statements,
        ):
            response = requests.post(
                f"{url}/api/v1/statements",
                json={"statements": statements},
                headers=bearer(device.token),
                timeout=30,
            )
            assert response.status_code == 200, response.text
    return single.id


def test_item_analysis_shows_question_text_flags_and_distractor_shares(
    browser_context, exam_server, server_ctx, tmp_path
):
    live, opened, people = exam_server
    single_id = _take_quiz_and_exam(live.url, server_ctx, opened, people)
    single = opened.quiz.item(single_id)
    page = browser_context.new_page()
    log_in(page, live.url)

    page.click("nav >> text=Phân tích câu hỏi")
    page.wait_for_url(f"{live.url}/admin/items*")
    page.screenshot(path=str(tmp_path / "items.png"), full_page=True)

    # Every item of the exam by its question in Vietnamese (sealed items opened on the
    # server), never by its id alone.
    questions = page.locator("caption .question").all_inner_texts()
    assert len(questions) == len(opened.quiz.items)
    assert single.prompt["vi"] in questions

    table = page.locator(f'table.item[data-item="{exams.EXAM}/{single_id}"]')
    # Pack versions side by side, newest first: the exam (3), the module quiz (1).
    assert table.locator("thead th").all_inner_texts()[1:] == ["Phiên bản 3", "Phiên bản 1"]
    assert table.locator("td.share-correct").all_inner_texts() == ["75 %", "50 %"]
    rows = {
        r.locator("th").inner_text().strip(): r.locator("td").first.inner_text().strip()
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
    flags = table.locator("td.flags").first.inner_text()
    assert "Có phương án nhiễu không ai chọn" in flags and "Quá dễ" not in flags
    # An item everyone answered right is flagged too easy.
    shares_and_flags = [
        (t.locator("td.share-correct").first.inner_text(), t.locator("td.flags").first.inner_text())
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
    assert "item_id" not in header and "Tỷ lệ đúng" in header
    column = header.index("Câu hỏi")
    texts = {row[column] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert single.prompt["vi"] in texts
