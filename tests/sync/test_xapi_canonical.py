"""GET /xapi/statements?format=canonical (xAPI 1.0.3 Communication 2.1.3, Data
2.4.4.1): every Activity object carries the LRS's definition of the activity, the one
/xapi/activities answers, made only of statements the reader may see, with each
language map reduced to the reader's language; a page costs a bounded number of
queries however many activities it names."""

from __future__ import annotations

import contextlib

import pytest
from sqlalchemy import event

from .xapi_helpers import Lrs, V, add_client, statement

COURSE = "http://example.org/activities/course-42"
LESSON = "http://example.org/activities/lesson-7"
VI = {"Accept-Language": "vi"}


@pytest.fixture
def lrs(api, ctx, world) -> Lrs:
    return Lrs(api, add_client(ctx, world.ministry, "ministry-lms"))


def _activity(lrs: Lrs, activity_id: str) -> dict:
    answer = lrs.api.get(
        "/xapi/activities", params={"activityId": activity_id}, auth=lrs.auth, headers=V
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


@pytest.fixture
def course(lrs) -> dict[str, dict]:
    """Three statements that each tell part of the course's definition, and one that
    names it bare, as object, context activity and a sub-statement's object."""
    made = {
        "named": statement(
            obj={
                "id": COURSE,
                "definition": {"name": {"en-US": "Protocol basics", "vi": "Lễ tân cơ bản"}},
            }
        ),
        "described": statement(
            obj={
                "id": COURSE,
                "definition": {
                    "description": {"en-US": "Seating and precedence", "vi": "Xếp chỗ, ngôi thứ"}
                },
            }
        ),
        "renamed_en": statement(
            obj={"id": COURSE, "definition": {"name": {"en-US": "Protocol I"}}},
        ),
        "bare": statement(obj={"id": COURSE}),
        "as_parent": statement(
            obj={"id": LESSON},
            context={"contextActivities": {"parent": [{"id": COURSE}]}},
        ),
        "in_sub": statement(
            obj={
                "objectType": "SubStatement",
                "actor": {"mbox": "mailto:binh@example.org"},
                "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
                "object": {"id": COURSE},
            }
        ),
    }
    for body in made.values():  # one request each: stored in this order
        assert lrs.post(body).status_code == 200
    return made


def test_every_activity_object_carries_the_lrss_definition_in_one_language(lrs, course):
    expected_vi = {"name": {"vi": "Lễ tân cơ bản"}, "description": {"vi": "Xếp chỗ, ngôi thứ"}}
    expected_en = {
        "name": {"en-US": "Protocol I"},
        "description": {"en-US": "Seating and precedence"},
    }
    for which in ("bare", "named", "renamed_en"):
        got = lrs.get(statementId=course[which]["id"], format="canonical", headers=VI).json()
        assert got["object"]["definition"] == expected_vi
    page = lrs.get(format="canonical", headers={"Accept-Language": "en"}).json()["statements"]
    by_id = {s["id"]: s for s in page}
    assert by_id[course["bare"]["id"]]["object"]["definition"] == expected_en
    parent = by_id[course["as_parent"]["id"]]["context"]["contextActivities"]["parent"][0]
    assert parent["definition"] == expected_en
    assert by_id[course["in_sub"]["id"]]["object"]["object"]["definition"] == expected_en
    # An activity nobody defines stays without a definition.
    assert "definition" not in by_id[course["as_parent"]["id"]]["object"]
    # The same definition the Activities resource gives, languages unreduced there.
    assert _activity(lrs, COURSE)["definition"] == {
        "name": {"en-US": "Protocol I", "vi": "Lễ tân cơ bản"},
        "description": {"en-US": "Seating and precedence", "vi": "Xếp chỗ, ngôi thứ"},
    }
    # exact still returns each statement as it was sent.
    exact = lrs.get(statementId=course["bare"]["id"]).json()
    assert "definition" not in exact["object"]


def test_a_definition_the_reader_may_not_see_does_not_leak(api, ctx, world, lrs, course):
    """A tool of a sibling unit redefines the course; the ministry's tool cannot read
    that statement, so neither its canonical statements nor /xapi/activities show it."""
    sibling_unit = _sibling_unit(ctx, world)
    other = Lrs(api, add_client(ctx, sibling_unit, "sibling-lms"))
    planted = statement(
        obj={"id": COURSE, "definition": {"name": {"vi": "Khóa học giả", "en-US": "Fake"}}}
    )
    assert other.post(planted).status_code == 200
    got = lrs.get(statementId=course["bare"]["id"], format="canonical", headers=VI).json()
    assert got["object"]["definition"]["name"] == {"vi": "Lễ tân cơ bản"}
    assert "Fake" not in str(lrs.get(format="canonical").json())
    assert _activity(lrs, COURSE)["definition"]["name"]["vi"] == "Lễ tân cơ bản"
    # The sibling's tool reads only its own statement, so its definition is its own.
    mine = other.get(statementId=planted["id"], format="canonical", headers=VI).json()
    assert mine["object"]["definition"] == {"name": {"vi": "Khóa học giả"}}


def _sibling_unit(ctx, world) -> int:
    from sync.server import admin

    with ctx.db.write() as session:
        return admin.create_unit(session, "test", "ĐSQ Paris", "mission", world.ministry).id


@contextlib.contextmanager
def _counted(ctx):
    seen: list[str] = []

    def count(conn, cursor, sql, params, context, executemany):
        seen.append(sql)

    event.listen(ctx.db.engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(ctx.db.engine, "before_cursor_execute", count)


def _page_queries(lrs: Lrs, ctx, form: str) -> int:
    with _counted(ctx) as seen:
        answer = lrs.get(format=form, limit="500")
    assert answer.status_code == 200, answer.text
    return len(seen)


def test_a_page_naming_many_activities_costs_a_bounded_number_of_queries(lrs, ctx):
    def activities(count: int, offset: int) -> list[dict]:
        return [
            statement(
                obj={
                    "id": f"http://example.org/activities/a{offset + n}",
                    "definition": {"name": {"en-US": f"Activity {offset + n}"}},
                },
                context={
                    "contextActivities": {
                        "grouping": [{"id": f"http://example.org/activities/g{offset + n}"}]
                    }
                },
            )
            for n in range(count)
        ]

    assert lrs.post(activities(3, 0)).status_code == 200
    few = _page_queries(lrs, ctx, "canonical")
    exact_few = _page_queries(lrs, ctx, "exact")
    assert lrs.post(activities(90, 3)).status_code == 200
    many = _page_queries(lrs, ctx, "canonical")
    assert _page_queries(lrs, ctx, "exact") == exact_few
    # 186 activities on the page: two lookups (at most 100 activities each), not 186,
    # and one query for the bodies of the statements they found (at most 500 each).
    assert few == exact_few + 2
    assert many == exact_few + 3
    page = lrs.get(format="canonical", limit="500").json()["statements"]
    assert {s["object"]["definition"]["name"]["en-US"] for s in page} == {
        f"Activity {n}" for n in range(93)
    }
