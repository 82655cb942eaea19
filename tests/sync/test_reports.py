"""The dashboard's numbers: computed from the statements ingest stored, checked
against counts made here in plain Python from what was pushed; and each function
keeps to its scope."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import uuid
import zipfile
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from sync.server import admin
from sync.server.admin_cli import main as admin_cli
from sync.server.ingest import prepare, store
from sync.server.models import Certificate, LearnerResult, Pack, Statement
from sync.server.reporting.assignments import assignment_status
from sync.server.reporting.curriculum import LEVELS
from sync.server.reporting.items import VARIED, ItemStat, item_analysis
from sync.server.reporting.learners import learner_detail, unit_detail
from sync.server.reporting.overview import overview
from sync.server.reporting.scope import OutOfScope
from sync.server.reporting.tables import export_table
from sync.server.reporting.versions import pack_versions
from sync.xapi import make_statement

from . import exams
from .conftest import CREATED, ROOT, bearer, enrol, make_pack
from .reporting_world import (
    AREAS,
    START,
    Ministry,
    Pushed,
    Pusher,
    Seeded,
    build_ministry,
    exam,
    level_pack_id,
    module_quiz,
    publish_levels,
)

TODAY = date(2026, 11, 22)


# ------------------------------------------------------------------ independent counts


def expected_first_passes(seeded: Seeded, learners: set[str]) -> dict[str, dict[int, datetime]]:
    """learner → level → earliest passed exam statement, straight from what was pushed."""
    firsts: dict[str, dict[int, datetime]] = {}
    for p in seeded.pushed:
        if p.learner_id in learners and p.kind == "exam" and p.verb == "passed" and p.success:
            level = int(p.pack_id.rsplit(".l", 1)[1])
            mine = firsts.setdefault(p.learner_id, {})
            if level not in mine or p.timestamp < mine[level]:
                mine[level] = p.timestamp
    return firsts


def learners_below(seeded: Seeded, root: int) -> set[str]:
    units = seeded.subtree(root)
    return {learner for learner, unit in seeded.learners.items() if unit in units}


def check_overview(session, seeded: Seeded, root: int) -> None:
    learners = learners_below(seeded, root)
    firsts = expected_first_passes(seeded, learners)
    got = overview(session, root, TODAY)
    assert got.learners == len(learners)
    for share in got.levels:
        certified = sum(1 for f in firsts.values() if share.level in f)
        assert share.certified == certified
        assert share.share == pytest.approx(certified / len(learners) if learners else 0)
        assert share.targets == (0.40, 1.00)
    for point in got.trend:
        month_end = (point.month.replace(day=28) + timedelta(days=4)).replace(day=1)
        cutoff = datetime(month_end.year, month_end.month, 1, tzinfo=UTC)
        for level in LEVELS:
            by_then = sum(1 for f in firsts.values() if level in f and f[level] < cutoff)
            assert point.shares[level] == pytest.approx(by_then / len(learners))
    if got.trend:
        assert got.trend[-1].month == TODAY.replace(day=1)
        first = min(t for f in firsts.values() for t in f.values())
        assert got.trend[0].month == first.date().replace(day=1)


# ------------------------------------------------------------------ property test


months = st.integers(min_value=0, max_value=16)
exam_events = st.lists(st.tuples(st.integers(1, 4), st.booleans(), months), min_size=0, max_size=4)
quiz_events = st.lists(
    st.tuples(st.integers(1, 4), st.sampled_from(AREAS), st.booleans(), months), max_size=6
)
world_shape = st.lists(  # departments → missions → learners' exam and module quiz attempts
    st.lists(st.lists(st.tuples(exam_events, quiz_events), max_size=3), min_size=1, max_size=3),
    min_size=1,
    max_size=3,
)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(shape=world_shape, pick=st.integers(0, 100))
def test_overview_shares_equal_a_count_of_the_pushed_passes(ctx, shape, pick):
    seeded = Seeded()
    pusher = Pusher(ctx, seeded)
    with ctx.db.write() as session:
        if not session.scalar(select(Pack.id).limit(1)):
            publish_levels(session)
        # Each example grows its own tree: scopes keep the examples apart.
        ministry = pusher.unit(session, "Bộ", "ministry", None)
        missions = []
        for d, department in enumerate(shape):
            dept = pusher.unit(session, f"Vụ {d}", "department", ministry)
            for m, people in enumerate(department):
                mission = pusher.unit(session, f"ĐSQ {d}.{m}", "mission", dept)
                missions.append(mission)
                for n, (exams, quizzes) in enumerate(people):
                    learner = pusher.learner(session, f"Cán bộ {d}.{m}.{n}", mission)
                    pusher.push(
                        session,
                        [
                            exam(learner, level, ok, START + timedelta(days=30 * month + n))
                            for level, ok, month in exams
                        ]
                        + [
                            module_quiz(
                                learner, level, area, ok, START + timedelta(days=30 * month)
                            )
                            for level, area, ok, month in quizzes
                        ],
                    )
    mission = missions[pick % len(missions)]
    with ctx.db.read() as session:
        check_overview(session, seeded, ministry)
        check_overview(session, seeded, mission)
        detail = unit_detail(session, mission, ministry)
    # Each learner's row: certified dates and area progress, counted from the pushes.
    firsts = expected_first_passes(seeded, set(seeded.learners))
    for row in detail.learners:
        assert row.certified == {
            level: firsts[row.learner_id][level].date()
            if level in firsts.get(row.learner_id, {})
            else None
            for level in LEVELS
        }
        passed = {
            (p.pack_id, p.local_id)
            for p in seeded.pushed
            if p.learner_id == row.learner_id and p.kind == "quiz" and p.verb == "passed"
        }
        # Every area has one module per level: four in all.
        assert row.areas == {
            area: sum(1 for _, quiz in passed if f"-a{area}-" in quiz) / 4 for area in AREAS
        }
    assert {row.learner_id for row in detail.learners} == {
        x for x, unit in seeded.learners.items() if unit == mission
    }


# ------------------------------------------------------------------ a fixed ministry


@pytest.fixture
def ministry(ctx) -> Ministry:
    return build_ministry(ctx)


def test_overview_of_the_ministry_and_of_a_mission_match_the_statements(ctx, ministry):
    with ctx.db.read() as session:
        check_overview(session, ministry.seeded, ministry.root)
        check_overview(session, ministry.seeded, ministry.tokyo)
        whole = overview(session, ministry.root, TODAY)
    # 3 of 6 certified at level 1, 1 at level 2.
    assert [(s.level, s.certified) for s in whole.levels] == [(1, 3), (2, 1), (3, 0), (4, 0)]
    assert whole.target_level == 1
    # Paris has 1 of 3 at level 1 (below 40 %); Tokyo 1 of 2, Seoul 1 of 1.
    behind = {b.unit.name: round(b.share, 3) for b in whole.behind}
    assert behind == {"ĐSQ Paris": 0.333, "Vụ Châu Âu": 0.333}


def test_certified_in_the_report_is_exactly_who_got_a_certificate(ctx, ministry):
    with ctx.db.read() as session:
        signed = {(c.learner_id, c.level) for c in session.scalars(select(Certificate))}
        rows = export_table(session, "learners", ministry.root, TODAY)
    level_columns = [rows.columns.index(f"level_{level}_certified") for level in LEVELS]
    reported = {
        (row[0], level)
        for row in rows.rows
        for level, column in zip(LEVELS, level_columns, strict=True)
        if row[column] is not None
    }
    assert (
        reported
        == signed
        == {
            (ministry.an, 1),
            (ministry.chi, 1),
            (ministry.chi, 2),
            (ministry.dung, 1),
        }
    )


def test_unit_drill_down_shows_children_and_the_units_own_learners(ctx, ministry):
    with ctx.db.read() as session:
        asia = unit_detail(session, ministry.asia, ministry.root)
        tokyo = unit_detail(session, ministry.tokyo, ministry.root)
    assert [u.name for u in asia.path] == ["Bộ Ngoại giao", "Vụ Châu Á"]
    assert [(c.unit.name, c.learners, c.levels[0].certified) for c in asia.children] == [
        ("ĐSQ Seoul", 1, 1),
        ("ĐSQ Tokyo", 2, 1),
    ]
    assert asia.learners == []
    rows = {r.name: r for r in tokyo.learners}
    assert set(rows) == {"Nguyễn Thị An", "Trần Văn Bình"}
    an, binh = rows["Nguyễn Thị An"], rows["Trần Văn Bình"]
    assert an.certified[1] == (START + timedelta(days=40)).date()
    assert an.certified[2] is None
    # Four levels of modules per area: An passed level 1 in every area.
    assert an.areas == dict.fromkeys(AREAS, 0.25)
    assert binh.areas == {1: 0.0, 2: 0.0, 3: 0.0, 4: 0.5, 5: 0.0, 6: 0.0}
    assert an.last_sync is not None


def test_learner_detail_lists_certificates_and_recent_activity(ctx, ministry):
    with ctx.db.read() as session:
        chi = learner_detail(session, ministry.chi, ministry.asia)
    assert chi.learner.name == "Lê Minh Chi"
    assert [u.name for u in chi.path] == ["Vụ Châu Á", "ĐSQ Seoul"]
    assert sorted(c.level for c in chi.certificates) == [1, 2]
    assert {(a.verb, a.kind, a.local_id) for a in chi.recent} == {
        ("completed", "exam", "l1-exam"),
        ("completed", "exam", "l2-exam"),
        ("passed", "exam", "l1-exam"),
        ("passed", "exam", "l2-exam"),
        ("answered", "item", "l1-a1-quiz/q1"),
        ("failed", "quiz", "l1-a1-quiz"),
    }


# ------------------------------------------------------------------ scope


def test_every_function_refuses_ids_outside_the_scope(ctx, ministry):
    with ctx.db.read() as session:
        with pytest.raises(OutOfScope):
            unit_detail(session, ministry.paris, ministry.tokyo)
        with pytest.raises(OutOfScope):
            unit_detail(session, ministry.root, ministry.asia)
        with pytest.raises(OutOfScope):
            unit_detail(session, 999_999, ministry.root)
        with pytest.raises(OutOfScope):
            learner_detail(session, ministry.dung, ministry.asia)
        for tampered in ("not-a-uuid", "00000000-0000-0000-0000-000000000000", "' OR 1=1 --"):
            with pytest.raises(OutOfScope):
                learner_detail(session, tampered, ministry.asia)
        for call in (
            lambda: overview(session, 999_999, TODAY),
            lambda: item_analysis(session, 999_999),
            lambda: assignment_status(session, 999_999, TODAY),
            lambda: export_table(session, "learners", 999_999),
            lambda: export_table(session, "audit", ministry.asia),
        ):
            with pytest.raises(OutOfScope):
                call()


def test_tables_of_a_scope_hold_only_its_learners(ctx, ministry):
    with ctx.db.read() as session:
        outside = {ministry.dung, ministry.em, ministry.giang}
        outside_names = {ministry.seeded.names[x] for x in outside}
        for name in ("learners", "certificates", "devices", "units", "assignments"):
            table = export_table(session, name, ministry.asia, TODAY)
            cells = {str(cell) for row in table.rows for cell in row}
            assert not cells & (outside | outside_names), name
            assert "ĐSQ Paris" not in cells
        learners = export_table(session, "learners", ministry.asia, TODAY)
    assert {row[0] for row in learners.rows} == {ministry.an, ministry.binh, ministry.chi}


# ------------------------------------------------------------------ item analysis


def write_quizzes(ctx, file: str, quizzes: dict[str, dict[str, str]]) -> None:
    """A pack file holding only compiled quizzes (slug → item id → type), where a
    `Pack` row of the report worlds points: all item analysis reads of it. A choice
    item has options a–d, b the key; a true/false item's key is true."""
    path = ctx.settings.data_dir / file
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w") as archive:
        for slug, items in quizzes.items():
            quiz = {
                "slug": slug,
                "title": {"vi": slug, "en": slug},
                "pass_mark": 0.8,
                "items": [_item(i, t) for i, t in items.items()],
            }
            archive.writestr(f"quizzes/{slug}.json", json.dumps(quiz))


def _item(item_id: str, kind: str) -> dict:
    item = {
        "id": item_id,
        "type": kind,
        "prompt": {"vi": f"Câu hỏi {item_id}", "en": f"Question {item_id}"},
    }
    if kind in ("single", "multiple"):
        item["options"] = [
            {"id": o, "text": {"vi": f"Phương án {o}", "en": f"Option {o}"}, "correct": o == "b"}
            for o in "abcd"
        ]
    elif kind == "true_false":
        item["answer"] = True
    return item


def write_level_1_quizzes(ctx) -> None:
    write_quizzes(ctx, "packs/l1-v1.hvpack", {"l1-a1-quiz": {"q1": "single", "q2": "true_false"}})


def test_item_analysis_counts_first_answers_and_each_options_share(ctx, ministry):
    write_level_1_quizzes(ctx)
    data_dir = ctx.settings.data_dir
    with ctx.db.read() as session:
        whole = {
            s.item_id: s
            for s in item_analysis(session, ministry.root, data_dir=data_dir, lang="en")
        }
        asia = {s.item_id: s for s in item_analysis(session, ministry.asia, data_dir=data_dir)}
        other = item_analysis(session, ministry.root, pack_id="vn.mofa.dl.l2", data_dir=data_dir)
        # Without the pack files the item is unknown: its id stands for its text, and
        # its wrong answers count as typed (c, by two learners in Asia, is withheld).
        unknown = {s.item_id: s for s in item_analysis(session, ministry.asia)}
    q1 = whole["l1-a1-quiz/q1"]
    assert (q1.pack_id, q1.pack_version, q1.answers, q1.correct) == (level_pack_id(1), 1, 6, 1)
    assert q1.question == "Question q1"
    assert q1.share_correct == pytest.approx(1 / 6)
    shares = {o.option_id: (o.text, o.correct, o.picks) for o in q1.options}
    assert shares == {
        "a": ("Option a", False, 3),
        "b": ("Option b", True, 1),
        "c": ("Option c", False, 2),
        "d": ("Option d", False, 0),
    }
    # Only Tokyo and Seoul answer in Asia's scope: c was chosen twice there.
    a1 = asia["l1-a1-quiz/q1"]
    assert a1.question == "Câu hỏi q1"
    assert (a1.answers, a1.correct) == (3, 1)
    assert {o.option_id: o.picks for o in a1.options} == {"a": 0, "b": 1, "c": 2, "d": 0}
    assert "l1-a1-quiz/q2" not in asia
    assert other == []
    blind = unknown["l1-a1-quiz/q1"]
    assert (blind.question, blind.free_text, blind.varied, blind.options) == (
        "l1-a1-quiz/q1",
        True,
        True,
        (),
    )


def test_item_analysis_names_nobody(ctx, ministry):
    fields = {f.name for f in dataclasses.fields(ItemStat)}
    assert not {f for f in fields if "learner" in f or "name" in f}
    with ctx.db.read() as session:
        table = export_table(session, "items", ministry.root, TODAY)
    people = set(ministry.seeded.learners) | set(ministry.seeded.names.values())
    cells = {str(cell) for row in table.rows for cell in row}
    assert not cells & people
    assert not any("learner" in c or "name" in c for c in table.columns)


# ------------------------------------------------------------------ assignments


def test_overdue_assignment_puts_a_unit_behind_schedule(ctx, ministry):
    with ctx.db.write() as session:
        admin.assign(session, "test", level_pack_id(1), ministry.asia, TODAY - timedelta(days=1))
        admin.assign(session, "test", level_pack_id(2), ministry.root, TODAY + timedelta(days=30))
    with ctx.db.read() as session:
        rows = assignment_status(session, ministry.asia, TODAY)
        whole = overview(session, ministry.root, TODAY)
        tokyo = assignment_status(session, ministry.tokyo, TODAY)
    by_pack = {r.pack_id: r for r in rows}
    # Asia: An and Chi passed the level-1 exam, Bình did not: overdue.
    l1 = by_pack[level_pack_id(1)]
    assert (l1.learners, l1.completed, l1.overdue) == (3, 2, True)
    l2 = by_pack[level_pack_id(2)]
    assert (l2.unit.name, l2.learners, l2.completed, l2.overdue) == ("Bộ Ngoại giao", 3, 1, False)
    behind = {b.unit.name: b.overdue for b in whole.behind}
    assert behind["ĐSQ Tokyo"] == 1 and behind["Vụ Châu Á"] == 1
    assert "ĐSQ Seoul" not in behind  # Chi passed: nothing overdue, 100 % certified
    assert [(r.learners, r.completed) for r in tokyo if r.pack_id == level_pack_id(1)] == [(2, 1)]


def test_pushing_the_same_statements_again_changes_no_number(ctx, ministry):
    def snapshot():
        with ctx.db.read() as session:
            results = sorted(session.execute(select(*LearnerResult.__table__.c)).all())
            return results, overview(session, ministry.root, TODAY)

    before = snapshot()
    with ctx.db.read() as session:
        bodies = session.scalars(select(Statement.body)).all()
    prepared, refused = prepare([json.loads(b) for b in bodies])
    with ctx.db.write() as session:
        again = store(
            session,
            prepared,
            learner_of={p: x for x, p in ministry.pusher.profiles.items()},
            device_id=None,
            xapi_client_id=None,
            now=datetime.now(UTC),
            grader=ctx.grader,
        )
    # The server's own result statements are refused from anyone else.
    assert {e["error"].split(" (")[0] for e in refused} == {"authority names the ministry server"}
    assert len(again.duplicates) + len(refused) == len(bodies) and not again.accepted
    assert snapshot() == before


def test_a_real_level_exam_graded_by_the_server_shows_in_the_overview(api, ctx, world):
    """End to end: the starter level-1 pack added as an admin adds it, a device enrolled
    and pushing over the API; its own exam pass counts for nothing, the server's grading
    of an attempt does, and the area moves."""
    pack = ROOT / "resources" / "packs" / "vn.mofa.dl.l1.hvpack"
    if not pack.exists():
        pytest.skip("the starter packs are built by scripts/setup.sh")
    exams.install_grading_key(ctx)
    added = admin.add_pack(ctx.db, "test", pack, ctx.settings.data_dir, ctx.roots)
    device = enrol(api, world.alice_code)
    common = {
        "profile_id": device["profile_id"],
        "pack_id": "vn.mofa.dl.l1",
        "pack_version": added.version,
        "app_version": "0.1.0",
        "device_id": "d",
        "completion": True,
    }
    forged = [
        # A module quiz passed with the score the app records (the progress rule asks
        # for the pass mark).
        make_statement(
            verb="passed", kind="quiz", local_id="l1-a4-quiz", success=True, score=0.9, **common
        ),
        make_statement(verb="passed", kind="exam", local_id="l1-exam", success=True, **common),
    ]

    def push(statements):
        response = api.post(
            "/api/v1/statements",
            json={"statements": statements},
            headers=bearer(device["device_token"]),
        )
        assert response.status_code == 200, response.text
        with ctx.db.read() as session:
            return overview(session, world.ministry, TODAY), unit_detail(
                session, world.mission, world.ministry
            ).learners

    view, _ = push(forged)
    assert (view.levels[0].level, view.levels[0].certified) == (1, 0)
    attempt = exams.attempt(
        exams.opened_exam(pack), device["profile_id"], version=added.version, pack=added.pack_id
    )
    view, rows = push(attempt.statements)
    assert view.learners == 2
    level_1 = view.levels[0]
    assert (level_1.level, level_1.certified, level_1.share) == (1, 1, 0.5)
    alice = next(r for r in rows if r.learner_id == world.alice)
    assert alice.certified[1] is not None
    assert alice.areas[4] == 1.0  # the only area-4 module on the server
    assert alice.devices == 1


# ------------------------------------------------------------------ pack versions held


def expected_versions(seeded: Seeded, root: int) -> dict[tuple[int, str], dict[int, int]]:
    """(unit, pack) → version → learners whose newest statement names it."""
    newest: dict[tuple[str, str], int] = {}
    for p in seeded.pushed:
        key = (p.learner_id, p.pack_id)
        newest[key] = max(newest.get(key, 0), p.pack_version)
    units = seeded.subtree(root)
    counts: dict[tuple[int, str], dict[int, int]] = {}
    for (learner, pack), version in newest.items():
        unit = seeded.learners[learner]
        if unit in units:
            mine = counts.setdefault((unit, pack), {})
            mine[version] = mine.get(version, 0) + 1
    return counts


def test_versions_learners_use_come_from_their_statements_and_keep_to_the_scope(ctx, ministry):
    with ctx.db.write() as session:
        publish_levels(session, levels=(1,), version=2)
    an_on_v2 = dataclasses.replace(
        module_quiz(ministry.an, 1, 2, True, START + timedelta(days=400)), pack_version=2
    )
    with ctx.db.write() as session:
        ministry.pusher.push(session, [an_on_v2])
    with ctx.db.read() as session:
        asia = pack_versions(session, ministry.asia)
        whole = pack_versions(session, ministry.root)
        only_l2 = pack_versions(session, ministry.root, level_pack_id(2))
    for rows, root in ((asia, ministry.asia), (whole, ministry.root)):
        got = {(r.unit.id, r.pack_id): r.learners for r in rows}
        assert got == expected_versions(ministry.seeded, root)
        assert all(r.devices == {} for r in rows)
    assert {r.unit.id for r in asia} == {ministry.tokyo, ministry.seoul}
    tokyo_l1 = next(r for r in asia if (r.unit.id, r.pack_id) == (ministry.tokyo, level_pack_id(1)))
    # An moved to v2, Bình is still on v1.
    assert (tokyo_l1.newest, tokyo_l1.learners, tokyo_l1.learners_behind) == (2, {2: 1, 1: 1}, 1)
    assert tokyo_l1.behind and tokyo_l1.versions == [2, 1]
    # Behind units of a pack come first.
    l1 = [r for r in whole if r.pack_id == level_pack_id(1)]
    assert [r.behind for r in l1] == sorted((r.behind for r in l1), reverse=True)
    assert {r.pack_id for r in only_l2} == {level_pack_id(2)}
    assert not any(r.behind for r in only_l2)
    with pytest.raises(OutOfScope):
        pack_versions(session, 999_999)


def test_assigned_pack_shows_for_staffed_units_below_even_when_nothing_was_seen(ctx, ministry):
    with ctx.db.write() as session:
        admin.assign(session, "test", level_pack_id(3), ministry.europe, None)
    with ctx.db.read() as session:
        rows = pack_versions(session, ministry.root, level_pack_id(3))
        table = export_table(session, "pack_versions", ministry.root, TODAY)
    # Europe has no learners of its own; Paris, below it, has.
    assert [(r.unit.id, r.assigned, r.seen) for r in rows] == [(ministry.paris, True, False)]
    line = next(row for row in table.rows if row[2] == level_pack_id(3))
    assert line == (ministry.paris, "ĐSQ Paris", level_pack_id(3), 1, None, 0, 0, False)


# ------------------------------------------------------------------ typed answers


DEMO = "vn.mofa.dl.demo"


def demo_attempt(learner: str, answers: list[tuple[str, str, bool]]) -> list[Pushed]:
    """Answers to items of the demo quiz in one attempt, ended by its (failed) result:
    item analysis counts a learner's first answer to each item of an ended attempt."""
    registration = str(uuid.uuid4())
    out = [
        Pushed(
            learner,
            "answered",
            DEMO,
            "item",
            f"demo-quiz/{item}",
            right,
            response,
            START,
            registration=registration,
        )
        for item, response, right in answers
    ]
    return [
        *out,
        Pushed(learner, "failed", DEMO, "quiz", "demo-quiz", False, None, START, 1, registration),
    ]


def push_demo_answers(ctx, dev, tmp_path, ministry: Ministry) -> None:
    """The example pack (one item of each type) uploaded as an admin does; typed and
    chosen wrong answers pushed for it."""
    pack = make_pack(dev, tmp_path / "demo.hvpack")
    admin.add_pack(ctx.db, "test", pack, ctx.settings.data_dir, ctx.roots, at=CREATED)
    an, binh, chi, dung = ministry.an, ministry.binh, ministry.chi, ministry.dung
    with ctx.db.write() as session:
        ministry.pusher.push(
            session,
            [
                # short answer: "ba" typed by three learners, a name by one; numeric: "1"
                # by two learners, "2" by one: nothing to show; a chosen option.
                *demo_attempt(an, [("second-factor", "ba", False), ("words", "1", False)]),
                *demo_attempt(binh, [("second-factor", "ba", False), ("words", "2", False)]),
                *demo_attempt(chi, [("second-factor", "ba", False), ("words", "1", False)]),
                *demo_attempt(dung, [("second-factor", "Nguyễn Thị Dung", False)]),
                *demo_attempt(ministry.em, [("second-factor", "hai", True)]),
                *demo_attempt(an, [("longest", "a", False)]),
                # Dũng retakes the quiz and types his name again: not a first answer.
                *demo_attempt(dung, [("second-factor", "Nguyễn Thị Dung", False)]),
            ],
        )


def test_typed_wrong_answers_show_only_once_three_learners_gave_them(ctx, ministry, dev, tmp_path):
    push_demo_answers(ctx, dev, tmp_path, ministry)
    data_dir = ctx.settings.data_dir
    with ctx.db.read() as session:
        whole = {
            s.item_id: s for s in item_analysis(session, ministry.root, DEMO, data_dir=data_dir)
        }
        tokyo = {
            s.item_id: s for s in item_analysis(session, ministry.tokyo, DEMO, data_dir=data_dir)
        }
    typed = whole["demo-quiz/second-factor"]
    # First answers only: Dũng's retake does not count. "ba", by three, is shown; the
    # name, typed by one learner, is not.
    assert (typed.free_text, typed.answers, typed.correct) == (True, 5, 1)
    assert (typed.top_wrong, typed.top_wrong_count, typed.varied) == ("ba", 3, False)
    numeric = whole["demo-quiz/words"]
    assert (numeric.free_text, numeric.top_wrong, numeric.varied) == (True, None, True)
    chosen = whole["demo-quiz/longest"]
    assert chosen.question == "Mật khẩu nào mạnh nhất?"
    assert chosen.free_text is False
    assert [(o.option_id, o.text, o.correct, o.picks) for o in chosen.options] == [
        ("a", "P@ss1", False, 1),
        ("b", "song-may-but-chi-42", True, 0),
        ("c", "12345678", False, 0),
    ]
    # In Tokyo only An and Bình typed "ba": two learners are not enough.
    assert (
        tokyo["demo-quiz/second-factor"].top_wrong,
        tokyo["demo-quiz/second-factor"].varied,
    ) == (None, True)
    assert {o.option_id: o.picks for o in tokyo["demo-quiz/longest"].options}["a"] == 1


def test_items_export_withholds_typed_answers_too(ctx, ministry, dev, tmp_path):
    push_demo_answers(ctx, dev, tmp_path, ministry)
    with ctx.db.read() as session:
        table = export_table(session, "items", ministry.root, TODAY, data_dir=ctx.settings.data_dir)
        blind = export_table(session, "items", ministry.root, TODAY)
    rows = {row[2]: dict(zip(table.columns, row, strict=True)) for row in table.rows}
    assert rows["demo-quiz/words"]["top_wrong_response"] == VARIED
    assert rows["demo-quiz/words"]["top_wrong_count"] is None
    assert rows["demo-quiz/second-factor"]["top_wrong_response"] == "ba"
    assert rows["demo-quiz/longest"]["free_text"] is False
    assert rows["demo-quiz/longest"]["options"] == (
        "P@ss1: 100 %; ✓ song-may-but-chi-42: 0 %; 12345678: 0 %"
    )
    for exported in (table, blind):
        cells = {str(cell) for row in exported.rows for cell in row}
        assert "Nguyễn Thị Dung" not in cells
    # Without the pack files even the one learner's response is withheld.
    blind_rows = {row[2]: dict(zip(blind.columns, row, strict=True)) for row in blind.rows}
    assert blind_rows["demo-quiz/longest"]["top_wrong_response"] == VARIED


def test_admin_report_items_at_the_command_line_reads_the_pack_files(
    ctx, ministry, dev, tmp_path, capsys
):
    """`hocvu admin report items` tells chosen options from typed answers as the
    dashboard does: the one learner's chosen option is shown, the typed name is not."""
    push_demo_answers(ctx, dev, tmp_path, ministry)
    target = tmp_path / "items.csv"
    base = ["--data-dir", str(ctx.settings.data_dir), "--database-url", ctx.settings.url]
    code = admin_cli([*base, "report", "items", "--unit", str(ministry.root), "-o", str(target)])
    assert code == 0, capsys.readouterr().err
    text = target.read_text("utf-8-sig")
    rows = {row["item_id"]: row for row in csv.DictReader(io.StringIO(text))}
    assert rows["demo-quiz/longest"]["options"].startswith("P@ss1: 100 %")
    assert rows["demo-quiz/second-factor"]["top_wrong_response"] == "ba"
    assert "Nguyễn Thị Dung" not in text
