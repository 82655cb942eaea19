"""Derived state depends on which statements exist, never on the order in which
they were recorded or arrived from the server."""

from __future__ import annotations

import tempfile
import uuid
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.store import Store
from sync.xapi import make_statement
from tests.desktop.store.learner_logs import (
    CHEAP_KDF,
    L1,
    PASSPHRASE,
    PLACEMENT,
    attempts,
    derived,
    make_course,
    review_items,
)

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
PROFILE = "5f0e8d1c-2b3a-4c5d-8e9f-0a1b2c3d4e5f"
# Four attempts, each of one quiz, exam or placement section.
ATTEMPTS = [
    ("4a1e0c9e-0001-4000-8000-000000000001", L1, "quiz", "l1-a1-quiz"),
    ("4a1e0c9e-0002-4000-8000-000000000002", L1, "exam", "l1-exam"),
    ("4a1e0c9e-0003-4000-8000-000000000003", PLACEMENT, "placement", "placement-l1"),
    ("4a1e0c9e-0004-4000-8000-000000000004", L1, "quiz", "l1-a2-quiz"),
]
COURSE = make_course()
LESSONS = [
    (pack.pack_id, lesson)
    for pack, module in COURSE.modules_in_order()
    if module.level == 1
    for lesson in module.lessons
]


@st.composite
def statement(draw) -> dict:
    sid = str(draw(st.uuids(version=4)))
    # Few distinct minutes, so that many statements share a timestamp.
    when = START + timedelta(minutes=draw(st.integers(0, 20)))
    common = {
        "profile_id": PROFILE,
        "pack_version": 1,
        "app_version": "0.1.0",
        "device_id": "6d2a4f8e-1111-4000-8000-000000000001",
        "timestamp": when.isoformat().replace("+00:00", "Z"),
        "statement_id": sid,
    }
    event = draw(st.sampled_from(["open", "complete", "attempt", "answer", "finish"]))
    if event in ("open", "complete"):
        pack, lesson = draw(st.sampled_from(LESSONS))
        verb = "experienced" if event == "open" else "completed"
        return make_statement(verb=verb, pack_id=pack, kind="lesson", local_id=lesson, **common)
    registration, pack, kind, quiz = draw(st.sampled_from(ATTEMPTS))
    if event == "attempt":
        return make_statement(
            verb="attempted",
            pack_id=pack,
            kind=kind,
            local_id=quiz,
            registration=registration,
            **common,
        )
    if event == "answer":
        if kind == "placement":
            item = f"a{draw(st.integers(1, 6))}-{draw(st.integers(1, 2))}"
        else:
            item = f"q{draw(st.integers(1, 4))}"
        right = draw(st.booleans())
        return make_statement(
            verb="answered",
            pack_id=pack,
            kind="item",
            local_id=f"{quiz}/{item}",
            registration=registration,
            score=1.0 if right else 0.0,
            success=right,
            response="a" if right else "b",
            **common,
        )
    score = draw(st.sampled_from([0.5, 0.8, 1.0]))
    return make_statement(
        verb="passed" if score >= 0.8 else "failed",
        pack_id=pack,
        kind=kind,
        local_id=quiz,
        registration=registration,
        score=score,
        success=score >= 0.8,
        **common,
    )


logs = st.lists(statement(), min_size=1, max_size=60, unique_by=lambda s: s["id"])


def _everything(statements):
    return derived(statements, COURSE), review_items(statements), attempts(statements)


@settings(max_examples=300, deadline=None)
@given(data=st.data(), statements=logs)
def test_derived_state_is_the_same_for_any_arrival_order(data, statements):
    shuffled = data.draw(st.permutations(statements))
    assert _everything(shuffled) == _everything(statements)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data(), statements=logs)
def test_a_store_pulling_batches_in_any_order_derives_what_the_whole_log_gives(data, statements):
    expected = _everything(statements)
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "learners.sqlite", kdf_params=CHEAP_KDF)
        try:
            learner = store.create_profile("Lan", PASSPHRASE)
            shuffled = data.draw(st.permutations(statements))
            cuts = sorted(data.draw(st.lists(st.integers(0, len(shuffled)), max_size=4)))
            bounds = [0, *cuts, len(shuffled)]
            for start, end in pairwise(bounds):
                learner.insert_pulled(shuffled[start:end])
                # Derive between batches, so the session's caches see the log grow.
                learner.progress(COURSE)
                learner.review_schedule()
            learner.insert_pulled(statements)  # a repeated pull changes nothing
            got = (learner.progress(COURSE), learner.review_schedule(), learner.open_attempts())
            assert got == expected
        finally:
            store.close()


def test_ties_in_timestamp_are_broken_by_statement_id():
    first, second = (
        make_statement(
            profile_id=PROFILE,
            verb=verb,
            pack_id=L1,
            kind="item",
            local_id="l1-a1-quiz/q1",
            pack_version=1,
            app_version="0.1.0",
            device_id="d",
            registration=ATTEMPTS[0][0],
            score=score,
            success=score == 1.0,
            timestamp="2026-03-02T08:00:00Z",
            statement_id=str(uuid.UUID(int=n, version=4)),
        )
        for n, (verb, score) in enumerate([("answered", 0.0), ("answered", 1.0)])
    )
    # The miss (lower id) came first, so it is the answer that counts in this attempt
    # (the later right answer earns nothing); in the other order no card would exist.
    [item] = review_items([second, first])
    assert item.reviews == 1 and item.state == "learning"
