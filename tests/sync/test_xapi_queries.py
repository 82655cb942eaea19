"""GET /xapi/statements with filters (xAPI 1.0.3 Communication 2.1.3): each filter,
related_*, since/until, ascending, limit and `more`, format, the consistent-through
header."""

from __future__ import annotations

import time
import uuid
from datetime import datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

import pytest

from .xapi_helpers import ACTIVITY, Lrs, add_client, statement, voiding

AN = {"mbox": "mailto:an@example.org"}
BINH = {"objectType": "Agent", "account": {"homePage": "http://hr.example.org", "name": "binh"}}
TEAM = {"objectType": "Group", "mbox": "mailto:team@example.org"}
OTHER = "http://example.org/activities/other"
COMPLETED = "http://adlnet.gov/expapi/verbs/completed"


@pytest.fixture
def lrs(api, ctx, world) -> Lrs:
    return Lrs(api, add_client(ctx, world.ministry))


@pytest.fixture
def stored(lrs) -> dict[str, dict]:
    registration = str(uuid.uuid4())
    made = {
        "an": statement(actor=AN),
        "binh_completed": statement(actor=BINH, verb=COMPLETED),
        "about_binh": statement(actor=AN, obj=BINH),
        "instructed": statement(
            actor=AN,
            obj={"id": OTHER},
            context={
                "instructor": BINH,
                "team": TEAM,
                "registration": registration,
                "contextActivities": {"parent": [{"id": ACTIVITY}]},
            },
        ),
        "an_in_a_group": statement(
            actor={"objectType": "Group", "member": [AN, {"mbox": "mailto:c@example.org"}]},
            obj={"id": OTHER},
        ),
        "sub": statement(
            actor=AN,
            obj={
                "objectType": "SubStatement",
                "actor": BINH,
                "verb": {"id": COMPLETED},
                "object": {"id": ACTIVITY},
            },
        ),
    }
    for body in made.values():  # one request each: stored in this order
        assert lrs.post(body).status_code == 200
    made["registration"] = {"id": registration}
    return made


def _ids(stored, *names):
    return {stored[n]["id"] for n in names}


def test_agent_matches_actor_or_object_and_related_agents_looks_everywhere(lrs, stored):
    # A Group matches its members' agent filter.
    assert set(lrs.ids(agent='{"mbox": "mailto:an@example.org"}')) == _ids(
        stored, "an", "about_binh", "instructed", "an_in_a_group", "sub"
    )
    binh = '{"account": {"homePage": "http://hr.example.org", "name": "binh"}}'
    assert set(lrs.ids(agent=binh)) == _ids(stored, "binh_completed", "about_binh")
    assert set(lrs.ids(agent=binh, related_agents="true")) == _ids(
        stored, "binh_completed", "about_binh", "instructed", "sub"
    )
    team = '{"objectType": "Group", "mbox": "mailto:team@example.org"}'
    assert lrs.ids(agent=team) == []
    assert lrs.ids(agent=team, related_agents="true") == [stored["instructed"]["id"]]


def test_verb_activity_and_registration_filters(lrs, stored):
    assert lrs.ids(verb=COMPLETED) == [stored["binh_completed"]["id"]]
    assert set(lrs.ids(activity=ACTIVITY)) == _ids(stored, "an", "binh_completed")
    assert set(lrs.ids(activity=ACTIVITY, related_activities="true")) == _ids(
        stored, "an", "binh_completed", "instructed", "sub"
    )
    assert lrs.ids(registration=stored["registration"]["id"]) == [stored["instructed"]["id"]]
    assert lrs.ids(verb=COMPLETED, agent='{"mbox": "mailto:an@example.org"}') == []


def test_newest_first_by_default_oldest_first_when_ascending(lrs, stored):
    names = ("an", "binh_completed", "about_binh", "instructed", "an_in_a_group", "sub")
    order = [stored[n]["id"] for n in names]
    assert lrs.ids() == order[::-1]
    assert lrs.ids(ascending="true") == order


def test_since_and_until_are_by_stored_time(lrs, stored):
    [newest] = lrs.get(limit=1).json()["statements"]
    time.sleep(0.01)
    later = statement()
    assert lrs.post(later).status_code == 200
    assert lrs.ids(since=newest["stored"]) == [later["id"]]
    assert later["id"] not in lrs.ids(until=newest["stored"])
    assert newest["id"] in lrs.ids(until=newest["stored"])
    # The same instant in another zone means the same.
    stored = datetime.fromisoformat(newest["stored"].replace("Z", "+00:00"))
    hanoi = stored.astimezone(timezone(timedelta(hours=7))).isoformat(timespec="milliseconds")
    assert lrs.ids(since=hanoi) == [later["id"]]


def test_more_pages_through_everything_once_and_stays_stable(lrs, stored):
    first = lrs.get(limit=2)
    assert first.status_code == 200
    seen = [s["id"] for s in first.json()["statements"]]
    more = first.json()["more"]
    assert more.startswith("/xapi/statements?")
    # Stored after the first page: not in this paging (a new query shows it).
    late = statement()
    assert lrs.post(late).status_code == 200
    while more:
        token = parse_qs(urlsplit(more).query)["more"][0]
        page = lrs.get(more=token).json()
        seen += [s["id"] for s in page["statements"]]
        more = page["more"]
    assert len(seen) == len(set(seen)) == 6
    assert late["id"] not in seen
    assert late["id"] in lrs.ids()


def test_voided_statements_match_no_filter_and_their_voiding_is_found_in_their_place(lrs, stored):
    # Communication 2.1.4: the voided statement is never returned, but the statements
    # targeting it are, by what it matched (test_xapi_statement_refs.py has the rest).
    void = voiding(stored["binh_completed"]["id"])
    assert lrs.post(void).status_code == 200
    assert lrs.ids(verb=COMPLETED) == [void["id"]]
    found = lrs.ids(activity=ACTIVITY)
    assert stored["binh_completed"]["id"] not in found and void["id"] in found


def test_format_ids_keeps_identifiers_and_canonical_one_language(lrs, stored):
    got = lrs.get(statementId=stored["an"]["id"], format="ids").json()
    assert got["actor"] == {"objectType": "Agent", "mbox": "mailto:an@example.org"}
    assert got["verb"] == {"id": stored["an"]["verb"]["id"]}
    assert got["object"] == {"objectType": "Activity", "id": ACTIVITY}
    vi = lrs.get(
        statementId=stored["an"]["id"], format="canonical", headers={"Accept-Language": "vi"}
    ).json()
    assert vi["verb"]["display"] == {"vi": "đã trải nghiệm"}
    en = lrs.get(
        statementId=stored["an"]["id"],
        format="canonical",
        headers={"Accept-Language": "fr;q=0.9, en-GB;q=0.8"},
    ).json()
    assert en["verb"]["display"] == {"en-US": "experienced"}
    exact = lrs.get(statementId=stored["an"]["id"]).json()
    assert exact["verb"]["display"] == stored["an"]["verb"]["display"]


def test_every_statement_get_carries_consistent_through(lrs, stored):
    for params in ({}, {"statementId": stored["an"]["id"]}, {"verb": COMPLETED}):
        answer = lrs.get(**params)
        assert answer.status_code == 200
        assert answer.headers["X-Experience-API-Consistent-Through"].endswith("Z")
    single = lrs.get(statementId=stored["an"]["id"])
    assert single.headers["Last-Modified"].endswith("GMT")


@pytest.mark.parametrize(
    "params",
    [
        {"agent": '{"name": "no identifier"}'},
        {"agent": "not json"},
        {"verb": "not an iri"},
        {"activity": "no iri"},
        {"registration": "nope"},
        {"since": "yesterday"},
        {"limit": "-1"},
        {"limit": "many"},
        {"format": "full"},
        {"ascending": "yes"},
        {"statementId": str(uuid.uuid4()), "verb": COMPLETED},
        {"statementId": str(uuid.uuid4()), "voidedStatementId": str(uuid.uuid4())},
        {"more": "not-a-link"},
    ],
)
def test_bad_query_parameters_are_refused_with_400(lrs, params):
    answer = lrs.get(**params)
    assert answer.status_code == 400, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
