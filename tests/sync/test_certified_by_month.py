"""Per unit, the certified share at the end of each month against the targets in
force: figures counted here by hand from a small history pushed through ingest, on
SQLite and PostgreSQL."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import event, select, update

from sync.server import admin
from sync.server.models import Certificate, Learner
from sync.server.reporting.monthly import certified_by_month
from sync.server.reporting.scope import OutOfScope
from sync.server.reporting.tables import export_table
from sync.server.reporting.targets import (
    DEFAULT_TARGETS,
    BadTargets,
    Target,
    in_force,
    parse_targets,
)
from sync.server.revocations import revoke_certificate

from .dashboard_world import PASSWORD, log_in
from .reporting_world import Pusher, Seeded, exam, publish_levels

TODAY = date(2026, 6, 15)
MONTHS = [date(2026, m, 1) for m in range(1, 7)]


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.fixture
def history(ctx):
    """Ministry → Asia → Tokyo, Seoul and Hanoi-office (never any learner).

    Tokyo: An (enrolled 10 Jan, level 1 on 15 Feb), Bình (20 Jan, level 1 on 31 March
    at 23:30 UTC), Chi (5 March, level 2 on 2 April, revoked later), Dũng (enrolled
    5 March in Seoul, level 1 on 10 May, moved to Tokyo). Seoul is left empty."""
    pusher = Pusher(ctx, Seeded())
    with ctx.db.write() as session:
        publish_levels(session)
        root = pusher.unit(session, "Bộ Ngoại giao", "ministry", None)
        asia = pusher.unit(session, "Vụ Châu Á", "department", root)
        tokyo = pusher.unit(session, "ĐSQ Tokyo", "mission", asia)
        seoul = pusher.unit(session, "ĐSQ Seoul", "mission", asia)
        empty = pusher.unit(session, "Văn phòng Hà Nội", "mission", root)
        enrolled = {
            pusher.learner(session, "Nguyễn Thị An", tokyo): at("2026-01-10 08:00"),
            pusher.learner(session, "Trần Văn Bình", tokyo): at("2026-01-20 08:00"),
            pusher.learner(session, "Lê Minh Chi", tokyo): at("2026-03-05 08:00"),
            pusher.learner(session, "Phạm Dũng", seoul): at("2026-03-05 09:00"),
        }
        an, binh, chi, dung = enrolled
        for learner, when in enrolled.items():
            session.execute(update(Learner).where(Learner.id == learner).values(created=when))
        pusher.push(
            session,
            [
                exam(an, 1, False, at("2026-01-30 10:00")),
                exam(an, 1, True, at("2026-02-15 10:00")),
                exam(binh, 1, True, at("2026-03-31 23:30")),
                exam(chi, 2, True, at("2026-04-02 10:00")),
                exam(dung, 1, True, at("2026-05-10 10:00")),
            ],
        )
    return {
        "root": root,
        "asia": asia,
        "tokyo": tokyo,
        "seoul": seoul,
        "empty": empty,
        "chi": chi,
        "dung": dung,
    }


def figures(session, unit: int, root: int, targets=DEFAULT_TARGETS):
    report = certified_by_month(session, unit, root, TODAY, targets)
    return [
        (
            m.month,
            m.learners,
            m.certified,
            None if m.share is None else round(m.share, 4),
            m.target.share,
            m.met,
        )
        for m in report.months
    ]


def revoke_and_move(ctx, history) -> None:
    with ctx.db.write() as session:
        certificate = session.scalar(
            select(Certificate).where(Certificate.learner_id == history["chi"])
        )
        revoke_certificate(session, "test", certificate.id, "issued in error")
        session.execute(
            update(Learner).where(Learner.id == history["dung"]).values(unit_id=history["tokyo"])
        )


def test_monthly_share_counts_enrolled_learners_and_first_certifications(ctx, history):
    with ctx.db.read() as session:
        tokyo = figures(session, history["tokyo"], history["root"])
        seoul = figures(session, history["seoul"], history["root"])
    # Chi's level-2 pass (April) still counts; Dũng is still in Seoul.
    assert tokyo == [
        (MONTHS[0], 2, 0, 0.0, 0.4, False),
        # An certified: 1 of 2; the 40 % target is met.
        (MONTHS[1], 2, 1, 0.5, 0.4, True),
        # Chi enrolled; Bình's pass at 23:30 UTC on 31 March is March's.
        # 40 % was reached in February: the target is now 100 %.
        (MONTHS[2], 3, 2, 0.6667, 1.0, False),
        (MONTHS[3], 3, 3, 1.0, 1.0, True),
        (MONTHS[4], 3, 3, 1.0, 1.0, True),
        (MONTHS[5], 3, 3, 1.0, 1.0, True),
    ]
    assert seoul == [
        (MONTHS[0], 0, 0, None, 0.4, None),
        (MONTHS[1], 0, 0, None, 0.4, None),
        (MONTHS[2], 1, 0, 0.0, 0.4, False),
        (MONTHS[3], 1, 0, 0.0, 0.4, False),
        (MONTHS[4], 1, 1, 1.0, 0.4, True),
        (MONTHS[5], 1, 1, 1.0, 1.0, True),
    ]


def test_a_revoked_certificate_and_a_moved_learner_change_every_month(ctx, history):
    revoke_and_move(ctx, history)
    with ctx.db.read() as session:
        tokyo = figures(session, history["tokyo"], history["root"])
        seoul = figures(session, history["seoul"], history["root"])
        asia = figures(session, history["asia"], history["root"])
    # Chi no longer certified in any month; Dũng counts in Tokyo from March, when
    # enrolled (the server keeps no history of units), and Seoul is empty.
    assert tokyo == [
        (MONTHS[0], 2, 0, 0.0, 0.4, False),
        (MONTHS[1], 2, 1, 0.5, 0.4, True),
        (MONTHS[2], 4, 2, 0.5, 1.0, False),
        (MONTHS[3], 4, 2, 0.5, 1.0, False),
        (MONTHS[4], 4, 3, 0.75, 1.0, False),
        (MONTHS[5], 4, 3, 0.75, 1.0, False),
    ]
    assert asia == tokyo
    assert [(m[1], m[3], m[5]) for m in seoul] == [(0, None, None)] * 6


def test_a_unit_without_learners_shows_no_share_in_any_month(ctx, history):
    with ctx.db.read() as session:
        empty = certified_by_month(session, history["empty"], history["root"], TODAY)
        # Seen from its own scope, the months start at this month.
        alone = certified_by_month(session, history["empty"], history["empty"], TODAY)
    assert [m.month for m in empty.months] == MONTHS
    assert {(m.learners, m.share, m.met) for m in empty.months} == {(0, None, None)}
    assert [(m.month, m.share) for m in alone.months] == [(MONTHS[5], None)]


def test_dated_targets_move_on_to_100_percent_after_the_first_date(ctx, history):
    targets = parse_targets("40%:2026-02-28,100%:2026-12-31")
    with ctx.db.read() as session:
        seoul = figures(session, history["seoul"], history["root"], targets)
    # Seoul missed 40 % by 28 February (no learner yet): from March the plan asks 100 %.
    assert [(m[0], m[4], m[5]) for m in seoul] == [
        (MONTHS[0], 0.4, None),
        (MONTHS[1], 0.4, None),
        (MONTHS[2], 1.0, False),
        (MONTHS[3], 1.0, False),
        (MONTHS[4], 1.0, True),
        (MONTHS[5], 1.0, True),
    ]


def test_export_table_has_a_line_per_month_with_the_target(ctx, history):
    revoke_and_move(ctx, history)
    targets = parse_targets("40%:2026-02-28,100%:2026-12-31")
    with ctx.db.read() as session:
        table = export_table(
            session, "certified_by_month", history["tokyo"], TODAY, targets=targets
        )
        empty = export_table(session, "certified_by_month", history["empty"], TODAY)
    assert table.columns == [
        "unit_id",
        "unit",
        "month",
        "learners",
        "certified",
        "share",
        "target",
        "target_due",
        "target_met",
    ]
    assert [row[2:] for row in table.rows] == [
        ("2026-01", 2, 0, 0.0, 0.4, date(2026, 2, 28), False),
        ("2026-02", 2, 1, 0.5, 0.4, date(2026, 2, 28), True),
        ("2026-03", 4, 2, 0.5, 1.0, date(2026, 12, 31), False),
        ("2026-04", 4, 2, 0.5, 1.0, date(2026, 12, 31), False),
        ("2026-05", 4, 3, 0.75, 1.0, date(2026, 12, 31), False),
        ("2026-06", 4, 3, 0.75, 1.0, date(2026, 12, 31), False),
    ]
    assert {row[1] for row in table.rows} == {"ĐSQ Tokyo"}
    # Its own scope: this month only, no share, nothing met or missed.
    assert [row[2:] for row in empty.rows] == [("2026-06", 0, 0, None, 0.4, None, None)]


def test_a_unit_outside_the_scope_is_refused(ctx, history):
    with ctx.db.read() as session, pytest.raises(OutOfScope):
        certified_by_month(session, history["tokyo"], history["empty"], TODAY)


def test_the_number_of_queries_does_not_grow_with_the_learners(ctx, history):
    def count_queries(unit: int) -> int:
        seen = []
        engine = ctx.db.engine

        def note(*_args) -> None:
            seen.append(1)

        event.listen(engine, "before_cursor_execute", note)
        try:
            with ctx.db.read() as session:
                certified_by_month(session, unit, history["root"], TODAY)
        finally:
            event.remove(engine, "before_cursor_execute", note)
        return len(seen)

    # Seoul has one learner, the ministry four.
    assert count_queries(history["seoul"]) == count_queries(history["root"])


def test_targets_are_read_from_their_text_or_refused_with_an_example():
    assert parse_targets(None) == parse_targets("") == DEFAULT_TARGETS
    assert parse_targets("40%:2027-06-30, 100%:2028-12-31") == (
        Target(0.4, date(2027, 6, 30)),
        Target(1.0, date(2028, 12, 31)),
    )
    assert parse_targets("0.5,1") == (Target(0.5), Target(1.0))
    for bad in ("40", "forty%", "40%:2027-13-01", "100%,40%", "40%:2028-01-01,100%:2027-01-01"):
        with pytest.raises(BadTargets, match=r"e\.g\. 40%"):
            parse_targets(bad)


def test_the_target_in_force_follows_what_was_reached_and_what_is_past():
    dated = parse_targets("40%:2027-06-30,100%:2028-12-31")
    # Not reached, not past: 40 %; reached: 100 %; 40 % date past: 100 %.
    assert in_force(dated, date(2027, 6, 1), 0.1).share == 0.4
    assert in_force(dated, date(2027, 6, 1), 0.4).share == 1.0
    assert in_force(dated, date(2027, 7, 1), 0.1).share == 1.0
    # Every date past: the last target stays.
    assert in_force(dated, date(2029, 1, 1), 0.1).share == 1.0
    assert in_force(DEFAULT_TARGETS, date(2040, 1, 1), None).share == 0.4


# ------------------------------------------------------------------ the unit page


def _month_rows(page: str) -> dict[str, list[str]]:
    table = page.split('id="months-table"')[1].split("</table>")[0]
    rows = {}
    for row in re.findall(r"<tr><td>(\d{4}-\d{2})</td>(.*?)</tr>", table, re.S):
        rows[row[0]] = [
            html.unescape(re.sub(r"<[^>]+>", "", c)).strip()
            for c in re.findall(r"<td[^>]*>(.*?)</td>", row[1], re.S)
        ]
    return rows


def test_unit_page_shows_the_months_against_the_targets_in_both_languages(api, ctx, history):
    ctx.settings.targets = parse_targets("40%:2026-02-28,100%:2026-12-31")
    revoke_and_move(ctx, history)
    with ctx.db.write() as session:
        admin.create_admin(session, "test", "bo", PASSWORD, "ministry_admin", history["root"])
    assert log_in(api, "bo").status_code == 303
    vi = api.get(f"/admin/units/{history['tokyo']}").text
    rows = _month_rows(vi)
    # Learners, certified, share, target, result.
    assert rows["2026-02"] == ["2", "1", "50 %", "40 %", "Đạt"]
    assert rows["2026-05"] == ["4", "3", "75 %", "100 %", "Chưa đạt"]
    assert "40 % trước ngày 2026-02-28, sau đó 100 % trước ngày 2026-12-31" in vi
    # The chart: the share and the dashed target line.
    chart = vi.split('id="months"')[1].split("</svg>")[0]
    assert "Tỷ lệ có chứng nhận so với mục tiêu" in chart and "stroke-dasharray" in chart
    assert "/export/certified_by_month.xlsx?unit=" in vi

    api.get("/admin/lang/en?next=/admin/")
    empty = api.get(f"/admin/units/{history['seoul']}").text
    assert "Officials certified, by month" in empty
    assert "40 % by 2026-02-28, then 100 % by 2026-12-31" in empty
    assert {tuple(cells) for cells in _month_rows(empty).values()} == {
        ("0", "–", "–", "40 %", "–"),
        ("0", "–", "–", "100 %", "–"),
    }

    download = api.get(f"/admin/export/certified_by_month.csv?unit={history['tokyo']}")
    assert download.status_code == 200
    lines = download.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("unit_id,unit,month,learners,certified,share,target")
    assert any(line.endswith("2026-05,4,3,0.75,1.0,2026-12-31,false") for line in lines)


# ------------------------------------------------------------------ the command lines


def test_targets_at_the_command_lines(ctx, history, tmp_path, capsys):
    from sync.server.admin_cli import main as admin_cli
    from sync.server.cli import main as server_cli

    # A server given targets it cannot read does not start.
    assert server_cli(["--data-dir", str(tmp_path / "x"), "--targets", "40%,30%"]) == 2
    assert "higher than the one before" in capsys.readouterr().err

    base = ["--data-dir", str(ctx.settings.data_dir), "--database-url", ctx.settings.url]
    target = tmp_path / "months.csv"
    report = [*base, "report", "certified_by_month", "--unit", str(history["seoul"])]
    code = admin_cli([*report, "-o", str(target), "--targets", "50%:2026-03-31,100%"])
    assert code == 0, capsys.readouterr().err
    lines = target.read_text("utf-8-sig").splitlines()
    # Seoul in March: its one learner not certified, against 50 % due 31 March.
    assert any(line.endswith("2026-03,1,0,0.0,0.5,2026-03-31,false") for line in lines)
    assert admin_cli([*report, "-o", str(target), "--targets", "half"]) == 1
    assert "is not a share" in capsys.readouterr().err
