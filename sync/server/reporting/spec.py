"""A report table declared once: its columns (the machine name CSV files carry, a
header in both languages, how the value is read from a report row, and what kind of
value it is) and where its rows come from. The dashboard's HTML tables read the
headers and kinds (for formatting), the downloads the raw values: a CSV file heads
its columns with the machine names (stable for the tools that read it, whatever the
admin's language), an XLSX file with the headers in the admin's language (a person
opens it)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from sync.server.reporting.targets import DEFAULT_TARGETS

# How a value reads: the HTML page formats by kind, the files keep the raw value.
KINDS = ("text", "int", "share", "date", "datetime", "bool", "number")


@dataclass(frozen=True)
class Table:
    """What CSV and XLSX files are written from: machine column names, raw rows and
    the headers a person reads (XLSX; empty: the machine names serve)."""

    columns: list[str]
    rows: list[tuple] = field(default_factory=list)
    headers: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Column:
    key: str
    header: dict[str, str]
    value: Callable[[Any], Any]
    kind: str = "text"


@dataclass(frozen=True)
class Query:
    """What a table's rows are computed from."""

    session: Session
    root: int
    today: date
    data_dir: Path | None = None
    pack_id: str | None = None
    # The server's grading keys: item analysis opens sealed exam items with them.
    grading_keys: Mapping[str, Any] | None = None
    # The language of texts read from packs (question and option texts).
    lang: str = "vi"
    # The certification targets (`reporting.targets`): the server's setting.
    targets: tuple = DEFAULT_TARGETS


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: tuple[Column, ...]
    rows: Callable[[Query], Iterable[Any]]

    def headers(self, lang: str) -> list[str]:
        return [c.header.get(lang) or c.header["en"] for c in self.columns]

    def file_headers(self, lang: str) -> list[str]:
        """The headers of a spreadsheet: files keep times in UTC (spreadsheets have no
        time zones), where a page shows the admin's zone, so the header says so."""
        return [
            f"{header} (UTC)" if c.kind == "datetime" else header
            for header, c in zip(self.headers(lang), self.columns, strict=True)
        ]

    def table(self, query: Query) -> Table:
        return Table(
            [c.key for c in self.columns],
            [tuple(c.value(row) for c in self.columns) for row in self.rows(query)],
            self.file_headers(query.lang),
        )


def col(key: str, vi: str, en: str, value: Callable[[Any], Any], kind: str = "text") -> Column:
    assert kind in KINDS, kind
    return Column(key, {"vi": vi, "en": en}, value, kind)


def attr(name: str) -> Callable[[Any], Any]:
    return lambda row: getattr(row, name)


def share(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
