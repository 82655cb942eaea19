"""Report tables written as CSV and XLSX and read back as a spreadsheet would, and
`hocvu admin report` from the command line."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime, timedelta

import openpyxl
import pytest
from sqlalchemy import select

from sync.server import admin, exports
from sync.server.admin_cli import main as admin_cli
from sync.server.models import AuditEntry
from sync.server.reporting.spec import Table
from sync.server.reporting.tables import SPECS, TABLES, export_table

from .dashboard_world import log_in, seed_ministry
from .reporting_world import START, Ministry, build_ministry


@pytest.fixture
def ministry(ctx) -> Ministry:
    return build_ministry(ctx)


def read_xlsx(data: bytes) -> list[tuple]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    return list(book.worksheets[0].iter_rows(values_only=True))


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_learners_xlsx_reads_back_with_the_same_rows_and_real_dates(ctx, ministry):
    with ctx.db.read() as session:
        table = export_table(session, "learners", ministry.root)
    rows = read_xlsx(exports.to_xlsx(table, "learners"))
    assert list(rows[0]) == table.headers
    assert len(rows) == 1 + 6
    by_name = {row[1]: row for row in rows[1:]}
    an = by_name["Nguyễn Thị An"]
    level_1 = table.columns.index("level_1_certified")
    # A date cell, not text: openpyxl reads it back as a datetime.
    assert an[level_1] == datetime(2025, 7, 11)
    assert an[table.columns.index("level_2_certified")] is None
    assert an[table.columns.index("area_4_progress")] == 0.25
    assert isinstance(an[table.columns.index("last_sync")], datetime)
    for expected, got in zip(table.rows, rows[1:], strict=True):
        assert got[0] == expected[0] and got[1] == expected[1]


def test_xlsx_header_is_bold_frozen_and_columns_fit(ctx, ministry):
    with ctx.db.read() as session:
        table = export_table(session, "units", ministry.root)
    book = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(table, "units")))
    sheet = book.worksheets[0]
    assert sheet.title == "units"
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    assert sheet.column_dimensions["B"].width >= len("Vụ Châu Âu")


def test_csv_is_utf8_with_bom_and_matches_the_table(ctx, ministry):
    with ctx.db.read() as session:
        table = export_table(session, "certificates", ministry.root)
    rows = read_csv(exports.to_csv(table))
    assert rows[0] == table.columns
    assert len(rows) == 1 + len(table.rows) == 1 + 5
    names = {row[table.columns.index("name")] for row in rows[1:]}
    assert names == {"Nguyễn Thị An", "Lê Minh Chi", "Phạm Dũng"}
    issued = rows[1][table.columns.index("issued")]
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", issued)


def test_a_name_that_looks_like_a_formula_stays_text():
    table = Table(
        ["name", "due", "at"],
        [('=HYPERLINK("http://x")', date(2027, 6, 30), datetime(2026, 1, 2, 3, 4, tzinfo=UTC))],
    )
    rows = read_xlsx(exports.to_xlsx(table, "t"))
    assert rows[1] == ('=HYPERLINK("http://x")', datetime(2027, 6, 30), datetime(2026, 1, 2, 3, 4))
    book = openpyxl.load_workbook(io.BytesIO(exports.to_xlsx(table, "t")))
    assert book.worksheets[0]["A2"].data_type == "s"
    assert read_csv(exports.to_csv(table))[1] == [
        '\'=HYPERLINK("http://x")',
        "2027-06-30",
        "2026-01-02 03:04:00",
    ]


# ------------------------------------------------------------------ hocvu admin report


def run(ctx, capsys, *args: str) -> tuple[int, str, str]:
    base = ["--data-dir", str(ctx.settings.data_dir), "--database-url", ctx.settings.url]
    code = admin_cli([*base, *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_admin_report_overview_prints_the_numbers(ctx, ministry, capsys):
    code, out, err = run(ctx, capsys, "report", "overview", "--unit", str(ministry.root))
    assert code == 0, err
    assert "Bộ Ngoại giao" in out and "6 learner(s)" in out
    assert re.search(r"level 1:\s+3\s+50\.0%", out)
    assert re.search(r"level 2:\s+1\s+16\.7%", out)
    # The trend starts in the month of the first pass (An, 40 days after START).
    assert f"{START + timedelta(days=40):%Y-%m}" in out
    assert "ĐSQ Paris" in out and "33.3% of 3" in out


def test_admin_report_writes_xlsx_and_the_export_is_audited(ctx, ministry, capsys, tmp_path):
    out_file = tmp_path / "tokyo.xlsx"
    code, out, err = run(
        ctx,
        capsys,
        *("report", "learners", "--unit", str(ministry.tokyo), "--format", "xlsx"),
        *("-o", str(out_file)),
    )
    assert code == 0, err
    assert "2 row(s)" in out
    rows = read_xlsx(out_file.read_bytes())
    assert {row[1] for row in rows[1:]} == {"Nguyễn Thị An", "Trần Văn Bình"}
    with ctx.db.read() as session:
        entry = session.scalars(select(AuditEntry).order_by(AuditEntry.id.desc())).first()
    assert (entry.action, entry.target) == ("export", "export:learners.xlsx")
    assert f'"unit": {ministry.tokyo}' in entry.detail


def test_admin_report_refuses_an_unknown_unit_and_table_with_one_line(
    ctx, ministry, capsys, tmp_path
):
    target = str(tmp_path / "x.csv")
    code, _, err = run(ctx, capsys, "report", "learners", "--unit", "99999", "-o", target)
    assert code == 1
    assert "no unit 99999" in err and len(err.strip().splitlines()) == 1
    code, _, err = run(ctx, capsys, "report", "audit", "--unit", str(ministry.asia), "-o", target)
    assert code == 1 and "audit log" in err
    assert not (tmp_path / "x.csv").exists()
    with pytest.raises(SystemExit):
        run(ctx, capsys, "report", "salaries", "-o", target)


def _as_written(value):
    """A table value as a spreadsheet gives it back: dates and times as naive UTC."""
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None, microsecond=0)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return value


@pytest.mark.parametrize("name", TABLES)
def test_every_table_reads_back_from_xlsx_and_csv_as_built(ctx, ministry, name):
    with ctx.db.write() as session:
        admin.assign(session, "test", "vn.mofa.dl.l1", ministry.asia, date(2026, 1, 31))
    with ctx.db.read() as session:
        table = export_table(session, name, ministry.root, date(2026, 11, 22))
    assert table.rows, name
    rows = read_xlsx(exports.to_xlsx(table, name))
    # A person opens the spreadsheet: headers in the admin's language (Vietnamese by
    # default), the times marked UTC; a tool reads the CSV: the machine names.
    spec = SPECS[name]
    assert list(rows[0]) == spec.file_headers("vi")
    assert not set(rows[0]) & set(table.columns), name
    for header, column in zip(rows[0], spec.columns, strict=True):
        assert header.endswith("(UTC)") == (column.kind == "datetime"), header
    assert len(rows) == 1 + len(table.rows)
    for expected, got in zip(table.rows, rows[1:], strict=True):
        for want, have in zip(expected, got, strict=True):
            if isinstance(want, datetime):
                # Excel keeps milliseconds at most (openpyxl rounds, so .9997 s reads
                # back as the next second): compare with the microseconds kept.
                exact = want.astimezone(UTC).replace(tzinfo=None)
                assert abs(have - exact).total_seconds() <= 0.5
            elif isinstance(want, float):
                assert have == pytest.approx(want)
            else:
                assert have == _as_written(want)
    text_rows = read_csv(exports.to_csv(table))
    assert text_rows[0] == table.columns
    assert [row[0] for row in text_rows[1:]] == [str(row[0]) for row in table.rows]


# ------------------------------------------------------------------ the dashboard's downloads


@pytest.fixture
def signed_in(api, ctx):
    """The dashboard's seeded ministry with its ministry administrator logged in."""
    seeded = seed_ministry(ctx)
    assert log_in(api, "bo").status_code == 303
    return seeded


def test_xlsx_download_reads_in_the_admins_language_and_csv_keeps_machine_names(api, signed_in):
    """What an administrator preparing a report sees on opening the spreadsheet:
    column headers in their language, the six areas by name, times marked UTC; the
    CSV of the same table keeps the machine names whatever the language."""
    tokyo = signed_in.tokyo
    for lang, headers in (
        (
            "vi",
            [
                "Họ và tên",
                "Đơn vị",
                "Chứng nhận cấp độ 1",
                "Tiến độ: Dữ liệu và thông tin",
                "Tiến độ: Ứng dụng trí tuệ nhân tạo",
                "Đồng bộ gần nhất (UTC)",
            ],
        ),
        (
            "en",
            [
                "Name",
                "Unit",
                "Level 1 certified",
                "Progress: Data and information",
                "Progress: Applying artificial intelligence",
                "Last sync (UTC)",
            ],
        ),
    ):
        api.cookies.set("hocvu_lang", lang)
        response = api.get(f"/admin/export/learners.xlsx?unit={tokyo}")
        assert response.status_code == 200
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        sheet = book.worksheets[0]
        header = [cell.value for cell in sheet[1]]
        for wanted in headers:
            assert wanted in header, (lang, wanted, header)
        # No machine key and no area code where the admin reads the columns.
        assert not [h for h in header if re.search(r"_|\bA\d\b|\bLV\d\b", h)], header
        assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
        rows = sheet.iter_rows(min_row=2, values_only=True)
        names = sorted(row[header.index(headers[0])] for row in rows)
        assert names == sorted(signed_in.seeded.names[x] for x in signed_in.learners["tokyo"])
        text = read_csv(api.get(f"/admin/export/learners.csv?unit={tokyo}").content)
        assert text[0][:2] == ["learner_id", "name"] and "area_1_progress" in text[0]
