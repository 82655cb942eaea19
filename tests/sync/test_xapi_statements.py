"""The Statements resource (xAPI 1.0.3 Communication 2.1, Data 2): every actor form,
the Data section's checks (400), ids and conflicts, voiding, scope."""

from __future__ import annotations

import uuid

import pytest

from sync.xapi import ACCOUNT_HOME_PAGE

from .conftest import enrol
from .xapi_helpers import ACTIVITY, Lrs, V, add_client, statement, voiding


@pytest.fixture
def lrs(api, ctx, world) -> Lrs:
    return Lrs(api, add_client(ctx, world.ministry))


ACTORS = [
    {"mbox": "mailto:an@example.org"},
    {"objectType": "Agent", "mbox_sha1sum": "3b2c8f7d4a5e6f708192a3b4c5d6e7f8091a2b3c"},
    {"openid": "http://openid.example.org/an"},
    {"account": {"homePage": "http://www.example.com", "name": "an-4711"}},
    {"objectType": "Group", "name": "Team", "member": [{"mbox": "mailto:b@example.org"}]},
    {
        "objectType": "Group",
        "mbox": "mailto:team@example.org",
        "member": [{"openid": "http://openid.example.org/c"}],
    },
]


@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: next(k for k in a if k != "objectType"))
def test_every_actor_form_is_stored_and_read_back_as_sent(lrs, actor):
    sent = statement(actor=actor)
    assert lrs.put(sent).status_code == 204
    got = lrs.get(statementId=sent["id"]).json()
    assert got["actor"] == actor
    assert got["stored"] and got["timestamp"] and got["version"]
    assert got["authority"]["objectType"] == "Agent"


OBJECTS = [
    {"objectType": "Agent", "mbox": "mailto:b@example.org"},
    {"objectType": "Group", "member": [{"mbox": "mailto:b@example.org"}]},
    {"objectType": "StatementRef", "id": str(uuid.uuid4())},
    {
        "objectType": "SubStatement",
        "actor": {"mbox": "mailto:b@example.org"},
        "verb": {"id": "http://example.org/verbs/plans"},
        "object": {"id": ACTIVITY},
        "context": {"instructor": {"mbox": "mailto:t@example.org"}},
    },
    {
        "id": "http://example.org/q1",
        "definition": {
            "name": {"en-US": "Question 1"},
            "type": "http://adlnet.gov/expapi/activities/cmi.interaction",
            "interactionType": "choice",
            "correctResponsesPattern": ["a"],
            "choices": [{"id": "a", "description": {"en-US": "A"}}],
            "extensions": {"http://example.org/ext": {"any": ["json"]}},
        },
    },
]


@pytest.mark.parametrize("obj", OBJECTS, ids=lambda o: o.get("objectType", "Activity"))
def test_every_object_form_is_stored(lrs, obj):
    sent = statement(obj=obj)
    assert lrs.post(sent).status_code == 200
    assert lrs.get(statementId=sent["id"]).json()["object"] == obj


def _with(**changes):
    body = statement(
        result={"score": {"scaled": 0.5, "raw": 5, "min": 0, "max": 10}, "success": True},
        context={"registration": str(uuid.uuid4()), "language": "vi-VN"},
        timestamp="2026-12-07T10:00:00.123Z",
    )
    for path, value in changes.items():
        target = body
        *parents, last = path.split("__")
        for part in parents:
            target = target.setdefault(part, {})
        if value is ...:
            target.pop(last, None)
        else:
            target[last] = value
    return body


# Each case: a fault the Data section names, and the word the refusal's English names.
REFUSED = [
    ("id-not-uuid", {"id": "not-a-uuid"}, "id"),
    ("no-actor", {"actor": ...}, "actor"),
    ("no-verb", {"verb": ...}, "verb"),
    ("no-object", {"object": ...}, "object"),
    ("two-ifis", {"actor": {"mbox": "mailto:a@x.org", "openid": "http://x.org/a"}}, "identifier"),
    ("mbox-no-mailto", {"actor": {"mbox": "a@x.org"}}, "mbox"),
    ("verb-not-iri", {"verb__id": "completed"}, "verb.id"),
    ("verb-display-tag", {"verb__display": {"not a tag": "x"}}, "language tag"),
    ("unknown-property", {"colour": "blue"}, "unknown"),
    ("object-type", {"object__objectType": "Person"}, "objectType"),
    ("activity-id", {"object__id": "no iri"}, "object.id"),
    ("interaction", {"object__definition": {"interactionType": "essay"}}, "interactionType"),
    ("scaled>1", {"result__score__scaled": 1.5}, "scaled"),
    ("raw>max", {"result__score__raw": 11}, "raw"),
    ("min>=max", {"result__score__min": 10}, "min"),
    ("success-text", {"result__success": "yes"}, "success"),
    ("duration", {"result__duration": "1 hour"}, "duration"),
    ("registration", {"context__registration": "r-1"}, "registration"),
    ("language", {"context__language": "vi_VN!"}, "language"),
    ("extension-key", {"context__extensions": {"not-an-iri": 1}}, "extensions"),
    ("timestamp", {"timestamp": "07/12/2026"}, "timestamp"),
    ("timestamp-00", {"timestamp": "2026-12-07T10:00:00-00:00"}, "-00:00"),
    ("version", {"version": "2.0.0"}, "version"),
    ("team-agent", {"context__team": {"mbox": "mailto:a@x.org"}}, "team"),
    (
        "authority-group-of-one",
        {"authority": {"objectType": "Group", "member": [{"mbox": "mailto:a@x.org"}]}},
        "authority",
    ),
    (
        "revision-agent-object",
        {"object": {"objectType": "Agent", "mbox": "mailto:b@x.org"}, "context__revision": "2"},
        "revision",
    ),
    ("void-activity", {"verb__id": "http://adlnet.gov/expapi/verbs/voided"}, "StatementRef"),
    (
        "sub-in-sub",
        {
            "object": {
                "objectType": "SubStatement",
                "actor": {"mbox": "mailto:b@x.org"},
                "verb": {"id": "http://x.org/v"},
                "object": {
                    "objectType": "SubStatement",
                    "actor": {"mbox": "mailto:b@x.org"},
                    "verb": {"id": "http://x.org/v"},
                    "object": {"id": "http://x.org/a"},
                },
            }
        },
        "objectType",
    ),
    ("sub-with-id", {"object": {"objectType": "SubStatement", "id": str(uuid.uuid4())}}, "id"),
    (
        "attachment-no-sha2",
        {
            "attachments": [
                {
                    "usageType": "http://x.org/u",
                    "display": {"en": "x"},
                    "contentType": "text/plain",
                    "length": 1,
                }
            ]
        },
        "sha2",
    ),
]


@pytest.mark.parametrize(
    "changes,word", [(c, w) for _, c, w in REFUSED], ids=[n for n, *_ in REFUSED]
)
def test_a_statement_breaking_the_data_section_is_refused_with_400(lrs, changes, word):
    assert lrs.post(_with()).status_code == 200  # the unchanged statement is fine
    answer = lrs.post(_with(**changes))
    assert answer.status_code == 400, answer.text
    assert word in answer.text
    assert lrs.get().json()["statements"].__len__() == 1


def test_same_id_same_content_is_accepted_again_and_other_content_is_409(lrs):
    sent = statement()
    assert lrs.put(sent).status_code == 204
    assert lrs.put(sent).status_code == 204
    assert lrs.post([sent]).status_code == 200
    changed = {**sent, "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"}}
    assert lrs.put(changed).status_code == 409
    other = statement()
    clash = lrs.post([other, changed])
    assert clash.status_code == 409
    # Nothing of a refused request is stored.
    assert lrs.get(statementId=other["id"]).status_code == 404


def test_put_needs_a_matching_statement_id(lrs):
    sent = statement()
    assert lrs.put(sent, statement_id=str(uuid.uuid4())).status_code == 400
    no_param = lrs.api.put("/xapi/statements", json=sent, auth=lrs.auth, headers=V)
    assert no_param.status_code == 400


def test_a_voided_statement_is_hidden_and_found_by_voided_statement_id(lrs):
    target = statement()
    kept = statement()
    assert lrs.post([target, kept]).status_code == 200
    void = voiding(target["id"])
    assert lrs.post(void).status_code == 200
    assert lrs.get(statementId=target["id"]).status_code == 404
    found = lrs.get(voidedStatementId=target["id"])
    assert found.status_code == 200 and found.json()["id"] == target["id"]
    assert lrs.get(voidedStatementId=kept["id"]).status_code == 404
    listed = lrs.ids()
    assert target["id"] not in listed and {kept["id"], void["id"]} <= set(listed)
    # The voiding statement itself cannot be voided.
    refused = lrs.post(voiding(void["id"]))
    assert (refused.status_code, refused.json()["code"]) == (400, "xapi.voids_voiding")
    assert lrs.get(statementId=void["id"]).status_code == 200


def test_a_statement_arriving_after_its_voiding_is_stored_voided(lrs):
    target = statement()
    assert lrs.post(voiding(target["id"])).status_code == 200
    assert lrs.post(target).status_code == 200
    assert lrs.get(statementId=target["id"]).status_code == 404
    assert lrs.get(voidedStatementId=target["id"]).status_code == 200


def test_a_client_reads_only_its_own_and_its_units_learners_statements(api, ctx, world):
    ministry = Lrs(api, add_client(ctx, world.ministry, "ministry-lms"))
    mission = Lrs(api, add_client(ctx, world.mission, "mission-lms"))
    learner = enrol(api, world.alice_code)
    own = statement(
        actor={"account": {"homePage": ACCOUNT_HOME_PAGE, "name": learner["profile_id"]}}
    )
    assert mission.post(own).status_code == 200
    foreign = statement()
    assert ministry.post(foreign).status_code == 200
    # The ministry sees the mission's learner (its subtree); the mission never sees the
    # ministry client's unattached statement, nor can it void it.
    assert set(ministry.ids()) == {own["id"], foreign["id"]}
    assert mission.ids() == [own["id"]]
    assert mission.get(statementId=foreign["id"]).status_code == 404
    assert mission.post(voiding(foreign["id"])).status_code == 403


def test_more_than_500_statements_or_an_oversized_body_is_413(lrs):
    answer = lrs.post([statement() for _ in range(501)])
    assert (answer.status_code, answer.json()["code"]) == (413, "batch.too_large")
    huge = lrs.api.post(
        "/xapi/statements",
        content=b"[" + b" " * (18 * 1024 * 1024) + b"]",
        auth=lrs.auth,
        headers={**V, "Content-Type": "application/json"},
    )
    assert huge.status_code == 413
    assert lrs.get().json()["statements"] == []


def test_a_profile_statement_about_something_other_than_an_activity_stays_unattached(
    api, ctx, world, lrs
):
    learner = enrol(api, world.alice_code)
    actor = {"account": {"homePage": ACCOUNT_HOME_PAGE, "name": learner["profile_id"]}}
    about_agent = statement(actor=actor, obj={"objectType": "Agent", "mbox": "mailto:b@x.org"})
    on_activity = statement(actor=actor)
    assert lrs.post([about_agent, on_activity]).status_code == 200
    pulled = api.get(
        "/api/v1/statements", headers={"Authorization": f"Bearer {learner['device_token']}"}
    ).json()["statements"]
    assert [s["id"] for s in pulled] == [on_activity["id"]]
    assert set(lrs.ids()) == {about_agent["id"], on_activity["id"]}


def test_an_authority_a_client_sends_is_read_as_its_credentials(lrs):
    """Accepted (an OAuth pair is a valid authority), but HTTP Basic delegates no
    trust: readers see the credentials the statement came with (Data 2.4.9)."""
    pair = {
        "objectType": "Group",
        "member": [
            {"account": {"homePage": "http://apps.example.org", "name": "lms-app"}},
            {"mbox": "mailto:an@example.org"},
        ],
    }
    sent = statement(authority=pair)
    plain = statement()
    assert lrs.post([sent, plain]).status_code == 200
    got = lrs.get(statementId=sent["id"]).json()["authority"]
    assert got == lrs.get(statementId=plain["id"]).json()["authority"]
    assert got["account"]["homePage"] == "urn:hocvu:xapi-client"
    # Sent again as it was, it is the same statement (the stored body is as sent).
    assert lrs.put(sent).status_code == 204
