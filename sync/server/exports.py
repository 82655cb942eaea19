"""Report tables (`sync.server.reporting.spec.Table`) as CSV and XLSX files.

CSV is UTF-8 with a byte-order mark: without it Excel reads the file in the
machine's legacy code page and Vietnamese names come out garbled; its header line is
the machine column names, which tools rely on. XLSX (openpyxl, write-only so 20,000
rows stay cheap) is for people: a bold, frozen header row in the table's headers
(the admin's language), columns sized to their content, and dates and times as real
spreadsheet dates (UTC).

A text cell that starts like a formula (`=`, `+`, `-`, `@`) is written so that no
spreadsheet runs it: names and pack ids come from people, not from us.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, date, datetime

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from sync.server.reporting.spec import Table

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_WIDTH_SAMPLE = 200
_MAX_WIDTH = 60


def _utc(value: datetime) -> datetime:
    # Spreadsheets have no time zones: every time is written in UTC, which the
    # header says.
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return _utc(value).isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if text.startswith(_FORMULA_START) and isinstance(value, str):
        return "'" + text
    return text


def to_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([_csv_cell(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _shown(value) -> str:
    if isinstance(value, datetime):
        return "2026-01-01 00:00"
    if isinstance(value, date):
        return "2026-01-01"
    return "" if value is None else str(value)


def _header(table: Table) -> list[str]:
    return table.headers or table.columns


def _widths(table: Table) -> list[float]:
    widths = [len(c) + 2 for c in _header(table)]
    for row in table.rows[:_WIDTH_SAMPLE]:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], len(_shown(value)) + 2)
    return [min(w, _MAX_WIDTH) for w in widths]


def sheet_title(name: str) -> str:
    return (_SHEET_FORBIDDEN.sub("-", name).strip("'") or "report")[:31]


def _legal(text: str) -> str:
    """The text without the control characters a worksheet cannot hold (openpyxl refuses
    them), each shown as U+FFFD: an audit target or a name may carry one."""
    return ILLEGAL_CHARACTERS_RE.sub("\ufffd", text)


def to_xlsx(table: Table, name: str) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title(name))
    for i, width in enumerate(_widths(table), start=1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in _header(table):
        cell = WriteOnlyCell(sheet, value=_legal(column))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in table.rows:
        cells = []
        for value in row:
            if isinstance(value, datetime):
                cell = WriteOnlyCell(sheet, value=_utc(value))
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, str) and value.startswith("="):
                cell = WriteOnlyCell(sheet, value=_legal(value))
                cell.data_type = "s"
            elif isinstance(value, str):
                cell = _legal(value)
            else:
                cell = value
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
