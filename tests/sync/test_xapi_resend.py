"""A statement sent again under its id (xAPI 1.0.3 Data 2.3.1, "Statement Comparison
Requirements"): what a tool read back — with the `stored`, `authority`, `version` and
`timestamp` the LRS set — is the same statement, as is one whose activity definitions,
verb display, timestamp serialisation or Group member order changed; anything else is
another statement under a taken id (409), and the stored copy never changes."""

from __future__ import annotations

import copy

import pytest

from .xapi_helpers import Lrs, add_client, statement


@pytest.fixture
def lrs(api, ctx, world) -> Lrs:
    return Lrs(api, add_client(ctx, world.ministry))


def _stored_rows(ctx, statement_id: str) -> int:
    from sqlalchemy import func, select

    from sync.server.models import Statement

    with ctx.db.read() as session:
        return session.scalar(
            select(func.count()).where(Statement.statement_id == statement_id.lower())
        )


def test_a_statement_read_back_and_sent_again_is_accepted_and_changes_nothing(lrs, ctx):
    sent = statement()  # no timestamp, version or authority: the LRS sets them
    assert lrs.put(sent).status_code == 204
    read = lrs.get(statementId=sent["id"]).json()
    assert {"stored", "authority", "version", "timestamp"} <= set(read)

    assert lrs.put(read).status_code == 204, lrs.put(read).text
    answer = lrs.post([read])
    assert answer.status_code == 200, answer.text
    assert answer.json() == [sent["id"]]
    assert _stored_rows(ctx, sent["id"]) == 1
    assert lrs.get(statementId=sent["id"]).json() == read


def test_what_the_specification_lets_differ_is_the_same_statement(lrs):
    sent = statement(
        actor={
            "objectType": "Group",
            "name": "Team",
            "member": [{"mbox": "mailto:a@example.org"}, {"mbox": "mailto:b@Example.ORG"}],
        },
        obj={"id": "http://example.org/q1", "definition": {"name": {"en-US": "Question 1"}}},
        timestamp="2026-12-07T17:00:00+07:00",
    )
    assert lrs.put(sent).status_code == 204
    again = copy.deepcopy(sent)
    again["actor"]["member"].reverse()
    again["actor"]["member"][0]["mbox"] = "mailto:b@example.org"  # the domain's case
    again["verb"]["display"] = {"en-US": "lived through"}
    again["object"] = {"objectType": "Activity", "id": "http://example.org/q1"}
    again["timestamp"] = "2026-12-07T10:00:00.000Z"  # the same instant
    again["version"] = "1.0.3"
    assert lrs.put(again).status_code == 204
    # The first copy stays as it was sent.
    kept = lrs.get(statementId=sent["id"]).json()
    assert kept["verb"]["display"] == sent["verb"]["display"]
    assert kept["object"]["definition"] == {"name": {"en-US": "Question 1"}}


@pytest.mark.parametrize(
    "change",
    [
        lambda s: s.update(timestamp="2026-12-07T10:00:01Z"),
        lambda s: s["actor"].update(mbox="mailto:An@example.org"),  # the local part's case
        lambda s: s.update(verb={"id": "http://adlnet.gov/expapi/verbs/completed"}),
        lambda s: s.update(object={"id": "http://example.org/q2"}),
        lambda s: s.update(result={"success": True}),
        lambda s: s.update(context={"registration": "6fbd6b2a-3c4b-4a9a-9f1e-1f0e2d3c4b5a"}),
    ],
    ids=["instant", "mbox-local-part", "verb", "object", "result", "context"],
)
def test_anything_else_that_differs_is_a_conflict(lrs, change):
    sent = statement(timestamp="2026-12-07T10:00:00Z")
    assert lrs.put(sent).status_code == 204
    read = lrs.get(statementId=sent["id"]).json()
    change(read)
    assert lrs.put(read).status_code == 409
    assert lrs.post([statement(), read]).status_code == 409
    assert lrs.get(statementId=sent["id"]).json()["actor"] == sent["actor"]


def test_a_statement_read_back_by_another_tool_is_not_its_to_send(api, ctx, world, lrs):
    """The authority a tool reads names the tool that wrote the statement: another tool
    sending it as its own is refused, as any claim to this server's credentials is."""
    sent = statement()
    assert lrs.put(sent).status_code == 204
    read = lrs.get(statementId=sent["id"]).json()
    other = Lrs(api, add_client(ctx, world.ministry, "other-lms"))
    answer = other.put(read)
    assert answer.status_code == 400
    assert "authority" in answer.text


def test_two_copies_in_one_batch_that_differ_only_in_what_may_differ_are_one(lrs, ctx):
    first = statement(timestamp="2026-12-07T17:00:00+07:00")
    second = copy.deepcopy(first)
    second["timestamp"] = "2026-12-07T10:00:00Z"
    second["verb"]["display"] = {"vi": "đã học"}
    answer = lrs.post([first, second])
    assert answer.status_code == 200, answer.text
    assert _stored_rows(ctx, first["id"]) == 1
    third = copy.deepcopy(first)
    third["result"] = {"completion": True}
    assert lrs.post([statement(), third]).status_code == 409
