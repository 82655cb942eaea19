"""The app and the dashboard show the same progress (issue 15).

Hypothesis writes learner histories as the app records them, through the learner
store: lessons opened and completed, module quiz attempts whose answers are checked
and sometimes re-checked, placement tests, level exams submitted. The learner's
laptop then syncs with a real server (uvicorn on a loopback port, SQLite and
PostgreSQL), which grades the exams; the app's figures per area and per level are
then compared with the learner page's, the unit page's and the learners export's:
equal, and certified exactly where the app counts a server-graded pass.
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from content import keys
from content.build import build_pack
from content.forms import draw_form
from content.library import Library
from desktop.catalog import Catalog
from desktop.store import Store
from hocvu.paths import development_dir
from sync.client import SyncClient, make_retry
from sync.engine import SyncEngine
from sync.server import admin
from sync.server.reporting.curriculum import AREAS, LEVELS
from sync.server.reporting.learners import learner_detail, unit_detail
from sync.server.reporting.tables import export_table
from tests.desktop.store.learner_logs import CHEAP_KDF, PASSPHRASE

from .exams import install_grading_key, opened_exam, public_response, right_answer, wrong_answer

COURSES = Path(__file__).resolve().parents[2] / "content" / "courses"
PACKS = ("level1", "level2", "placement")
EXAM_MINUTES = 30  # an honest pace: the server holds implausibly fast exams


@dataclass(frozen=True)
class Curriculum:
    files: dict[str, Path]
    library: Library
    catalog: Catalog


@pytest.fixture(scope="module")
def curriculum(tmp_path_factory) -> Curriculum:
    """Two level packs and the placement pack, built from the starter sources with the
    development key and installed as the app installs them."""
    out = tmp_path_factory.mktemp("progress-packs")
    trainer = keys.load_private(development_dir() / "DEVELOPMENT-ONLY-trainer.key", None)
    trust_bytes = (development_dir() / "trust.json").read_bytes()
    files = {}
    for name in PACKS:
        files[name] = out / f"{name}.hvpack"
        build_pack(COURSES / name, trainer, trust_bytes, files[name])
    from content import trust
    from hocvu.paths import root_key_files

    library = Library(out / "library", trust.load_roots(root_key_files()), [trust_bytes])
    for path in files.values():
        library.install(path)
    return Curriculum(files, library, Catalog.from_library(library))


@pytest.fixture
def ministry(ctx, curriculum):
    """The server with the same packs as the laptops and the grading key."""
    install_grading_key(ctx)
    for path in curriculum.files.values():
        admin.add_pack(ctx.db, "test", path, ctx.settings.data_dir, ctx.roots)
    with ctx.db.write() as session:
        top = admin.create_unit(session, "test", "Bộ Ngoại giao", "ministry", None).id
        mission = admin.create_unit(session, "test", "ĐSQ Tokyo", "mission", top).id
    return top, mission


# ------------------------------------------------------------------ histories

lessons = st.integers(0, 999)
quiz_attempts = st.tuples(
    st.integers(0, 999),  # which module
    st.lists(st.booleans(), min_size=1, max_size=10),  # first answers right?
    st.lists(st.booleans(), max_size=10),  # re-checked afterwards: right now?
)
placements = st.tuples(st.integers(0, 3), st.lists(st.booleans(), min_size=1, max_size=24))
actions = st.one_of(
    st.tuples(st.just("open"), lessons),
    st.tuples(st.just("complete"), lessons),
    st.tuples(st.just("quiz"), quiz_attempts),
    st.tuples(st.just("placement"), placements),
    st.tuples(st.just("exam"), st.booleans()),
)
histories = st.lists(actions, max_size=25)


class Learner:
    """A learner's laptop: the store, and the course as the app sees it."""

    def __init__(self, folder: Path, curriculum: Curriculum, opened_exam) -> None:
        self.store = Store.open(folder / "learner.db", kdf_params=CHEAP_KDF)
        self.me = self.store.create_profile("Nguyễn Thị An", PASSPHRASE)
        self.catalog = curriculum.catalog
        self.course = curriculum.catalog.course_map()
        self.exam = opened_exam
        self.modules = [m for m in self.catalog.modules() if m.quiz]
        self.lessons = self.catalog.lesson_sequence()

    def version(self, pack_id: str) -> int:
        return self.catalog.packs[pack_id].version

    def play(self, action) -> None:
        kind, what = action
        if kind in ("open", "complete"):
            ref = self.lessons[what % len(self.lessons)]
            self.me.lesson_opened(ref.pack_id, self.version(ref.pack_id), ref.slug)
            if kind == "complete":
                self.me.lesson_completed(ref.pack_id, self.version(ref.pack_id), ref.slug, 240)
        elif kind == "quiz":
            self.module_quiz(*what)
        elif kind == "placement":
            self.placement(*what)
        else:
            self.level_exam(what)

    def module_quiz(self, which: int, firsts: list[bool], rechecks: list[bool]) -> None:
        module = self.modules[which % len(self.modules)]
        quiz = self.catalog.quiz(module.pack_id, module.quiz)
        version = self.version(module.pack_id)
        items = [item.id for item in quiz.items][: len(firsts)]
        registration = self.me.attempt_started(module.pack_id, version, module.quiz)
        last = {}
        for item_id, right in zip(items, firsts, strict=False):
            self._answer(module.pack_id, module.quiz, item_id, right, registration)
            last[item_id] = right
        # An older app let a learner check an item again: the first answer counts.
        for item_id, right in zip(items, rechecks, strict=False):
            self._answer(module.pack_id, module.quiz, item_id, right, registration)
            last[item_id] = right
        score = sum(last.values()) / len(last)
        self.me.quiz_finished(
            module.pack_id, version, module.quiz, score, score >= quiz.pass_mark, registration
        )

    def placement(self, section: int, answers: list[bool]) -> None:
        pack = self.catalog.placement
        slug = pack.manifest["placement"]["quizzes"][section % 4]
        quiz = self.catalog.quiz(pack.pack_id, slug)
        registration = self.me.attempt_started(pack.pack_id, pack.version, slug, kind="placement")
        given_answers = list(zip(quiz.items, answers, strict=False))
        for item, right in given_answers:
            self._answer(pack.pack_id, slug, item.id, right, registration)
        score = sum(right for _, right in given_answers) / len(given_answers)
        self.me.quiz_finished(
            pack.pack_id, pack.version, slug, score, True, registration, kind="placement"
        )

    def _answer(self, pack_id: str, quiz: str, item_id: str, right: bool, registration: str):
        self.me.item_answered(
            pack_id,
            self.version(pack_id),
            quiz,
            item_id,
            "a" if right else "b",
            1.0 if right else 0.0,
            right,
            registration,
            20,
        )

    def level_exam(self, knows: bool) -> None:
        """The level 1 exam, every item answered right (or wrong) and submitted."""
        pack_id = "vn.mofa.dl.l1"
        slug = self.exam.public.slug
        form = draw_form(self.exam.public, uuid.uuid4().int % 2**31)
        registration = self.me.attempt_started(
            pack_id, self.version(pack_id), slug, kind="exam", form=form.to_json()
        )
        for item_id in form.item_ids:
            authored = self.exam.quiz.item(item_id)
            response = right_answer(authored) if knows else wrong_answer(authored)
            self.me.item_answered(
                pack_id,
                self.version(pack_id),
                slug,
                item_id,
                public_response(self.exam, item_id, response),
                None,
                None,
                registration,
                60,
            )
        self.me.exam_submitted(
            pack_id, self.version(pack_id), slug, registration, EXAM_MINUTES * 60
        )


def sync(learner: Learner, folder: Path, url: str | None = None, code: str | None = None):
    engine = SyncEngine(
        learner.me,
        work_dir=folder / "sync",
        client_factory=functools.partial(SyncClient, retry=make_retry(1, 0.05)),
    )
    if code is not None:
        engine.connect(url, code, "Laptop")
    report = engine.sync_once()
    assert not report.problems, report.problems
    return engine


def dashboard_figures(ctx, learner_id: str, unit: int, root: int) -> list[dict]:
    """The learner's figures as the learner page, the unit page and the learners
    export show them: per area and per level the share, and the certified levels."""
    with ctx.db.read() as session:
        page = learner_detail(session, learner_id).learner
        [row] = [r for r in unit_detail(session, unit).learners if r.learner_id == learner_id]
        table = export_table(session, "learners", root)
    exported = dict(
        zip(table.columns, next(r for r in table.rows if r[0] == learner_id), strict=True)
    )
    figures = [
        {
            "areas": {a: round(share, 4) for a, share in shown.areas.items()},
            "levels": {lv: round(share, 4) for lv, share in shown.levels.items()},
            "certified": {lv for lv, when in shown.certified.items() if when is not None},
        }
        for shown in (page, row)
    ]
    figures.append(
        {
            "areas": {a: exported[f"area_{a}_progress"] for a in AREAS},
            "levels": {lv: exported[f"level_{lv}_progress"] for lv in LEVELS},
            "certified": {lv for lv in LEVELS if exported[f"level_{lv}_certified"] is not None},
        }
    )
    return figures


def app_figures(learner: Learner) -> dict:
    return figures_of(learner.me.progress(learner.course))


def figures_of(progress) -> dict:
    """The app's figures (`desktop.store.Progress`) in the dashboard's terms."""
    return {
        "areas": {
            a: round(progress.areas[a].fraction, 4) if a in progress.areas else 0.0 for a in AREAS
        },
        "levels": {
            lv: round(progress.levels[lv].fraction, 4) if lv in progress.levels else 0.0
            for lv in LEVELS
        },
        "certified": {lv for lv, row in progress.levels.items() if row.certified},
    }


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(history=histories)
def test_the_app_and_the_dashboard_show_the_same_progress(
    ctx, live, ministry, curriculum, tmp_path_factory, history
):
    root, mission = ministry
    with ctx.db.write() as session:
        learner_id = admin.create_learner(session, "test", "Nguyễn Thị An", mission).id
        code = admin.create_enrolment_code(session, "test", learner_id, 14)
    folder = tmp_path_factory.mktemp("laptop")
    laptop = Learner(folder, curriculum, opened_exam(curriculum.files["level1"]))
    for action in history:
        laptop.play(action)
    sync(laptop, folder, live.url, code)
    # The server's results of the exams come back with the next sync, as on a laptop.
    sync(laptop, folder)
    mine = app_figures(laptop)
    for shown in dashboard_figures(ctx, learner_id, mission, root):
        assert shown == mine
    laptop.store.close()
