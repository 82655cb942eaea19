"""`sync.xapi_compare.same_statement` against the rule it implements (xAPI 1.0.3 Data
2.3.1): random statements, changed only in what the specification lets differ, stay
the same; changed in anything else, they do not."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from sync.xapi_compare import same_statement

names = st.text("abcdefghij", min_size=1, max_size=6)
mboxes = st.builds(lambda local, domain: f"mailto:{local}@{domain}.org", names, names)
agents = st.one_of(
    st.builds(lambda m: {"mbox": m}, mboxes),
    st.builds(lambda n: {"account": {"homePage": "http://hr.example.org", "name": n}}, names),
)
groups = st.builds(
    lambda members: {"objectType": "Group", "member": members},
    st.lists(st.builds(lambda m: {"mbox": m}, mboxes), min_size=2, max_size=4, unique_by=str),
)
instants = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC)
)
offsets = st.integers(-11, 12).map(lambda h: timezone(timedelta(hours=h)))


@st.composite
def statements(draw) -> dict:
    statement = {
        "id": "6fbd6b2a-3c4b-4a9a-9f1e-1f0e2d3c4b5a",
        "actor": draw(st.one_of(agents, groups)),
        "verb": {"id": f"http://example.org/verbs/{draw(names)}", "display": {"en-US": "x"}},
        "object": {
            "objectType": "Activity",
            "id": f"http://example.org/a/{draw(names)}",
            "definition": {"name": {"en-US": draw(names)}},
        },
    }
    if draw(st.booleans()):
        statement["timestamp"] = draw(instants).isoformat()
    if draw(st.booleans()):
        statement["result"] = {"success": draw(st.booleans())}
    return statement


@st.composite
def allowed_changes(draw, statement: dict) -> dict:
    """What a copy read back from an LRS, or sent again by a tool, may differ in."""
    again = copy.deepcopy(statement)
    again["stored"] = "2026-12-07T10:00:00.000Z"
    again["authority"] = {"account": {"homePage": "urn:hocvu:xapi-client", "name": "1"}}
    again["version"] = "1.0.3"
    if "timestamp" in again:
        moment = datetime.fromisoformat(again["timestamp"]).astimezone(draw(offsets))
        again["timestamp"] = moment.isoformat()
    elif draw(st.booleans()):
        again["timestamp"] = again["stored"]  # set by the LRS
    again["verb"]["display"] = {"vi": draw(names)}
    if draw(st.booleans()):
        del again["object"]["definition"]
    else:
        again["object"]["definition"] = {"name": {"vi": draw(names)}}
    if draw(st.booleans()):
        del again["object"]["objectType"]
    actor = again["actor"]
    if actor.get("objectType") == "Group":
        actor["member"] = draw(st.permutations(actor["member"]))
    if "mbox" in actor:
        local, _, domain = actor["mbox"].rpartition("@")
        actor["mbox"] = f"{local}@{domain.upper()}"
        actor["objectType"] = "Agent"
    return again


@given(st.data())
def test_a_copy_changed_only_where_allowed_is_the_same_statement(data):
    statement = data.draw(statements())
    again = data.draw(allowed_changes(statement))
    assert same_statement(statement, again)
    assert same_statement(again, statement)


FORBIDDEN = {
    "verb": lambda s: s["verb"].update(id=s["verb"]["id"] + "x"),
    "object": lambda s: s["object"].update(id=s["object"]["id"] + "x"),
    "result": lambda s: s.update(result={"success": not s.get("result", {}).get("success")}),
    "actor": lambda s: s.update(actor={"mbox": "mailto:Z@example.org"}),
    "context": lambda s: s.update(context={"language": "vi"}),
    "timestamp": lambda s: s.update(
        timestamp=(
            datetime.fromisoformat(s.get("timestamp", "2026-01-01T00:00:00+00:00"))
            + timedelta(milliseconds=1)
        ).isoformat()
    ),
}


@given(st.data(), st.sampled_from(sorted(FORBIDDEN)))
def test_a_copy_changed_anywhere_else_is_another_statement(data, part):
    statement = data.draw(statements())
    if part == "timestamp":
        statement.setdefault("timestamp", "2026-01-01T00:00:00+00:00")
    again = data.draw(allowed_changes(statement))
    FORBIDDEN[part](again)
    assert not same_statement(statement, again)
