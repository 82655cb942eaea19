"""The /xapi statements resource, used by an xAPI client nobody here wrote: the
`tincan` package from PyPI (Rustici's TinCanPython)."""

from __future__ import annotations

import json
import uuid

import pytest
import requests
from tincan import (
    Activity,
    ActivityDefinition,
    Agent,
    AgentAccount,
    Context,
    LanguageMap,
    RemoteLRS,
    Result,
    Score,
    Statement,
    StatementRef,
    Verb,
)

from sync.server import admin
from sync.xapi import ACCOUNT_HOME_PAGE, XAPI_VERSION

from .conftest import enrol
from .test_server_api import stored_count


@pytest.fixture
def xapi_credentials(ctx, world) -> tuple[str, str]:
    with ctx.db.write() as session:
        return admin.add_xapi_client(session, "test", "LMS of the academy", world.ministry)


def lrs(url: str, credentials: tuple[str, str]) -> RemoteLRS:
    key, secret = credentials
    return RemoteLRS(version=XAPI_VERSION, endpoint=f"{url}/xapi/", username=key, password=secret)


def tincan_statement(account_name: str, homepage: str = ACCOUNT_HOME_PAGE) -> Statement:
    return Statement(
        id=str(uuid.uuid4()),
        actor=Agent(account=AgentAccount(home_page=homepage, name=account_name)),
        verb=Verb(
            id="http://adlnet.gov/expapi/verbs/completed",
            display=LanguageMap({"en-US": "completed"}),
        ),
        object=Activity(
            id="urn:hocvu:pack:vn.mofa.dl.demo:lesson:strong-passwords",
            definition=ActivityDefinition(name=LanguageMap({"en-US": "Strong passwords"})),
        ),
        result=Result(score=Score(scaled=0.75), success=True, completion=True),
    )


def test_tincan_client_writes_statements_and_reads_them_back(
    live, ctx, api, world, xapi_credentials
):
    remote = lrs(live.url, xapi_credentials)
    about = remote.about()
    assert about.success, about.data
    assert XAPI_VERSION in about.content.version

    learner = enrol(api, world.alice_code)
    attached = tincan_statement(learner["profile_id"])
    saved = remote.save_statement(attached)
    assert saved.success, saved.data
    unattached = [tincan_statement("staff-4711", "https://academy.example") for _ in range(3)]
    many = remote.save_statements(unattached)
    assert many.success, many.data

    fetched = remote.retrieve_statement(str(attached.id))
    assert fetched.success, fetched.data
    assert str(fetched.content.id) == str(attached.id)
    assert fetched.content.actor.account.name == learner["profile_id"]
    assert fetched.content.result.score.scaled == 0.75

    query = remote.query_statements({"limit": 2})
    assert query.success, query.data
    seen = [str(s.id) for s in query.content.statements]
    assert query.content.more
    more = remote.more_statements(query.content)
    assert more.success, more.data
    seen += [str(s.id) for s in more.content.statements]
    assert sorted(seen) == sorted(str(s.id) for s in [attached, *unattached])

    # The statement for a known profile belongs to its learner: the learner's devices pull it.
    pulled = api.get(
        "/api/v1/statements", headers={"Authorization": f"Bearer {learner['device_token']}"}
    ).json()["statements"]
    assert [s["id"] for s in pulled] == [str(attached.id)]

    # Saving the same statement again changes nothing.
    assert remote.save_statement(attached).success
    assert stored_count(ctx) == 4


def test_xapi_requests_without_the_version_header_are_refused(live, xapi_credentials):
    response = requests.get(f"{live.url}/xapi/statements", auth=xapi_credentials, timeout=10)
    assert response.status_code == 400
    assert response.json()["code"] == "xapi.version_missing"
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["X-Experience-API-Version"] == XAPI_VERSION


def test_xapi_rejects_wrong_credentials_and_changed_statements(live, world, api, xapi_credentials):
    headers = {"X-Experience-API-Version": XAPI_VERSION}
    wrong = requests.get(
        f"{live.url}/xapi/statements", auth=("nobody", "x"), headers=headers, timeout=10
    )
    assert wrong.status_code == 401
    assert wrong.json()["code"] == "auth.client_unknown"
    learner = enrol(api, world.alice_code)
    statement = tincan_statement(learner["profile_id"]).to_json(XAPI_VERSION)
    url = f"{live.url}/xapi/statements"
    body = json.loads(statement)
    put = requests.put(
        url,
        params={"statementId": body["id"]},
        json=body,
        headers=headers,
        auth=xapi_credentials,
        timeout=10,
    )
    assert put.status_code == 204
    body["result"]["score"]["scaled"] = 0.1
    clash = requests.put(
        url,
        params={"statementId": body["id"]},
        json=body,
        headers=headers,
        auth=xapi_credentials,
        timeout=10,
    )
    assert clash.status_code == 409
    assert clash.json()["code"] == "statement.conflict"


def test_xapi_statement_with_an_mbox_actor_is_stored_and_a_malformed_one_refused(
    live, xapi_credentials
):
    body = {
        "actor": {"mbox": "mailto:someone@example.org"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
        "object": {"id": "urn:hocvu:pack:vn.mofa.dl.demo:lesson:x"},
    }
    headers = {"X-Experience-API-Version": XAPI_VERSION}
    url = f"{live.url}/xapi/statements"
    stored = requests.post(url, json=body, headers=headers, auth=xapi_credentials, timeout=10)
    assert stored.status_code == 200, stored.text
    body["actor"] = {"mbox": "someone@example.org"}
    response = requests.post(url, json=body, headers=headers, auth=xapi_credentials, timeout=10)
    assert response.status_code == 400
    assert response.json()["code"] == "batch.statements_refused"
    [fault] = response.json()["values"]["errors"]
    assert fault["code"] == "statement.invalid"
    assert "mbox" in fault["error"]  # the English names the field


def test_tincan_client_voids_queries_with_filters_and_pages(live, xapi_credentials):
    remote = lrs(live.url, xapi_credentials)
    agent = Agent(mbox="mailto:an@example.org", name="An")
    other = Agent(openid="http://openid.example.org/binh")
    completed = Verb(id="http://adlnet.gov/expapi/verbs/completed")
    experienced = Verb(id="http://adlnet.gov/expapi/verbs/experienced")
    course = Activity(id="http://example.org/course")
    registration = str(uuid.uuid4())
    made = [
        Statement(
            actor=agent, verb=completed, object=course, context=Context(registration=registration)
        ),
        Statement(actor=agent, verb=experienced, object=course),
        Statement(actor=other, verb=completed, object=Activity(id="http://example.org/x")),
        Statement(actor=agent, verb=experienced, object=Activity(id="http://example.org/y")),
    ]
    for statement in made:
        saved = remote.save_statement(statement)
        assert saved.success, saved.data
    ids = [str(s.id) for s in made]

    def found(query: dict) -> list[str]:
        answer = remote.query_statements(query)
        assert answer.success, answer.data
        return [str(s.id) for s in answer.content.statements]

    assert found({"agent": agent}) == [ids[3], ids[1], ids[0]]
    assert found({"verb": completed}) == [ids[2], ids[0]]
    assert found({"activity": course, "ascending": True}) == [ids[0], ids[1]]
    assert found({"registration": registration}) == [ids[0]]
    assert found({"agent": agent, "verb": experienced, "format": "ids"}) == [ids[3], ids[1]]

    voided = remote.save_statement(
        Statement(
            actor=agent,
            verb=Verb(id="http://adlnet.gov/expapi/verbs/voided"),
            object=StatementRef(id=ids[1]),
        )
    )
    assert voided.success, voided.data
    assert not remote.retrieve_statement(ids[1]).success
    back = remote.retrieve_voided_statement(ids[1])
    assert back.success, back.data
    assert str(back.content.id) == ids[1]
    assert ids[1] not in found({"agent": agent})

    first = remote.query_statements({"limit": 2})
    assert first.success and first.content.more
    seen = [str(s.id) for s in first.content.statements]
    page = first.content
    while page.more:
        more = remote.more_statements(page)
        assert more.success, more.data
        page = more.content
        seen += [str(s.id) for s in page.statements]
    assert sorted(seen) == sorted([*ids[:1], *ids[2:], str(voided.content.id)])
