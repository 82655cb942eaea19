"""The xAPI document resources (State, Activity Profile, Agent Profile) and the
Activities and Agents resources, on SQLite and PostgreSQL, as an xAPI tool sees them
over HTTP. By requirement group of xAPI 1.0.3 Communication:

- 2.2 Document resources and 2.3 State: `test_state_put_get_list_merge_and_delete`,
  `test_a_document_declared_json_must_be_json_and_a_put_needs_its_id`;
- 2.6 Agent Profile and 2.7 Activity Profile, with 3.1 Concurrency:
  `test_profile_documents_need_a_precondition_to_be_replaced`,
  `test_state_overwrites_without_preconditions_and_honours_them_when_given`,
  `test_of_writers_holding_the_same_etag_exactly_one_wins`;
- 2.5 Activities: `test_activities_resource_merges_the_definitions_the_client_may_read`;
- 2.4 Agents: `test_agents_resource_combines_a_learners_accounts_and_the_names_...`;
- 1.1 HEAD, 1.3 alternate request syntax, 3.2 errors (400 on unknown or malformed
  parameters, 413): `test_head_answers_a_get_without_its_body`,
  `test_the_alternate_request_syntax_writes_and_reads_a_document`,
  `test_missing_or_malformed_parameters_are_refused_with_400`,
  `test_a_document_over_the_limit_is_refused_before_it_is_read`.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from urllib.parse import urlencode

import pytest

from sync.server import admin
from sync.xapi import ACCOUNT_HOME_PAGE, XAPI_VERSION

from .conftest import enrol, new_code

V = {"X-Experience-API-Version": XAPI_VERSION}
ACTIVITY = "http://example.org/course/diplomatic-mail"
AGENT = {"objectType": "Agent", "mbox": "mailto:an@example.org"}
STATE = "/xapi/activities/state"
ACTIVITY_PROFILE = "/xapi/activities/profile"
AGENT_PROFILE = "/xapi/agents/profile"


def sha1_tag(content: bytes) -> str:
    return '"' + hashlib.sha1(content).hexdigest() + '"'


@pytest.fixture
def clients(ctx, world) -> dict[str, tuple[str, str]]:
    """Credentials of three tools: at the mission, at a sibling mission, at the ministry."""
    with ctx.db.write() as session:
        other = admin.create_unit(session, "test", "ĐSQ Paris", "mission", world.ministry).id
        return {
            "mission": admin.add_xapi_client(session, "test", "Tokyo LMS", world.mission),
            "sibling": admin.add_xapi_client(session, "test", "Paris LMS", other),
            "ministry": admin.add_xapi_client(
                session, "test", "Ministry analytics", world.ministry
            ),
        }


def state_params(state_id: str | None = None, **extra) -> dict[str, str]:
    params = {"activityId": ACTIVITY, "agent": json.dumps(AGENT), **extra}
    if state_id is not None:
        params["stateId"] = state_id
    return params


def test_state_put_get_list_merge_and_delete(api, clients):
    auth = clients["mission"]
    bookmark = b'{"page": 3, "seen": ["a"]}'
    put = api.put(
        STATE,
        params=state_params("bookmark"),
        content=bookmark,
        headers={**V, "Content-Type": "application/json"},
        auth=auth,
    )
    assert put.status_code == 204, put.text
    got = api.get(STATE, params=state_params("bookmark"), headers=V, auth=auth)
    assert got.status_code == 200
    assert got.content == bookmark
    assert got.headers["content-type"] == "application/json"
    assert got.headers["etag"] == sha1_tag(bookmark)
    assert got.headers["last-modified"].endswith("GMT")
    # `since` beside the id is accepted and changes nothing (ADL's suite sends it).
    with_since = state_params("bookmark", since="2999-01-01T00:00:00Z")
    assert api.get(STATE, params=with_since, headers=V, auth=auth).content == bookmark

    # Any content type is kept as sent, bytes and all.
    picture = bytes(range(256))
    api.put(
        STATE,
        params=state_params("picture"),
        content=picture,
        headers={**V, "Content-Type": "image/png"},
        auth=auth,
    )
    png = api.get(STATE, params=state_params("picture"), headers=V, auth=auth)
    assert (png.content, png.headers["content-type"]) == (picture, "image/png")

    listed = api.get(STATE, params=state_params(), headers=V, auth=auth)
    assert listed.json() == ["bookmark", "picture"]
    later = api.get(STATE, params=state_params(since="2999-01-01T00:00:00Z"), headers=V, auth=auth)
    assert later.json() == []
    earlier = api.get(
        STATE, params=state_params(since="2000-01-01T00:00:00+07:00"), headers=V, auth=auth
    )
    assert earlier.json() == ["bookmark", "picture"]

    # POST merges two JSON objects: the posted properties win, the others stay.
    merged = api.post(
        STATE,
        params=state_params("bookmark"),
        content=b'{"page": 4, "score": 0.5}',
        headers={**V, "Content-Type": "application/json"},
        auth=auth,
    )
    assert merged.status_code == 204, merged.text
    after = api.get(STATE, params=state_params("bookmark"), headers=V, auth=auth)
    assert after.json() == {"page": 4, "seen": ["a"], "score": 0.5}
    assert after.headers["etag"] == sha1_tag(after.content)

    # A JSON document cannot be merged with anything else; the document is unchanged.
    for content, content_type in ((b"page=5", "text/plain"), (b"[1, 2]", "application/json")):
        refused = api.post(
            STATE,
            params=state_params("bookmark"),
            content=content,
            headers={**V, "Content-Type": content_type},
            auth=auth,
        )
        assert refused.status_code == 400
        assert refused.json()["code"] == "document.not_mergeable"
    assert api.get(STATE, params=state_params("bookmark"), headers=V, auth=auth).json() == {
        "page": 4,
        "seen": ["a"],
        "score": 0.5,
    }

    # A registration is a set of its own.
    registration = str(uuid.uuid4())
    api.put(
        STATE,
        params=state_params("bookmark", registration=registration),
        content=b"{}",
        headers={**V, "Content-Type": "application/json"},
        auth=auth,
    )
    assert api.get(
        STATE, params=state_params(registration=registration), headers=V, auth=auth
    ).json() == ["bookmark"]

    deleted = api.delete(STATE, params=state_params("picture"), headers=V, auth=auth)
    assert deleted.status_code == 204
    missing = api.get(STATE, params=state_params("picture"), headers=V, auth=auth)
    assert missing.status_code == 404
    assert missing.json()["code"] == "document.not_found"
    assert api.delete(STATE, params=state_params(), headers=V, auth=auth).status_code == 204
    assert api.get(STATE, params=state_params(), headers=V, auth=auth).json() == []
    # Deleting the set without a registration leaves the registration's own set.
    assert api.get(
        STATE, params=state_params(registration=registration), headers=V, auth=auth
    ).json() == ["bookmark"]


def test_state_overwrites_without_preconditions_and_honours_them_when_given(api, clients):
    auth = clients["mission"]
    headers = {**V, "Content-Type": "application/json"}
    assert api.put(STATE, params=state_params("s"), content=b"1", headers=headers, auth=auth)
    again = api.put(STATE, params=state_params("s"), content=b"2", headers=headers, auth=auth)
    assert again.status_code == 204
    stale = api.put(
        STATE,
        params=state_params("s"),
        content=b"3",
        headers={**headers, "If-Match": sha1_tag(b"1")},
        auth=auth,
    )
    assert stale.status_code == 412
    assert api.get(STATE, params=state_params("s"), headers=V, auth=auth).content == b"2"


@pytest.mark.parametrize(
    ("path", "params"),
    [
        (ACTIVITY_PROFILE, {"activityId": ACTIVITY, "profileId": "glossary"}),
        (AGENT_PROFILE, {"agent": json.dumps(AGENT), "profileId": "preferences"}),
    ],
)
def test_profile_documents_need_a_precondition_to_be_replaced(api, clients, path, params):
    auth = clients["mission"]
    headers = {**V, "Content-Type": "application/json"}
    first, second = b'{"v": 1}', b'{"v": 2}'
    created = api.put(path, params=params, content=first, headers=headers, auth=auth)
    assert created.status_code == 204, created.text
    assert created.headers["etag"] == sha1_tag(first)

    # Overwriting without If-Match or If-None-Match: 409, nothing changes.
    blind = api.put(path, params=params, content=second, headers=headers, auth=auth)
    assert blind.status_code == 409
    assert blind.json()["code"] == "document.exists"
    # A stale ETag, or If-None-Match: * on an existing document: 412, nothing changes.
    for condition in ({"If-Match": sha1_tag(b"old")}, {"If-None-Match": "*"}):
        failed = api.put(
            path, params=params, content=second, headers={**headers, **condition}, auth=auth
        )
        assert failed.status_code == 412
        assert failed.json()["code"] == "document.precondition_failed"
    assert api.get(path, params=params, headers=V, auth=auth).content == first

    replaced = api.put(
        path,
        params=params,
        content=second,
        headers={**headers, "If-Match": sha1_tag(first)},
        auth=auth,
    )
    assert replaced.status_code == 204
    got = api.get(path, params=params, headers=V, auth=auth)
    assert (got.content, got.headers["etag"]) == (second, sha1_tag(second))
    # A GET naming the current ETag in If-None-Match: 304, no body.
    cached = api.get(
        path, params=params, headers={**V, "If-None-Match": sha1_tag(second)}, auth=auth
    )
    assert cached.status_code == 304

    # POST merges and honours If-Match too.
    stale_post = api.post(
        path,
        params=params,
        content=b'{"w": 1}',
        headers={**headers, "If-Match": sha1_tag(first)},
        auth=auth,
    )
    assert stale_post.status_code == 412
    merged = api.post(path, params=params, content=b'{"w": 1}', headers=headers, auth=auth)
    assert merged.status_code == 204
    assert api.get(path, params=params, headers=V, auth=auth).json() == {"v": 2, "w": 1}

    # If-None-Match: * creates only what does not exist.
    other = {**params, "profileId": "new-one"}
    fresh = api.put(
        path, params=other, content=b"{}", headers={**headers, "If-None-Match": "*"}, auth=auth
    )
    assert fresh.status_code == 204
    listed = api.get(path, params={k: v for k, v in params.items() if k != "profileId"},
                     headers=V, auth=auth)  # fmt: skip
    assert sorted(listed.json()) == sorted([params["profileId"], "new-one"])

    wrong_delete = api.delete(
        path, params=params, headers={**V, "If-Match": sha1_tag(b"old")}, auth=auth
    )
    assert wrong_delete.status_code == 412
    assert api.delete(path, params=params, headers=V, auth=auth).status_code == 204
    assert api.get(path, params=params, headers=V, auth=auth).status_code == 404


def test_head_answers_a_get_without_its_body(api, clients):
    auth = clients["mission"]
    params = {"activityId": ACTIVITY, "profileId": "p"}
    api.put(
        ACTIVITY_PROFILE,
        params=params,
        content=b"hello",
        headers={**V, "Content-Type": "text/plain"},
        auth=auth,
    )
    head = api.head(ACTIVITY_PROFILE, params=params, headers=V, auth=auth)
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["etag"] == sha1_tag(b"hello")
    assert head.headers["content-length"] == "5"
    for path, query in (
        ("/xapi/activities", {"activityId": ACTIVITY}),
        ("/xapi/agents", {"agent": json.dumps(AGENT)}),
    ):
        answer = api.head(path, params=query, headers=V, auth=auth)
        assert (answer.status_code, answer.content) == (200, b"")


def test_documents_are_shared_within_a_unit_subtree_only(api, clients):
    headers = {**V, "Content-Type": "application/json"}
    params = {"activityId": ACTIVITY, "profileId": "shared"}
    api.put(ACTIVITY_PROFILE, params=params, content=b'{"by": "tokyo"}', headers=headers,
            auth=clients["mission"])  # fmt: skip

    # The sibling mission's tool does not see it, and its own document is its own.
    hidden = api.get(ACTIVITY_PROFILE, params=params, headers=V, auth=clients["sibling"])
    assert hidden.status_code == 404
    own = api.put(ACTIVITY_PROFILE, params=params, content=b'{"by": "paris"}',
                  headers=headers, auth=clients["sibling"])  # fmt: skip
    assert own.status_code == 204  # not 409: Tokyo's document is not in its scope
    assert api.get(ACTIVITY_PROFILE, params=params, headers=V,
                   auth=clients["mission"]).json() == {"by": "tokyo"}  # fmt: skip
    assert api.delete(STATE, params=state_params(), headers=V, auth=clients["sibling"])

    # The ministry's tool reads the missions' documents and changes them with If-Match.
    seen = api.get(ACTIVITY_PROFILE, params=params, headers=V, auth=clients["ministry"])
    assert seen.status_code == 200
    assert seen.json()["by"] in ("tokyo", "paris")
    changed = api.put(
        ACTIVITY_PROFILE,
        params=params,
        content=b'{"by": "ministry"}',
        headers={**headers, "If-Match": seen.headers["etag"]},
        auth=clients["ministry"],
    )
    assert changed.status_code == 204
    mine = "mission" if seen.json()["by"] == "tokyo" else "sibling"
    assert api.get(ACTIVITY_PROFILE, params=params, headers=V,
                   auth=clients[mine]).json() == {"by": "ministry"}  # fmt: skip


@pytest.mark.parametrize(
    ("path", "params", "parameter"),
    [
        (STATE, {"agent": json.dumps(AGENT), "stateId": "s"}, "activityId"),
        (STATE, {"activityId": "not an iri", "agent": json.dumps(AGENT)}, "activityId"),
        (STATE, {"activityId": ACTIVITY}, "agent"),
        (STATE, {"activityId": ACTIVITY, "agent": "{not json"}, "agent"),
        (STATE, {"activityId": ACTIVITY, "agent": json.dumps({"name": "no ifi"})}, "agent"),
        (
            STATE,
            {
                "activityId": ACTIVITY,
                "agent": json.dumps({"objectType": "Group", "member": [AGENT]}),
            },
            "agent",
        ),
        (STATE, {**state_params(), "registration": "nope"}, "registration"),
        (STATE, {**state_params("s"), "since": "not a time"}, "since"),
        (ACTIVITY_PROFILE, {"activityId": ACTIVITY, "stateId": "s"}, "stateId"),
        (AGENT_PROFILE, {"agent": json.dumps(AGENT), "ProfileId": "p"}, "ProfileId"),
        ("/xapi/activities", {}, "activityId"),
        ("/xapi/agents", {"agent": json.dumps({"mbox": "an@example.org"})}, "agent"),
    ],
)
def test_missing_or_malformed_parameters_are_refused_with_400(
    api, clients, path, params, parameter
):
    answer = api.get(path, params=params, headers=V, auth=clients["mission"])
    assert answer.status_code == 400, answer.text
    assert answer.json()["values"]["parameter"] == parameter


def test_a_document_declared_json_must_be_json_and_a_put_needs_its_id(api, clients):
    headers = {**V, "Content-Type": "application/json"}
    bad = api.put(STATE, params=state_params("s"), content=b"{oops", headers=headers,
                  auth=clients["mission"])  # fmt: skip
    assert bad.status_code == 400
    assert bad.json()["code"] == "request.not_json"
    no_id = api.put(STATE, params=state_params(), content=b"{}", headers=headers,
                    auth=clients["mission"])  # fmt: skip
    assert no_id.status_code == 400
    assert no_id.json()["values"]["parameter"] == "stateId"


def test_a_document_over_the_limit_is_refused_before_it_is_read(api, clients):
    answer = api.put(
        STATE,
        params=state_params("big"),
        content=b"x" * (1024 * 1024 + 1),
        headers={**V, "Content-Type": "text/plain"},
        auth=clients["mission"],
    )
    assert answer.status_code == 413
    assert answer.json()["code"] == "request.too_large"


def test_merges_cannot_grow_a_document_past_the_limit(api, clients):
    headers = {**V, "Content-Type": "application/json"}
    half = 600 * 1024
    first = json.dumps({"a": "x" * half}).encode()
    put = api.put(STATE, params=state_params("grows"), content=first, headers=headers,
                  auth=clients["mission"])  # fmt: skip
    assert put.status_code == 204
    grown = api.post(STATE, params=state_params("grows"), content=json.dumps({"b": "y" * half}),
                     headers=headers, auth=clients["mission"])  # fmt: skip
    assert grown.status_code == 413
    assert grown.json()["code"] == "request.too_large"
    kept = api.get(STATE, params=state_params("grows"), headers=V, auth=clients["mission"])
    assert kept.content == first


def test_the_alternate_request_syntax_writes_and_reads_a_document(api, clients):
    key, secret = clients["mission"]
    import base64

    authorization = "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode()
    form = {
        **state_params("via-form"),
        "Authorization": authorization,
        "X-Experience-API-Version": XAPI_VERSION,
        "Content-Type": "application/json",
        "content": '{"form": true}',
    }
    put = api.post(
        f"{STATE}?method=PUT",
        content=urlencode(form),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert put.status_code == 204, put.text
    got = api.get(STATE, params=state_params("via-form"), headers=V, auth=clients["mission"])
    assert got.json() == {"form": True}


def _statement(actor: dict, definition: dict | None = None) -> dict:
    obj: dict = {"objectType": "Activity", "id": ACTIVITY}
    if definition is not None:
        obj["definition"] = definition
    return {
        "id": str(uuid.uuid4()),
        "actor": actor,
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
        "object": obj,
    }


def test_activities_resource_merges_the_definitions_the_client_may_read(api, clients):
    actor = {"account": {"homePage": "https://academy.example", "name": "an"}}
    first = {
        "name": {"en-US": "Diplomatic mail", "vi-VN": "Thư ngoại giao"},
        "type": "http://x/course",
    }
    second = {"name": {"en-US": "Diplomatic mail (2027)"}, "description": {"en-US": "How to"}}
    for definition in (first, None, second):
        posted = api.post("/xapi/statements", json=_statement(actor, definition), headers=V,
                          auth=clients["mission"])  # fmt: skip
        assert posted.status_code == 200, posted.text
    # A definition given where the activity is a statement's context counts too.
    lesson = _statement(actor)
    lesson["object"] = {"objectType": "Activity", "id": "http://example.org/lesson/1"}
    lesson["context"] = {
        "contextActivities": {
            "parent": [{"id": ACTIVITY, "definition": {"moreInfo": "http://example.org/mail"}}]
        }
    }
    assert api.post("/xapi/statements", json=lesson, headers=V, auth=clients["mission"])
    activity = api.get("/xapi/activities", params={"activityId": ACTIVITY}, headers=V,
                       auth=clients["mission"]).json()  # fmt: skip
    assert activity == {
        "objectType": "Activity",
        "id": ACTIVITY,
        "definition": {
            "name": {"en-US": "Diplomatic mail (2027)", "vi-VN": "Thư ngoại giao"},
            "description": {"en-US": "How to"},
            "type": "http://x/course",
            "moreInfo": "http://example.org/mail",
        },
    }
    # Another mission's tool does not read those statements: it knows only the id.
    unknown = api.get("/xapi/activities", params={"activityId": ACTIVITY}, headers=V,
                      auth=clients["sibling"]).json()  # fmt: skip
    assert unknown == {"objectType": "Activity", "id": ACTIVITY}


def test_agents_resource_combines_a_learners_accounts_and_the_names_statements_give(
    api, ctx, world, clients
):
    laptop = enrol(api, world.alice_code)
    phone = enrol(api, new_code(ctx, world.alice))
    on_phone = {"account": {"homePage": ACCOUNT_HOME_PAGE, "name": phone["profile_id"]}}
    named = api.post("/xapi/statements", json=_statement({**on_phone, "name": "Nguyễn Thị An"}),
                     headers=V, auth=clients["mission"])  # fmt: skip
    assert named.status_code == 200, named.text
    asked = {
        "objectType": "Agent",
        "name": "An",
        "account": {"homePage": ACCOUNT_HOME_PAGE, "name": laptop["profile_id"]},
    }
    person = api.get("/xapi/agents", params={"agent": json.dumps(asked)}, headers=V,
                     auth=clients["mission"]).json()  # fmt: skip
    assert person["objectType"] == "Person"
    assert person["name"] == ["An", "Nguyễn Thị An"]
    assert [a["name"] for a in person["account"]] == [laptop["profile_id"], phone["profile_id"]]
    # Outside the learner's unit, only what was asked comes back.
    elsewhere = api.get("/xapi/agents", params={"agent": json.dumps(asked)}, headers=V,
                        auth=clients["sibling"]).json()  # fmt: skip
    assert elsewhere["name"] == ["An"]
    assert [a["name"] for a in elsewhere["account"]] == [laptop["profile_id"]]

    # An agent known only from statements: its names, newest first.
    for name in ("A. Nguyen", "An Nguyen"):
        api.post("/xapi/statements", json=_statement({**AGENT, "name": name}), headers=V,
                 auth=clients["mission"])  # fmt: skip
    mbox = api.get("/xapi/agents", params={"agent": json.dumps(AGENT)}, headers=V,
                   auth=clients["mission"]).json()  # fmt: skip
    assert mbox == {
        "objectType": "Person",
        "name": ["An Nguyen", "A. Nguyen"],
        "mbox": ["mailto:an@example.org"],
    }
    nobody = {"mbox": "mailto:nobody@example.org"}
    assert api.get("/xapi/agents", params={"agent": json.dumps(nobody)}, headers=V,
                   auth=clients["mission"]).json() == {"objectType": "Person",
                                                      "mbox": [nobody["mbox"]]}  # fmt: skip


def test_the_documents_migration_goes_down_and_up_again(ctx, api, clients):
    from alembic import command
    from sqlalchemy import inspect

    from sync.server.db import alembic_config

    api.put(STATE, params=state_params("s"), content=b"1", headers=V, auth=clients["mission"])
    config = alembic_config()
    with ctx.db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0007")
    assert "xapi_documents" not in inspect(ctx.db.engine).get_table_names()
    ctx.db.migrate()
    assert "xapi_documents" in inspect(ctx.db.engine).get_table_names()
    # The table comes back empty and works.
    assert api.get(STATE, params=state_params(), headers=V, auth=clients["mission"]).json() == []
    api.put(STATE, params=state_params("t"), content=b"2", headers=V, auth=clients["mission"])
    assert api.get(STATE, params=state_params(), headers=V, auth=clients["mission"]).json() == ["t"]


def test_of_writers_holding_the_same_etag_exactly_one_wins(live, clients):
    """Lost updates: eight tools read the profile, then all PUT with its ETag at once."""
    import threading

    import requests

    auth = clients["mission"]
    url = f"{live.url}{ACTIVITY_PROFILE}"
    params = {"activityId": ACTIVITY, "profileId": "contended"}
    headers = {**V, "Content-Type": "application/json"}
    requests.put(url, params=params, data=b"{}", headers=headers, auth=auth, timeout=30)
    tag = sha1_tag(b"{}")
    start = threading.Barrier(8)
    statuses: list[int] = []

    def write(n: int) -> None:
        start.wait()
        answer = requests.put(
            url,
            params=params,
            data=json.dumps({"writer": n}).encode(),
            headers={**headers, "If-Match": tag},
            auth=auth,
            timeout=60,
        )
        statuses.append(answer.status_code)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [204] + [412] * 7
    final = requests.get(url, params=params, headers=V, auth=auth, timeout=30)
    assert final.headers["etag"] == sha1_tag(final.content) != tag


def test_of_writers_creating_the_same_document_exactly_one_wins(live, clients):
    """Eight tools create the same profile at once with If-None-Match: *: one creates
    it, the others are told it exists now (412), never a 500 from the unique key."""
    import threading

    import requests

    url = f"{live.url}{ACTIVITY_PROFILE}"
    params = {"activityId": ACTIVITY, "profileId": "raced"}
    headers = {**V, "Content-Type": "application/json", "If-None-Match": "*"}
    start = threading.Barrier(8)
    statuses: list[int] = []

    def create(n: int) -> None:
        start.wait()
        answer = requests.put(url, params=params, data=json.dumps({"writer": n}).encode(),
                              headers=headers, auth=clients["mission"], timeout=60)  # fmt: skip
        statuses.append(answer.status_code)

    threads = [threading.Thread(target=create, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [204] + [412] * 7
    listed = requests.get(url, params={"activityId": ACTIVITY}, headers=V,
                          auth=clients["mission"], timeout=30)  # fmt: skip
    assert listed.json() == ["raced"]
