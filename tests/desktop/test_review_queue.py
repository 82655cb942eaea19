"""Review as plain Python (no window): one queue across every installed pack whose count
is the session's size, grades that feed FSRS with the intervals the buttons show, and a
session that survives a lock without losing or double-grading a card."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from content.grading import encode_response
from content.quiz import Quiz
from desktop.catalog import Catalog
from desktop.review_queue import due_cards, due_count, interval_parts, is_due, reviewable
from desktop.review_session import AGAIN, EASY, GOOD, HARD, RATINGS, SAVED, ReviewSession
from desktop.store import Store
from desktop.store.review import ReviewItem, ReviewReplay, preview
from sync.progress import Fact
from sync.xapi import make_statement, verb_name
from tests.desktop.app_driver import CHEAP_KDF, PASSPHRASE, right_answer, wrong_answer

AN_HOUR_AGO = datetime.now(UTC) - timedelta(hours=1)


def _pack(path):
    with zipfile.ZipFile(path) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        quizzes = {
            name.removeprefix("quizzes/").removesuffix(".json"): Quiz.from_json(
                json.loads(archive.read(name))
            )
            for name in archive.namelist()
            if name.startswith("quizzes/")
        }
    return SimpleNamespace(
        pack_id=manifest["id"],
        version=manifest["version"],
        manifest=manifest,
        quiz=quizzes.__getitem__,
        quizzes=quizzes,
    )


@pytest.fixture(scope="session")
def two_packs(starter_packs):
    return _pack(starter_packs / "level1.hvpack"), _pack(starter_packs / "level2.hvpack")


@pytest.fixture
def catalog(two_packs) -> Catalog:
    return Catalog(list(two_packs))


@pytest.fixture
def learner(tmp_path):
    store = Store.open(tmp_path / "learners.sqlite", kdf_params=CHEAP_KDF)
    yield store.create_profile("Lan", PASSPHRASE)
    store.close()


def missed(learner, pack, quiz_slug: str, item_ids, at: datetime = AN_HOUR_AGO) -> None:
    """The learner answered these items wrong in a module quiz at `at`."""
    quiz = pack.quiz(quiz_slug)
    for n, item_id in enumerate(item_ids):
        item = quiz.item(item_id)
        learner.record(
            make_statement(
                profile_id=learner.profile_id,
                verb="answered",
                pack_id=pack.pack_id,
                kind="item",
                local_id=f"{quiz_slug}/{item_id}",
                pack_version=pack.version,
                app_version="test",
                device_id="test-device",
                registration="0f0f0f0f-0000-4000-8000-00000000000" + str(n % 10),
                score=0.0,
                success=False,
                response=encode_response(item, wrong_answer(item)),
                timestamp=(at + timedelta(seconds=n)).isoformat().replace("+00:00", "Z"),
            )
        )


def open_items(pack, quiz_slug: str, count: int) -> list[str]:
    return [i.id for i in pack.quiz(quiz_slug).items if i.sealed is None][:count]


def grade_all(session: ReviewSession, rating_of) -> list[int]:
    given_ = []
    while not session.finished:
        card = session.current
        wrong = rating_of(card) == AGAIN
        session.answer(wrong_answer(card.item) if wrong else right_answer(card.item))
        given_.append(rating_of(card))
        session.rate(given_[-1])
    return given_


# ---------------------------------------------------------------- one queue, counts add up


def test_one_session_holds_every_due_card_of_every_pack_and_home_counts_it(learner, catalog):
    level1, level2 = catalog.packs.values()
    missed(learner, level1, "l1-a1-quiz", open_items(level1, "l1-a1-quiz", 3))
    missed(learner, level2, "l2-a1-quiz", open_items(level2, "l2-a1-quiz", 4))
    assert due_count(learner, catalog) == 7
    session = ReviewSession.start(learner, catalog)
    assert session.total == 7
    assert {card.entry.pack_id for card in session.cards} == {level1.pack_id, level2.pack_id}
    assert len({card.key for card in session.cards}) == 7

    grade_all(session, lambda card: AGAIN if card.entry.pack_id == level1.pack_id else GOOD)
    summary = session.summary()
    assert summary.reviewed == 7 and summary.right == 4
    assert summary.by_rating == {AGAIN: 3, HARD: 0, GOOD: 4, EASY: 0}
    # Nothing graded is due again in the same sitting; the missed ones come back soonest.
    assert due_count(learner, catalog) == 0
    assert datetime.now(UTC) < summary.next_due <= datetime.now(UTC) + timedelta(minutes=1)
    assert learner.setting(SAVED) is None


def test_exam_items_and_items_no_longer_installed_never_count(learner, catalog, two_packs):
    level1, _ = two_packs
    missed(learner, level1, "l1-a1-quiz", open_items(level1, "l1-a1-quiz", 2))
    exam = level1.quiz("l1-exam")
    assert all(item.sealed is not None for item in exam.items)
    sealed = exam.items[0].id
    # An exam answer as an older app might have written it, with a score: still never due.
    learner.record(
        make_statement(
            profile_id=learner.profile_id,
            verb="answered",
            pack_id=level1.pack_id,
            kind="item",
            local_id=f"l1-exam/{sealed}",
            pack_version=1,
            app_version="test",
            device_id="d",
            score=0.0,
            success=False,
            response="x",
            timestamp=AN_HOUR_AGO.isoformat().replace("+00:00", "Z"),
        )
    )
    learner.record(
        make_statement(
            profile_id=learner.profile_id,
            verb="answered",
            pack_id="vn.mofa.removed",
            kind="item",
            local_id="gone-quiz/q1",
            pack_version=1,
            app_version="test",
            device_id="d",
            score=0.0,
            success=False,
            response="x",
            timestamp=AN_HOUR_AGO.isoformat().replace("+00:00", "Z"),
        )
    )
    assert len(learner.review_schedule()) == 4
    assert due_count(learner, catalog) == 2
    assert ReviewSession.start(learner, catalog).total == 2


def test_nothing_due_starts_no_session(learner, catalog):
    assert due_count(learner, catalog) == 0
    assert ReviewSession.start(learner, catalog) is None


def test_a_review_card_is_due_all_its_day_a_learning_card_only_when_its_time_comes():
    now = datetime.now(UTC).astimezone().replace(hour=9, minute=0).astimezone(UTC)
    later_today = now + timedelta(hours=8)
    tomorrow = now + timedelta(days=1)

    def entry(state: str, due: datetime) -> ReviewItem:
        return ReviewItem("p", "q", "i", due, state, 1.0, 5.0, 2, 0)

    assert is_due(entry("review", later_today), now)
    assert not is_due(entry("review", tomorrow), now)
    assert not is_due(entry("learning", now + timedelta(minutes=1)), now)
    assert is_due(entry("relearning", now), now)


# ---------------------------------------------------------------- grades and intervals


def test_grade_buttons_show_the_interval_the_schedule_then_uses(learner, catalog):
    level1 = next(iter(catalog.packs.values()))
    missed(learner, level1, "l1-a1-quiz", open_items(level1, "l1-a1-quiz", 4))
    session = ReviewSession.start(learner, catalog)
    for rating in (AGAIN, HARD, GOOD, EASY):
        card = session.current
        session.answer(right_answer(card.item))
        now = datetime.now(UTC)
        shown = session.previews(now)
        assert shown[AGAIN] <= shown[HARD] <= shown[GOOD] <= shown[EASY]
        session.rate(rating)
        after = next(i for i in learner.review_schedule() if i.local_id == card.entry.local_id)
        # Recorded a moment after the buttons were drawn: the same wait, give or take that.
        assert abs((after.due - now) - shown[rating]) < timedelta(seconds=5)
    graded = [
        s for s in learner.statements() if s["context"].get("registration") == session.registration
    ]
    assert [s["context"]["extensions"]["urn:hocvu:ext:review-rating"] for s in graded] == [
        1,
        2,
        3,
        4,
    ]


def test_a_wrong_answer_suggests_again_a_right_one_good(learner, catalog):
    level1 = next(iter(catalog.packs.values()))
    missed(learner, level1, "l1-a1-quiz", open_items(level1, "l1-a1-quiz", 2))
    session = ReviewSession.start(learner, catalog)
    assert session.suggested is None
    session.answer(wrong_answer(session.current.item))
    assert session.suggested == AGAIN
    # The first answer stands: checking again changes nothing.
    assert not session.answer(right_answer(session.current.item)).correct
    session.rate(AGAIN)
    session.answer(right_answer(session.current.item))
    assert session.suggested == GOOD


@pytest.mark.parametrize(
    ("delta", "said"),
    [
        (timedelta(seconds=20), (1, "minute")),
        (timedelta(minutes=10), (10, "minute")),
        (timedelta(hours=5), (5, "hour")),
        (timedelta(days=3, hours=2), (3, "day")),
        (timedelta(days=75), (2, "month")),
        (timedelta(days=800), (2, "year")),
    ],
)
def test_intervals_read_as_anki_says_them(delta, said):
    assert interval_parts(delta) == said


# ---------------------------------------------------------------- lock and resume


def test_a_session_resumes_after_a_lock_where_it_was_and_grades_nothing_twice(tmp_path, catalog):
    store = Store.open(tmp_path / "learners.sqlite", kdf_params=CHEAP_KDF)
    learner = store.create_profile("Lan", PASSPHRASE)
    level1, level2 = catalog.packs.values()
    missed(learner, level1, "l1-a2-quiz", open_items(level1, "l1-a2-quiz", 2))
    missed(learner, level2, "l2-a2-quiz", open_items(level2, "l2-a2-quiz", 2))
    session = ReviewSession.start(learner, catalog)
    first = session.current
    session.answer(right_answer(first.item))
    session.rate(GOOD)
    second = session.current
    session.answer(wrong_answer(second.item))  # checked, not yet graded
    order = session.order(second)
    learner.lock()

    again = store.unlock(learner.profile_id, PASSPHRASE)
    resumed = ReviewSession.resume(again, catalog)
    assert resumed.registration == session.registration
    assert (resumed.done, resumed.total) == (1, 4)
    assert resumed.current.key == second.key
    assert resumed.order(resumed.current) == order
    response, checked, _ = resumed.pending
    assert response == wrong_answer(second.item) and not checked.correct
    assert resumed.suggested == AGAIN
    resumed.rate(AGAIN)
    grade_all(resumed, lambda card: GOOD)
    answered = [
        s
        for s in again.statements()
        if verb_name(s) == "answered" and s["context"].get("registration") == session.registration
    ]
    assert len(answered) == 4
    assert len({s["object"]["id"] for s in answered}) == 4
    assert resumed.summary().by_rating == {AGAIN: 1, HARD: 0, GOOD: 3, EASY: 0}
    assert ReviewSession.resume(again, catalog) is None
    store.close()


def test_leaving_a_session_drops_it_and_its_cards_stay_due(learner, catalog):
    level1 = next(iter(catalog.packs.values()))
    missed(learner, level1, "l1-a3-quiz", open_items(level1, "l1-a3-quiz", 3))
    session = ReviewSession.start(learner, catalog)
    session.answer(right_answer(session.current.item))
    session.rate(EASY)
    session.abandon()
    assert ReviewSession.resume(learner, catalog) is None
    assert due_count(learner, catalog) == 2


# ---------------------------------------------------------------- properties


class LogLearner:
    """The store's boundary the queue and the session use, over an in-memory log with
    a clock the test moves (the real replay, the real session)."""

    def __init__(self, clock: datetime) -> None:
        self.clock = clock
        self.facts: list[Fact] = []
        self.settings: dict = {}
        self.replay = ReviewReplay()

    def review_schedule(self) -> list[ReviewItem]:
        return self.replay.schedule(sorted(self.facts, key=lambda f: (f.ts, f.id)))

    def item_answered(
        self, pack, _version, quiz, item, response, score, success, reg, _d, *, rating=None
    ):
        self.clock += timedelta(seconds=1)
        self.facts.append(
            Fact(
                self.clock,
                f"{len(self.facts):08d}",
                "answered",
                pack,
                "item",
                f"{quiz}/{item}",
                reg,
                score,
                success,
                response,
                None,
                None,
                None,
                1,
                rating,
            )
        )

    def answers_in(self, registration: str) -> dict:
        found: dict = {}
        for fact in self.facts:
            if fact.registration == registration:
                found.setdefault((fact.pack, fact.local), fact)
        return found

    def setting(self, name, default=None):
        return self.settings.get(name, default)

    def set_setting(self, name, value) -> None:
        self.settings[name] = value


histories = st.lists(
    st.tuples(
        st.integers(0, 11),  # which item
        st.sampled_from((None, *RATINGS)),  # None: a quiz answer (wrong), else a review grade
        st.integers(1, 60 * 24 * 40),  # minutes since the previous answer
    ),
    min_size=1,
    max_size=30,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(history=histories, grades=st.lists(st.sampled_from(RATINGS), min_size=12, max_size=12))
def test_property_counts_add_up_no_card_twice_and_due_dates_rise_with_the_grade(
    two_packs, history, grades
):
    level1, _ = two_packs
    catalog = Catalog([level1])
    items = [i.id for i in level1.quiz("l1-a1-quiz").items if i.sealed is None][:12]
    learner = LogLearner(datetime(2026, 1, 5, 8, tzinfo=UTC))
    for n, (which, rating, minutes) in enumerate(history):
        learner.clock += timedelta(minutes=minutes)
        learner.item_answered(
            level1.pack_id,
            1,
            "l1-a1-quiz",
            items[which % len(items)],
            "x",
            0.0 if rating in (None, AGAIN) else 1.0,
            rating not in (None, AGAIN),
            f"history-{n}",
            None,
            rating=rating,
        )
    learner.clock += timedelta(days=1)
    now = learner.clock
    schedule = learner.review_schedule()

    # Due dates rise with the grade, whatever the card's state.
    for entry in schedule:
        shown = preview(entry, now)
        assert shown[AGAIN] <= shown[HARD] <= shown[GOOD] <= shown[EASY]

    # Counts add up: due and not due make up the reviewable cards; the session holds the due.
    cards = reviewable(schedule, catalog)
    due = due_cards(schedule, catalog, now)
    assert len(due) + sum(1 for c in cards if not is_due(c.entry, now)) == len(cards)
    session = ReviewSession.start(learner, catalog, now)
    event("cards due: " + ("none" if not due else "one" if len(due) == 1 else "several"))
    if not due:
        assert session is None
        return
    assert session.total == len(due) == due_count(learner, catalog, now)
    assert len({card.key for card in session.cards}) == session.total

    # No card twice: each is graded once, and then none is due in the same sitting.
    seen = []
    while not session.finished:
        card = session.current
        seen.append(card.key)
        rating = grades[len(seen) % len(grades)]
        session.answer(wrong_answer(card.item) if rating == AGAIN else right_answer(card.item))
        session.rate(rating)
    assert len(seen) == len(set(seen)) == len(due)
    assert len(learner.answers_in(session.registration)) == len(due)
    summary = session.summary()
    assert sum(summary.by_rating.values()) == summary.reviewed == len(due)
    assert due_count(learner, catalog, now) == 0


def test_i_dont_know_shows_the_answer_suggests_again_and_survives_a_lock(tmp_path, catalog):
    store = Store.open(tmp_path / "learners.sqlite", kdf_params=CHEAP_KDF)
    learner = store.create_profile("Lan", PASSPHRASE)
    level1 = next(iter(catalog.packs.values()))
    # Items whose responses are sets, lists or mappings: "no answer" must fit each.
    kinds = {}
    for slug in level1.quizzes:
        for item in level1.quiz(slug).items:
            if item.sealed is None and item.type in ("multiple", "ordering", "matching"):
                kinds.setdefault(item.type, (slug, item.id))
    for slug, item_id in kinds.values():
        missed(learner, level1, slug, [item_id])
    session = ReviewSession.start(learner, catalog)
    assert session.total == len(kinds) >= 2
    assert not session.answer(None).correct and session.suggested == AGAIN
    learner.lock()
    learner = store.unlock(learner.profile_id, PASSPHRASE)
    resumed = ReviewSession.resume(learner, catalog)
    assert resumed.pending[0] is None and resumed.suggested == AGAIN
    resumed.rate(AGAIN)
    while not resumed.finished:
        resumed.answer(None)
        resumed.rate(AGAIN)
    answered = [
        s for s in learner.statements() if s["context"].get("registration") == session.registration
    ]
    assert [s["result"]["response"] for s in answered] == [""] * len(kinds)
    store.close()
