"""Item analysis on first answers: numbers computed by hand from a small class, and the
statistics checked against a direct computation on any data (hypothesis)."""

from __future__ import annotations

import json
import math
import statistics
import uuid
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync.server.ingest import prepare, store
from sync.server.reporting import item_stats
from sync.server.reporting.items import item_analysis
from sync.xapi import make_statement

from .reporting_world import Pusher, Seeded, level_pack_id, publish_levels

QUIZ = "l1-a1-quiz"
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _write_quiz(ctx) -> None:
    """Three single-choice items, key a, distractors b and c."""
    path = ctx.settings.data_dir / "packs/l1-v1.hvpack"
    path.parent.mkdir(parents=True, exist_ok=True)
    items = [
        {
            "id": f"q{n}",
            "type": "single",
            "prompt": {"vi": f"Câu {n}?", "en": f"Question {n}?"},
            "options": [
                {"id": o, "text": {"vi": f"Ý {o}", "en": f"Choice {o}"}, "correct": o == "a"}
                for o in "abc"
            ],
        }
        for n in (1, 2, 3)
    ]
    quiz = {"slug": QUIZ, "title": {"vi": "Q", "en": "Q"}, "pass_mark": 0.8, "items": items}
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(f"quizzes/{QUIZ}.json", json.dumps(quiz))


def _attempt(profile: str, responses: dict[str, str], at: datetime) -> list[dict]:
    """One attempt as the app records it: attempted (with its form), the answers (a
    re-check of q1 after the first answer), then the result."""
    registration = str(uuid.uuid4())
    common = {
        "profile_id": profile,
        "pack_id": level_pack_id(1),
        "pack_version": 1,
        "app_version": "0.1.0",
        "device_id": "test-device",
        "registration": registration,
    }

    def stamp(seconds: int) -> str:
        return (at + timedelta(seconds=seconds)).isoformat().replace("+00:00", "Z")

    form = {"quiz": QUIZ, "seed": 7, "items": [{"id": f"q{n}", "order": []} for n in (1, 2, 3)]}
    out = [
        make_statement(
            verb="attempted",
            kind="quiz",
            local_id=QUIZ,
            timestamp=stamp(0),
            extensions={"urn:hocvu:ext:form": form},
            **common,
        )
    ]
    right = 0
    for n, (item, response) in enumerate(responses.items(), start=1):
        ok = response == "a"
        right += ok
        out.append(
            make_statement(
                verb="answered",
                kind="item",
                local_id=f"{QUIZ}/{item}",
                response=response,
                success=ok,
                score=1.0 if ok else 0.0,
                timestamp=stamp(10 * n),
                **common,
            )
        )
    # A practice re-check: the learner changes q1 to the key after seeing feedback.
    out.append(
        make_statement(
            verb="answered",
            kind="item",
            local_id=f"{QUIZ}/q1",
            response="a",
            success=True,
            score=1.0,
            timestamp=stamp(50),
            **common,
        )
    )
    score = right / 3
    out.append(
        make_statement(
            verb="passed" if score >= 0.8 else "failed",
            kind="quiz",
            local_id=QUIZ,
            score=score,
            success=score >= 0.8,
            timestamp=stamp(60),
            **common,
        )
    )
    return out


@pytest.fixture
def four_learners(ctx):
    seeded = Seeded()
    pusher = Pusher(ctx, seeded)
    with ctx.db.write() as session:
        publish_levels(session, levels=(1,))
        root = pusher.unit(session, "Bộ", "ministry", None)
        mission = pusher.unit(session, "ĐSQ", "mission", root)
        people = [pusher.learner(session, f"Học viên {n}", mission) for n in range(4)]
    _write_quiz(ctx)
    histories = [
        {"q1": "a", "q2": "a", "q3": "a"},
        {"q1": "a", "q2": "b", "q3": "c"},
        {"q1": "b", "q2": "a", "q3": "a"},
        {"q1": "b", "q2": "c", "q3": "a"},
    ]
    statements = []
    for learner, history in zip(people, histories, strict=True):
        statements += _attempt(pusher.profiles[learner], history, START)
    # The second learner retakes the quiz and now gets q1 wrong: not a first answer.
    statements += _attempt(pusher.profiles[people[1]], {"q1": "c"}, START + timedelta(days=2))
    prepared, errors = prepare(statements)
    assert not errors, errors
    with ctx.db.write() as session:
        store(
            session,
            prepared,
            learner_of={p: x for x, p in pusher.profiles.items()},
            device_id=None,
            xapi_client_id=None,
            now=datetime.now(UTC),
            grader=None,
        )
    return root


def test_first_answers_give_hand_computed_share_discrimination_and_option_shares(
    ctx, four_learners
):
    with ctx.db.read() as session:
        stats = {
            s.item_id: s
            for s in item_analysis(
                session, four_learners, data_dir=ctx.settings.data_dir, lang="en"
            )
        }
    q1 = stats[f"{QUIZ}/q1"]
    assert q1.question == "Question 1?"
    # First answers a, a, b, b: the re-checks to a and the retake's c do not count.
    assert (q1.answers, q1.share_correct) == (4, 0.5)
    assert [(o.text, o.correct, o.picks, o.share) for o in q1.options] == [
        ("Choice a", True, 2, 0.5),
        ("Choice b", False, 2, 0.5),
        ("Choice c", False, 0, 0.0),
    ]
    # q1 scores 1,1,0,0 against the rest of each attempt 1, 0, 1, 0.5:
    # r = (4·1 − 2·2.5) / √((4·2 − 2²)(4·2.25 − 2.5²)) = −1/√11.
    assert q1.discrimination == pytest.approx(-1 / math.sqrt(11))
    q3 = stats[f"{QUIZ}/q3"]
    # q3 scores 1,0,1,1 against rests 1, 0.5, 0.5, 0.
    x, y = [1, 0, 1, 1], [1, 0.5, 0.5, 0]
    assert q3.share_correct == 0.75
    assert q3.discrimination == pytest.approx(statistics.correlation(x, y))
    # Four answers are below the minimum for flags, though q1 discriminates negatively
    # and c of q1 drew nobody.
    assert q1.flags == () and item_stats.MIN_ANSWERS_FOR_FLAGS > 4


def test_flags_follow_the_thresholds_once_enough_learners_answered():
    n = item_stats.MIN_ANSWERS_FOR_FLAGS
    assert item_stats.flags(n, 0.96, 0.3, 0) == ("too_easy",)
    assert item_stats.flags(n, 0.95, 0.3, 0) == ()
    assert item_stats.flags(n, 0.19, -0.1, 1) == (
        "too_hard",
        "negative_discrimination",
        "unused_distractor",
    )
    assert item_stats.flags(n - 1, 0.0, -1.0, 2) == ()


answers = st.lists(
    st.tuples(st.sampled_from([0.0, 1.0, 0.5]), st.floats(0, 1, allow_nan=False)),
    min_size=0,
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(answers)
def test_point_biserial_from_sums_equals_the_correlation_of_the_answers(pairs):
    sums = item_stats.Sums(
        n=len(pairs),
        sx=sum(x for x, _ in pairs),
        paired=len(pairs),
        px=sum(x for x, _ in pairs),
        pxx=sum(x * x for x, _ in pairs),
        sy=sum(y for _, y in pairs),
        syy=sum(y * y for _, y in pairs),
        sxy=sum(x * y for x, y in pairs),
    )
    r = item_stats.point_biserial(sums)
    xs, ys = [x for x, _ in pairs], [y for _, y in pairs]
    varies = len(pairs) >= 2 and statistics.pvariance(xs) > 1e-6 and statistics.pvariance(ys) > 1e-6
    if r is None:
        assert not varies or min(statistics.pvariance(xs), statistics.pvariance(ys)) < 1e-6
    else:
        assert -1.0 <= r <= 1.0
        if varies:
            assert r == pytest.approx(statistics.correlation(xs, ys), abs=1e-6)
    share = item_stats.share_correct(sums)
    assert share is None if not pairs else 0.0 <= share <= 1.0
