"""The request conventions of every /xapi resource (xAPI 1.0.3 Communication 1):
the version header, the alternate request syntax, HEAD, refusals as problem+json;
and the Agent/Group parsing every resource shares (Data 2.4.2)."""

from __future__ import annotations

import json
import uuid

import pytest

from sync.problems import Refusal
from sync.server import admin
from sync.server.xapi_protocol import agent_parameter
from sync.xapi import XAPI_VERSION
from sync.xapi_actors import parse_actor
from sync.xapi_errors import StatementError

V = {"X-Experience-API-Version": XAPI_VERSION}


@pytest.fixture
def creds(ctx, world) -> tuple[str, str]:
    with ctx.db.write() as session:
        return admin.add_xapi_client(session, "proto", "LMS", world.ministry)


def statement(**extra) -> dict:
    return {
        "id": str(uuid.uuid4()),
        "actor": {"account": {"homePage": "https://academy.example", "name": "an"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
        "object": {"id": "http://example.org/activity/1"},
        **extra,
    }


@pytest.mark.parametrize("version", [None, "0.95", "1.1.0", "1.05", "abc"])
def test_a_request_without_a_1_0_x_version_is_refused_with_400_and_the_servers_version(
    api, creds, version
):
    headers = {} if version is None else {"X-Experience-API-Version": version}
    answer = api.get("/xapi/statements", auth=creds, headers=headers)
    assert answer.status_code == 400
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["code"] in ("xapi.version_missing", "xapi.version_unsupported")
    assert answer.headers["X-Experience-API-Version"] == XAPI_VERSION


@pytest.mark.parametrize("version", ["1.0", "1.0.0", "1.0.3", "1.0.9"])
def test_every_1_0_x_version_is_accepted(api, creds, version):
    answer = api.get("/xapi/statements", auth=creds, headers={"X-Experience-API-Version": version})
    assert answer.status_code == 200, answer.text


def test_about_needs_no_version_header(api):
    answer = api.get("/xapi/about")
    assert answer.status_code == 200
    assert XAPI_VERSION in answer.json()["version"]


def test_head_answers_the_gets_headers_without_a_body(api, creds):
    get = api.get("/xapi/statements", auth=creds, headers=V)
    head = api.head("/xapi/statements", auth=creds, headers=V)
    assert head.status_code == 200
    assert head.content == b""
    assert "X-Experience-API-Consistent-Through" in head.headers
    assert head.headers["content-type"] == get.headers["content-type"]
    assert api.head("/xapi/about").status_code == 200


def test_alternate_syntax_puts_and_gets_a_statement(api, creds):
    import base64

    body = statement()
    auth = "Basic " + base64.b64encode(f"{creds[0]}:{creds[1]}".encode()).decode()
    put = api.post(
        "/xapi/statements?method=PUT",
        data={
            "statementId": body["id"],
            "Authorization": auth,
            "X-Experience-API-Version": XAPI_VERSION,
            "Content-Type": "application/json",
            "content": json.dumps(body),
        },
    )
    assert put.status_code == 204, put.text
    got = api.post(
        "/xapi/statements?method=GET",
        data={
            "statementId": body["id"],
            "Authorization": auth,
            "X-Experience-API-Version": "1.0.3",
        },
    )
    assert got.status_code == 200, got.text
    assert got.json()["id"] == body["id"]


def test_alternate_syntax_with_other_query_parameters_is_refused(api, creds):
    answer = api.post(
        f"/xapi/statements?method=GET&statementId={uuid.uuid4()}",
        data={"X-Experience-API-Version": XAPI_VERSION},
        auth=creds,
    )
    assert answer.status_code == 400
    assert answer.json()["code"] == "xapi.alternate_syntax"
    wrong = api.post("/xapi/statements?method=TRACE", data={}, auth=creds)
    assert (wrong.status_code, wrong.json()["code"]) == (400, "xapi.alternate_syntax")


def test_unknown_or_wrongly_cased_parameters_are_refused(api, creds):
    for query in ("foo=1", "statementid=" + str(uuid.uuid4()), "Limit=3"):
        answer = api.get(f"/xapi/statements?{query}", auth=creds, headers=V)
        assert answer.status_code == 400, query
        assert answer.json()["code"] == "xapi.parameter_unknown"


# ------------------------------------------------------------------ actors


@pytest.mark.parametrize(
    "raw",
    [
        {"mbox": "mailto:an@example.org", "name": "An"},
        {"objectType": "Agent", "mbox_sha1sum": "a" * 40},
        {"openid": "http://openid.example.org/an"},
        {"account": {"homePage": "http://www.example.com", "name": "an"}},
        {"objectType": "Group", "member": [{"mbox": "mailto:b@example.org"}]},
        {
            "objectType": "Group",
            "account": {"homePage": "http://www.example.com", "name": "team"},
            "member": [{"openid": "http://openid.example.org/b"}],
        },
        {"objectType": "Group", "mbox": "mailto:team@example.org"},
    ],
)
def test_every_actor_form_is_accepted(raw):
    actor = parse_actor(raw)
    assert actor.object_type == raw.get("objectType", "Agent")


@pytest.mark.parametrize(
    "raw",
    [
        {},
        {"mbox": "an@example.org"},
        {"mbox": "mailto:an@example.org", "openid": "http://x.org/a"},
        {"mbox_sha1sum": "xyz"},
        {"openid": "not a uri"},
        {"account": {"homePage": "not-an-irl", "name": "a"}},
        {"account": {"homePage": "http://example.org", "name": ""}},
        {"account": {"homePage": "http://example.org", "name": "a", "extra": 1}},
        {"mbox": "mailto:an@example.org", "colour": "blue"},
        {"objectType": "Group"},
        {"objectType": "Group", "member": []},
        {"objectType": "Group", "member": [{"objectType": "Group", "mbox": "mailto:g@x.org"}]},
        {"objectType": "Person", "mbox": "mailto:an@example.org"},
        {"mbox": "mailto:an@example.org", "name": 5},
    ],
)
def test_malformed_actors_are_refused_with_the_fault_named(raw):
    with pytest.raises(StatementError):
        parse_actor(raw)


def test_actors_are_equal_by_object_type_and_identifier():
    one = parse_actor({"mbox": "mailto:an@example.org", "name": "An"})
    two = parse_actor({"objectType": "Agent", "mbox": "mailto:an@example.org"})
    group = parse_actor({"objectType": "Group", "mbox": "mailto:an@example.org"})
    assert one.digest == two.digest
    assert group.digest != one.digest
    assert parse_actor({"objectType": "Group", "member": [one.to_json()]}).digest is None


def test_an_agent_parameter_that_is_not_an_agent_is_a_400_refusal():
    with pytest.raises(Refusal) as refused:
        agent_parameter("agent", '{"name": "nobody"}')
    assert refused.value.status == 400
    assert refused.value.values == {"parameter": "agent"}
    with pytest.raises(Refusal):
        agent_parameter("agent", "not json")
    with pytest.raises(Refusal):
        agent_parameter(
            "agent", '{"objectType": "Group", "mbox": "mailto:g@x.org"}', agent_only=True
        )


def test_the_indexs_quick_digest_equals_the_checked_actors():
    from sync.xapi_actors import checked_digest

    for raw in (
        {"mbox": "MAILTO:an@example.org"},
        {"objectType": "Agent", "mbox_sha1sum": "A" * 40},
        {"openid": "http://openid.example.org/an"},
        {"account": {"homePage": "http://www.example.com", "name": "an"}},
        {"objectType": "Group", "mbox": "mailto:team@example.org", "member": []},
    ):
        assert checked_digest(raw) == parse_actor(raw).digest
    assert checked_digest({"objectType": "Group", "member": [{"mbox": "mailto:a@x.org"}]}) is None
