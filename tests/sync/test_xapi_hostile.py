"""A hostile review of the xAPI LRS on /xapi, as a cheat and as an attacker would try it,
on SQLite and PostgreSQL. Each test makes one attempt and asserts the safe outcome:
the status a well-behaved LRS answers, and that nothing stored changed (or only what
the attempt may change).

The world: the ministry, its mission in Tokyo (Alice, enrolled, with an exam attempt's
statements) and a sibling mission in Paris. Three xAPI tools: Tokyo's LMS, Paris's
LMS and the ministry's analytics. Paris must learn nothing of Tokyo's learners and
change nothing of theirs; no tool can make, unmake or hide a grade or a certificate.
"""

from __future__ import annotations

import base64
import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import func, select

from sync.server import admin
from sync.server.models import (
    Certificate,
    ExamAttempt,
    ItemAnswer,
    LearnerPackVersion,
    LearnerProgress,
    LearnerResult,
    Statement,
    StatementVoid,
    XapiAttachment,
    XapiDocument,
)
from sync.xapi import ACCOUNT_HOME_PAGE, SERVER_HOME_PAGE, make_statement

from . import exams
from .conftest import CREATED, bearer, enrol
from .xapi_helpers import ACTIVITY, Lrs, V, add_client, statement, voiding

PUSH = "/api/v1/statements"
COUNTED = (
    Statement,
    StatementVoid,
    XapiAttachment,
    XapiDocument,
    ExamAttempt,
    Certificate,
    LearnerResult,
    LearnerProgress,
    LearnerPackVersion,
    ItemAnswer,
)


@dataclass
class Hostile:
    """The world of these tests (see the module docstring)."""

    tokyo: Lrs
    paris: Lrs
    ministry: Lrs
    alice: dict
    alice_actor: dict
    paris_unit: int


@pytest.fixture
def hostile(api, ctx, world) -> Hostile:
    with ctx.db.write() as session:
        paris = admin.create_unit(session, "test", "ĐSQ Paris", "mission", world.ministry).id
    alice = enrol(api, world.alice_code)
    return Hostile(
        tokyo=Lrs(api, add_client(ctx, world.mission, "Tokyo LMS")),
        paris=Lrs(api, add_client(ctx, paris, "Paris LMS")),
        ministry=Lrs(api, add_client(ctx, world.ministry, "Ministry analytics")),
        alice=alice,
        alice_actor=account(alice["profile_id"]),
        paris_unit=paris,
    )


def account(profile_id: str) -> dict:
    return {"objectType": "Agent", "account": {"homePage": ACCOUNT_HOME_PAGE, "name": profile_id}}


def snapshot(ctx) -> dict[str, Any]:
    """Every row count an attempt could change, and which statements are voided."""
    with ctx.db.read() as session:
        counts = {
            model.__tablename__: session.scalar(select(func.count()).select_from(model))
            for model in COUNTED
        }
        voided = sorted(session.scalars(select(Statement.statement_id).where(Statement.voided)))
    return {**counts, "voided": voided}


def push(api, device, statements: list[dict]) -> dict:
    answer = api.post(PUSH, json={"statements": statements}, headers=bearer(device["device_token"]))
    assert answer.status_code == 200, answer.text
    return answer.json()


def pulled(api, device) -> list[dict]:
    answer = api.get(PUSH, headers=bearer(device["device_token"]), params={"after": 0})
    return answer.json()["statements"]


def lesson(profile_id: str, verb: str = "completed", **extra) -> dict:
    return make_statement(
        profile_id=profile_id,
        verb=verb,
        pack_id=exams.PACK,
        kind="lesson",
        local_id="l1",
        pack_version=3,
        app_version="0.1.0",
        device_id="alice-laptop",
        **extra,
    )


def problem(answer) -> tuple[int, str]:
    return answer.status_code, answer.json().get("code", "")


# ------------------------------------------------------------------ reading outside the scope


def test_a_sibling_missions_tool_finds_none_of_a_learners_statements_by_any_filter(
    api, ctx, hostile
):
    registration = str(uuid.uuid4())
    sent = [
        lesson(hostile.alice["profile_id"], registration=registration),
        lesson(hostile.alice["profile_id"], "experienced", registration=registration),
    ]
    push(api, hostile.alice, sent)
    about_alice = statement(
        actor=hostile.alice_actor, obj={"objectType": "Activity", "id": ACTIVITY}
    )
    assert hostile.tokyo.post(about_alice).status_code == 200
    own = statement()
    assert hostile.paris.post(own).status_code == 200
    agent = json.dumps(hostile.alice_actor)
    activity = sent[0]["object"]["id"]
    queries = [
        {"agent": agent},
        {"agent": agent, "related_agents": "true"},
        {"activity": activity},
        {"activity": f"urn:hocvu:pack:{exams.PACK}", "related_activities": "true"},
        {"verb": sent[0]["verb"]["id"]},
        {"registration": registration},
        {"since": "2000-01-01T00:00:00Z", "ascending": "true"},
        {"until": "2999-01-01T00:00:00Z", "limit": "0"},
        {"format": "ids", "attachments": "true"},
    ]
    for query in queries:
        answer = hostile.paris.get(**query)
        assert answer.status_code == 200, (query, answer.text)
        for s in [*sent, about_alice]:
            assert s["id"].encode() not in answer.content, query
    for s in [*sent, about_alice]:
        assert hostile.paris.get(statementId=s["id"]).status_code == 404
        assert hostile.paris.get(voidedStatementId=s["id"]).status_code == 404
    # The ministry's analytics and Tokyo's LMS see them all.
    assert {s["id"] for s in sent} <= set(hostile.ministry.ids(registration=registration))
    assert {s["id"] for s in [*sent, about_alice]} <= set(hostile.tokyo.ids(agent=agent))


def _token(link: str) -> dict:
    return json.loads(base64.urlsafe_b64decode(link.split("more=")[1]))


def _link(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode()


def test_a_more_link_taken_or_tampered_with_reads_only_what_its_user_may(api, ctx, hostile):
    sent = [lesson(hostile.alice["profile_id"]) for _ in range(5)]
    push(api, hostile.alice, sent)
    first = hostile.tokyo.get(limit="2").json()
    assert len(first["statements"]) == 2 and first["more"]
    # Paris replays Tokyo's link: its own scope applies, so it reads nothing of Alice's.
    replayed = hostile.paris.api.get(first["more"], auth=hostile.paris.auth, headers=V)
    assert replayed.status_code == 200 and replayed.json()["statements"] == []
    # Paris rewrites the link: other filters, the cursor back to the start, no bound.
    data = _token(first["more"])
    for tampered in (
        {**data, "a": 10**9, "b": None},
        {"p": {"agent": json.dumps(hostile.alice_actor)}, "a": 10**9, "b": 10**9},
        {"p": {"limit": "500", "related_agents": "true"}, "a": 0, "b": 10**9},
    ):
        answer = hostile.paris.get(more=_link(tampered))
        assert answer.status_code == 200, answer.text
        assert answer.json()["statements"] == []
    for broken in (
        {"p": {"limit": "2"}, "a": "1", "b": 1},
        {"p": {"agent": "[" * 5000}, "a": 1, "b": 1},
    ):
        assert problem(hostile.paris.get(more=_link(broken)))[0] == 400
    deep = base64.urlsafe_b64encode(b"[" * 5000).decode()
    assert problem(hostile.paris.get(more=deep))[0] == 400


def test_sub_statements_and_statement_refs_about_a_learner_stay_their_writers(api, ctx, hostile):
    """Paris may mention Alice inside a sub-statement or point at her statement's id:
    its statements stay unattached, Alice's devices do not pull them, and pointing
    at her statement does not let Paris read it."""
    [mine] = sent = [lesson(hostile.alice["profile_id"])]
    push(api, hostile.alice, sent)
    sub = statement(
        obj={
            "objectType": "SubStatement",
            "actor": hostile.alice_actor,
            "verb": {"id": "http://adlnet.gov/expapi/verbs/passed"},
            "object": {"objectType": "Activity", "id": mine["object"]["id"]},
        }
    )
    ref = statement(obj={"objectType": "StatementRef", "id": mine["id"]})
    assert hostile.paris.post([sub, ref]).status_code == 200
    assert {s["id"] for s in pulled(api, hostile.alice)} == {mine["id"]}
    agent = json.dumps(hostile.alice_actor)
    assert set(hostile.paris.ids(agent=agent, related_agents="true")) == {sub["id"]}
    assert hostile.paris.get(statementId=mine["id"]).status_code == 404
    assert set(hostile.tokyo.ids()) == {mine["id"]}  # Paris's unattached ones are Paris's


def test_activities_and_agents_resources_give_a_sibling_no_names_from_another_unit(
    api, ctx, hostile, world
):
    second = enrol(api, admin_code(ctx, world.alice))
    named = statement(
        actor={**hostile.alice_actor, "name": "Nguyễn Thị An (Tokyo)"},
        obj={
            "objectType": "Activity",
            "id": ACTIVITY,
            "definition": {"name": {"vi": "Mật mã nội bộ Tokyo"}},
        },
    )
    assert hostile.tokyo.post(named).status_code == 200
    seen = hostile.paris.api.get(
        "/xapi/activities", params={"activityId": ACTIVITY}, auth=hostile.paris.auth, headers=V
    )
    assert seen.status_code == 200 and seen.json() == {"objectType": "Activity", "id": ACTIVITY}
    person = hostile.paris.api.get(
        "/xapi/agents",
        params={"agent": json.dumps(hostile.alice_actor)},
        auth=hostile.paris.auth,
        headers=V,
    ).json()
    assert "name" not in person
    assert person["account"] == [hostile.alice_actor["account"]]  # not her second device's
    ministry = hostile.ministry.api.get(
        "/xapi/agents",
        params={"agent": json.dumps(hostile.alice_actor)},
        auth=hostile.ministry.auth,
        headers=V,
    ).json()
    assert second["profile_id"] in {a["name"] for a in ministry["account"]}
    assert ministry["name"] == ["Nguyễn Thị An (Tokyo)"]


def admin_code(ctx, learner_id: str) -> str:
    with ctx.db.write() as session:
        return admin.create_enrolment_code(session, "test", learner_id, 14)


STATE = "/xapi/activities/state"


def test_documents_of_another_unit_cannot_be_read_changed_or_deleted(api, ctx, hostile):
    params = {
        "activityId": ACTIVITY,
        "agent": json.dumps(hostile.alice_actor),
        "stateId": "bookmark",
    }
    headers = {**V, "Content-Type": "application/json"}
    tokyo, paris = hostile.tokyo, hostile.paris
    assert (
        api.put(STATE, params=params, content=b'{"page": 7}', headers=headers, auth=tokyo.auth)
    ).status_code == 204
    before = snapshot(ctx)
    assert api.get(STATE, params=params, headers=V, auth=paris.auth).status_code == 404
    listed = api.get(STATE, params={**params, "stateId": None}, headers=V, auth=paris.auth)
    assert listed.status_code == 200 and listed.json() == []
    assert api.delete(STATE, params=params, headers=V, auth=paris.auth).status_code == 204
    whole = {k: v for k, v in params.items() if k != "stateId"}
    assert api.delete(STATE, params=whole, headers=V, auth=paris.auth).status_code == 204
    assert snapshot(ctx) == before
    # Its own PUT and POST make Paris's own document; Tokyo's stays as it was.
    for send in (api.put, api.post):
        assert (
            send(
                STATE, params=params, content=b'{"page": 1}', headers=headers, auth=paris.auth
            ).status_code
            == 204
        )
    assert api.get(STATE, params=params, headers=V, auth=tokyo.auth).json() == {"page": 7}
    assert api.get(STATE, params=params, headers=V, auth=paris.auth).json() == {"page": 1}


# ------------------------------------------------------------------ writing as someone else


@pytest.mark.parametrize(
    "name",
    [str.lower, str.upper, lambda p: "{" + p + "}", lambda p: "urn:uuid:" + p],
    ids=["lower", "upper", "braces", "urn"],
)
def test_a_tool_claiming_a_learner_of_another_unit_is_refused_and_nothing_stored(
    ctx, hostile, name
):
    before = snapshot(ctx)
    forged = statement(actor=account(name(hostile.alice["profile_id"])))
    assert problem(hostile.paris.post([statement(), forged])) == (403, "statement.outside_unit")
    assert problem(hostile.paris.put(forged)) == (403, "statement.outside_unit")
    assert snapshot(ctx) == before


def test_statements_for_a_profile_nobody_enrolled_yet_never_reach_its_learner(
    api, ctx, hostile, world
):
    """A tool writes for a profile UUID before any device enrols it: they stay
    unattached, so the device that later enrols with that UUID does not pull them and
    no progress comes of them."""
    profile = str(uuid.uuid4())
    early = lesson(profile)
    assert hostile.paris.post(early).status_code == 200
    bob = enrol(api, world.bob_code, profile_id=profile)
    assert pulled(api, bob) == []
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(LearnerProgress)) == 0
    assert hostile.tokyo.get(statementId=early["id"]).status_code == 404


def test_a_statement_id_of_a_devices_statement_cannot_be_taken_over(api, ctx, hostile):
    [mine] = sent = [lesson(hostile.alice["profile_id"])]
    push(api, hostile.alice, sent)
    before = snapshot(ctx)
    changed = {**mine, "result": {"success": False, "completion": False}}
    # Tokyo as Alice; Paris, which may not write as her, under its own actor.
    paris_own = {**changed, "actor": {"mbox": "mailto:paris@example.org"}}
    for lrs, sent_again in ((hostile.tokyo, changed), (hostile.paris, paris_own)):
        assert problem(lrs.put(sent_again)) == (409, "statement.conflict")
        assert problem(lrs.post([statement(), sent_again])) == (409, "statement.conflict")
        # Upper-case, the same id: the same conflict.
        assert problem(lrs.put({**sent_again, "id": mine["id"].upper()}))[0] == 409
    assert problem(hostile.paris.put(changed)) == (403, "statement.outside_unit")
    # The identical statement is accepted again and stays the device's.
    assert hostile.tokyo.put(mine).status_code == 204
    assert snapshot(ctx) == before
    got = hostile.tokyo.get(statementId=mine["id"]).json()
    assert got["authority"]["account"]["homePage"] == "urn:hocvu:device"
    assert "result" not in got


# ------------------------------------------------------------------ voiding


def test_a_tool_cannot_void_a_devices_statement_in_its_own_unit(api, ctx, hostile):
    [mine] = sent = [lesson(hostile.alice["profile_id"])]
    push(api, hostile.alice, sent)
    before = snapshot(ctx)
    for lrs in (hostile.tokyo, hostile.ministry, hostile.paris):
        answer = lrs.post(voiding(mine["id"]))
        assert answer.status_code == 403, answer.text
        assert lrs.put(voiding(mine["id"].upper())).status_code == 403
    assert snapshot(ctx) == before
    assert hostile.tokyo.get(statementId=mine["id"]).status_code == 200
    assert mine["id"] in {s["id"] for s in pulled(api, hostile.alice)}


def test_a_tool_voids_what_tools_wrote_in_its_scope(api, ctx, hostile):
    """What remains allowed: Tokyo voids its own statement about Alice, and the
    ministry a statement Tokyo's LMS wrote about her."""
    first, second = (statement(actor=hostile.alice_actor) for _ in range(2))
    assert hostile.tokyo.post([first, second]).status_code == 200
    assert hostile.tokyo.post(voiding(first["id"])).status_code == 200
    assert hostile.ministry.post(voiding(second["id"])).status_code == 200
    for s in (first, second):
        assert hostile.tokyo.get(voidedStatementId=s["id"]).status_code == 200


def test_a_voiding_waiting_for_its_target_applies_only_to_the_tool_that_sent_it(ctx, hostile):
    """Paris voids an id before it exists; Tokyo later stores a statement under that id
    (ids are often derived by tools, so they can be guessed): Tokyo's stays readable.
    A tool's own late target is still stored voided."""
    target = statement(actor=hostile.alice_actor)
    assert hostile.paris.post(voiding(target["id"])).status_code == 200
    assert hostile.tokyo.post(target).status_code == 200
    assert hostile.tokyo.get(statementId=target["id"]).status_code == 200
    own = statement()
    assert hostile.paris.post(voiding(own["id"])).status_code == 200
    assert hostile.paris.post(own).status_code == 200
    assert hostile.paris.get(voidedStatementId=own["id"]).status_code == 200


def test_a_device_pushing_a_voiding_statement_voids_nothing(api, ctx, hostile):
    """The app never voids; a device (or a bundle) sending a voiding statement for its
    learner's own statement, or for one not stored yet, hides nothing from xAPI readers."""
    first = lesson(hostile.alice["profile_id"])
    later = lesson(hostile.alice["profile_id"], "experienced")
    push(api, hostile.alice, [first])
    for target in (first, later):
        void = {**voiding(target["id"]), "actor": hostile.alice_actor}
        assert push(api, hostile.alice, [void])["accepted"] == [void["id"]]
    push(api, hostile.alice, [later])
    for target in (first, later):
        assert hostile.tokyo.get(statementId=target["id"]).status_code == 200
    assert snapshot(ctx)["voided"] == []


@pytest.fixture
def exam(ctx, dev, tmp_path, world):
    """The sealed level-2 exam on the server, assigned to the ministry."""
    exams.install_grading_key(ctx)
    path = exams.exam_pack(dev, tmp_path / "exam.hvpack")
    admin.add_pack(ctx.db, "test", path, ctx.settings.data_dir, ctx.roots, at=CREATED)
    with ctx.db.write() as session:
        admin.assign(session, "test", exams.PACK, world.ministry, None)
    return exams.opened_exam(path)


def _certificates(api, device) -> list[dict]:
    headers = bearer(device["device_token"])
    return api.get("/api/v1/certificates", headers=headers).json()["certificates"]


def _attempt_row(ctx, registration: str) -> ExamAttempt:
    with ctx.db.read() as session:
        return session.get(ExamAttempt, registration)


def test_a_tool_cannot_void_or_hide_a_server_graded_result(api, ctx, hostile, exam):
    """Tokyo reads Alice's attempt as it arrives (its registration), voids the id her
    result will have before the server grades it, then tries to void the result."""
    attempt = exams.attempt(exam, hostile.alice["profile_id"], "right")
    push(api, hostile.alice, attempt.statements[:1])
    [seen] = hostile.tokyo.get(registration=attempt.registration).json()["statements"]
    early = hostile.tokyo.post(voiding(attempt.result_id))
    push(api, hostile.alice, attempt.statements[1:])
    row = _attempt_row(ctx, attempt.registration)
    assert (row.status, row.passed) == ("graded", True) and row.certificate_id
    result_id = row.result_statement_id
    assert early.status_code == 200 and result_id != attempt.result_id  # moved aside
    got = hostile.tokyo.get(statementId=result_id)
    assert got.status_code == 200, (early.status_code, got.text)
    assert got.json()["authority"]["account"]["homePage"] == SERVER_HOME_PAGE
    before = snapshot(ctx)
    for lrs in (hostile.tokyo, hostile.ministry):
        assert lrs.post(voiding(result_id)).status_code == 403
        assert lrs.post(voiding(seen["id"])).status_code == 403
    # Nor can Alice's own device hide it.
    void = {**voiding(result_id), "actor": hostile.alice_actor}
    push(api, hostile.alice, [void])
    assert hostile.ministry.get(statementId=result_id).status_code == 200
    assert snapshot(ctx)["voided"] == before["voided"] == []
    [certificate] = _certificates(api, hostile.alice)
    assert certificate["certificate"]["statement_id"] == result_id


def test_a_tool_squatting_the_result_id_does_not_keep_the_result_from_the_learner(
    api, ctx, hostile, exam
):
    """Result ids are derived from the registration, which Tokyo can read: it writes a
    `passed` under that id before Alice submits wrong answers. The server's own result
    (failed) must still be stored and reach her devices, and no certificate comes."""
    attempt = exams.attempt(exam, hostile.alice["profile_id"], "wrong")
    push(api, hostile.alice, attempt.statements[:1])
    squat = make_statement(
        profile_id=hostile.alice["profile_id"],
        verb="passed",
        pack_id=exams.PACK,
        kind="exam",
        local_id=exams.EXAM,
        pack_version=3,
        app_version="0.1.0",
        device_id="alice-laptop",
        registration=attempt.registration,
        score=1.0,
        success=True,
        statement_id=attempt.result_id,
    )
    assert hostile.tokyo.put(squat).status_code == 204
    push(api, hostile.alice, attempt.statements[1:])
    row = _attempt_row(ctx, attempt.registration)
    assert (row.status, row.passed, row.certificate_id) == ("graded", False, None)
    results = [
        s
        for s in pulled(api, hostile.alice)
        if (s.get("authority") or {}).get("account", {}).get("homePage") == SERVER_HOME_PAGE
    ]
    assert [(s["id"], s["verb"]["id"].rsplit("/", 1)[1]) for s in results] == [
        (row.result_statement_id, "failed")
    ]
    assert _certificates(api, hostile.alice) == []
    with ctx.db.read() as session:
        [exam_result] = session.scalars(select(LearnerResult).where(LearnerResult.kind == "exam"))
    assert exam_result.first_passed is None and exam_result.best_score == 0.0


def test_a_tool_cannot_answer_a_learners_exam_for_her(api, ctx, hostile, exam):
    """Tokyo sees Alice's attempt start, then writes the right answers to its items
    with her registration, as her device would (the device API's extensions). Only
    what her devices sent is graded: she answered nothing, so she fails."""
    attempt = exams.attempt(exam, hostile.alice["profile_id"], {})
    attempted, completed = attempt.statements[0], attempt.statements[-1]
    push(api, hostile.alice, [attempted])
    right = exams.attempt(exam, hostile.alice["profile_id"], "right")
    injected = [
        {
            **s,
            "id": str(uuid.uuid4()),
            "context": {**s["context"], "registration": attempt.registration},
        }
        for s in right.statements
        if s["verb"]["id"].endswith("/answered")
    ]
    # Answers to the items of Alice's form, whatever form `right` drew.
    assert hostile.tokyo.post(injected).status_code == 200
    push(api, hostile.alice, [completed])
    row = _attempt_row(ctx, attempt.registration)
    assert row.status in ("graded", "held") and not row.passed and row.certificate_id is None
    assert _certificates(api, hostile.alice) == []
    with ctx.db.read() as session:  # nor do they reach the item analysis
        assert session.scalar(select(func.count()).select_from(ItemAnswer)) == 0


def test_nothing_a_tool_writes_as_the_device_would_grades_or_certifies(api, ctx, hostile, exam):
    """A whole attempt, right answers, the device API's extensions, a `passed` on the
    exam, sent by Tokyo's LMS for Alice: stored, attached, and never graded."""
    attempt = exams.attempt(exam, hostile.alice["profile_id"], "right")
    forged = make_statement(
        profile_id=hostile.alice["profile_id"],
        verb="passed",
        pack_id=exams.PACK,
        kind="exam",
        local_id=exams.EXAM,
        pack_version=3,
        app_version="0.1.0",
        device_id=hostile.alice["device_id"],
        registration=attempt.registration,
        score=1.0,
        success=True,
    )
    assert hostile.tokyo.post([*attempt.statements, forged]).status_code == 200
    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(ExamAttempt)) == 0
        assert session.scalar(select(func.count()).select_from(Certificate)) == 0
        exam_results = select(func.count()).select_from(LearnerResult)
        assert session.scalar(exam_results.where(LearnerResult.kind == "exam")) == 0
    assert _certificates(api, hostile.alice) == []


def _agent_of(home_page: str, name: str) -> dict:
    return {"objectType": "Agent", "account": {"homePage": home_page, "name": name}}


@pytest.mark.parametrize(
    "where",
    ["server", "server-in-group", "device", "other-tool", "result-grading"],
)
def test_what_only_the_server_writes_is_refused_from_a_tool(api, ctx, hostile, where):
    """The server's authority, the authority it gives a device's or a tool's statements
    (so that a tool cannot pass its statement off as Alice's laptop's), a grading."""
    forged = lesson(hostile.alice["profile_id"], "passed")
    authorities = {
        "server": _agent_of(SERVER_HOME_PAGE, "key-1"),
        "server-in-group": {
            "objectType": "Group",
            "member": [
                _agent_of(SERVER_HOME_PAGE, "key-1"),
                {"mbox": "mailto:app@example.org"},
            ],
        },
        "device": _agent_of("urn:hocvu:device", hostile.alice["device_id"]),
        # Paris LMS (client 2); Tokyo (1) sending its own authority sends what the
        # server would set again (tests/sync/test_xapi_resend.py).
        "other-tool": _agent_of("urn:hocvu:xapi-client", "2"),
    }
    if where in authorities:
        forged["authority"] = authorities[where]
    else:
        forged["result"] = {"extensions": {"urn:hocvu:ext:grading": {"status": "graded"}}}
    before = snapshot(ctx)
    assert problem(hostile.tokyo.post(forged)) == (400, "batch.statements_refused")
    assert hostile.tokyo.put(forged).status_code == 400
    assert snapshot(ctx) == before
    # Alice's device itself is refused the same (the app never sets an authority).
    pushed = api.post(
        PUSH, json={"statements": [forged]}, headers=bearer(hostile.alice["device_token"])
    )
    assert pushed.status_code == 400 and pushed.json()["errors"][0]["code"] == (
        "statement.server_only"
    )
    assert snapshot(ctx) == before


# ------------------------------------------------------------------ hostile input


def _raw(lrs: Lrs, body: bytes, content_type: str = "application/json", method: str = "POST"):
    return lrs.api.request(
        method,
        "/xapi/statements",
        content=body,
        headers={**V, "Content-Type": content_type},
        auth=lrs.auth,
    )


def test_deeply_nested_json_anywhere_is_a_400_not_a_crash(ctx, hostile):
    lrs = hostile.tokyo
    before = snapshot(ctx)
    assert _raw(lrs, b"[" * 100_000).status_code == 400
    assert _raw(lrs, b'{"a":' * 100_000).status_code == 400
    assert lrs.get(agent="[" * 3000).status_code == 400
    deep: Any = 1
    for _ in range(900):
        deep = [deep]
    nested = statement(context={"extensions": {"http://example.org/deep": deep}})
    assert lrs.post(nested).status_code == 400
    assert snapshot(ctx) == before
    for form in ("exact", "ids", "canonical"):
        assert lrs.get(format=form).status_code == 200
    # A document: the resource stores bytes, but a POST merges JSON it must parse.
    params = {"activityId": ACTIVITY, "agent": json.dumps(hostile.alice_actor), "stateId": "s"}
    headers = {**V, "Content-Type": "application/json"}
    for send in (lrs.api.put, lrs.api.post):
        answer = send(STATE, params=params, content=b"[" * 100_000, headers=headers, auth=lrs.auth)
        assert answer.status_code == 400, answer.text


def test_a_modestly_nested_extension_is_kept(hostile):
    """The depth limit leaves room for any extension a tool really sends."""
    value: Any = {"leaf": True}
    for n in range(20):
        value = {f"level{n}": [value]}
    kept = statement(result={"extensions": {"http://example.org/tree": value}})
    assert hostile.tokyo.post(kept).status_code == 200
    got = hostile.tokyo.get(statementId=kept["id"], format="canonical").json()
    assert got["result"]["extensions"]["http://example.org/tree"] == value


@pytest.mark.parametrize(
    "body",
    [
        b'{"id": "\xff\xfe"}',
        b"\xef\xbb\xbf" + b"{}",
        b"\x00",
        json.dumps(statement()).encode("utf-16")[:-1],
    ],
    ids=["invalid-utf8", "bom", "nul", "cut-utf16"],
)
def test_bodies_that_are_not_utf8_json_are_400(ctx, hostile, body):
    before = snapshot(ctx)
    answer = _raw(hostile.tokyo, body)
    assert answer.status_code == 400, answer.text
    assert snapshot(ctx) == before


@pytest.mark.parametrize(
    "where",
    ["actor-name", "extension-key", "extension-value", "verb-display", "response"],
)
def test_nul_characters_are_refused_before_the_database(ctx, hostile, where):
    sent = statement()
    if where == "actor-name":
        sent["actor"]["name"] = "An\x00"
    elif where == "extension-key":
        sent["context"] = {"extensions": {"http://example.org/\x00": 1}}
    elif where == "extension-value":
        sent["context"] = {"extensions": {"http://example.org/e": {"k": "v\x00"}}}
    elif where == "verb-display":
        sent["verb"]["display"] = {"en-US": "\x00"}
    else:
        sent["result"] = {"response": "a\x00b"}
    before = snapshot(ctx)
    answer = hostile.tokyo.post(sent)
    assert answer.status_code == 400, answer.text
    assert snapshot(ctx) == before


def test_nul_characters_in_parameters_are_refused_or_found_nothing(ctx, hostile):
    lrs = hostile.tokyo
    for params in (
        {"verb": "http://x.org/\x00"},
        {"activity": "http://x.org/\x00"},
        {"agent": json.dumps({"mbox": "mailto:a\x00@x.org"})},
        {"statementId": "\x00"},
    ):
        answer = lrs.get(**params)
        assert answer.status_code in (200, 400), (params, answer.text)
        if answer.status_code == 200:
            assert answer.json().get("statements", []) == []
    doc = {"activityId": ACTIVITY, "agent": json.dumps(hostile.alice_actor), "stateId": "a\x00b"}
    answer = lrs.api.put(STATE, params=doc, content=b"x", headers=V, auth=lrs.auth)
    assert answer.status_code in (204, 400), answer.text
    if answer.status_code == 204:
        assert lrs.api.get(STATE, params=doc, headers=V, auth=lrs.auth).content == b"x"


def _multipart(document: Any, parts: list[tuple[bytes, str]], boundary: str = "xx") -> bytes:
    out = [f"--{boundary}\r\nContent-Type: application/json\r\n\r\n".encode()]
    out += [json.dumps(document).encode(), b"\r\n"]
    for content, sha2 in parts:
        out.append(
            f"--{boundary}\r\nContent-Type: application/octet-stream\r\n"
            f"Content-Transfer-Encoding: binary\r\nX-Experience-API-Hash: {sha2}\r\n\r\n".encode()
        )
        out += [content, b"\r\n"]
    out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out)


def _attachment(content: bytes) -> dict:
    return {
        "usageType": "http://example.org/usage",
        "display": {"en-US": "file"},
        "contentType": "application/octet-stream",
        "length": len(content),
        "sha2": hashlib.sha256(content).hexdigest(),
    }


def test_many_attachments_and_a_giant_multipart(ctx, hostile):
    lrs = hostile.tokyo
    contents = [n.to_bytes(4, "big") for n in range(2000)]
    many = statement(attachments=[_attachment(c) for c in contents])
    parts = [(c, hashlib.sha256(c).hexdigest()) for c in contents]
    answer = _raw(lrs, _multipart(many, parts), "multipart/mixed; boundary=xx")
    # Either the statement is too large (its attachments' metadata) or all are kept.
    assert answer.status_code in (200, 400), answer.text
    before = snapshot(ctx)
    giant = b"\x00" * (18 * 1024 * 1024)
    one = statement(attachments=[_attachment(giant)])
    body = _multipart(one, [(giant, hashlib.sha256(giant).hexdigest())])
    answer = _raw(lrs, body, "multipart/mixed; boundary=xx")
    assert problem(answer) == (413, "request.too_large")
    assert snapshot(ctx) == before


@pytest.mark.parametrize(
    "content_type",
    [
        "multipart/mixed",
        "multipart/mixed; boundary=",
        'multipart/mixed; boundary="nope"',
        "multipart/form-data; boundary=xx",
        "application/x-www-form-urlencoded",
        "text/plain",
        "application/json; multipart/mixed; boundary=xx",
    ],
)
def test_content_type_tricks_are_refused(ctx, hostile, content_type):
    sent = statement(attachments=[_attachment(b"abc")])
    body = _multipart(sent, [(b"abc", hashlib.sha256(b"abc").hexdigest())])
    before = snapshot(ctx)
    answer = _raw(hostile.tokyo, body, content_type)
    assert answer.status_code == 400, answer.text
    assert snapshot(ctx) == before


def _jws(header: dict, payload: dict, signature: bytes = b"sig") -> bytes:
    def b64(data: bytes) -> str:
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()

    parts = [b64(json.dumps(header).encode()), b64(json.dumps(payload).encode()), b64(signature)]
    return ".".join(parts).encode()


@pytest.mark.parametrize(
    "header",
    [
        {"alg": "none"},
        {"alg": "HS256"},
        {"alg": "RS256", "x5c": "AAAA"},
        {"alg": "RS256", "x5c": [5]},
        {"alg": "RS256", "x5c": {"0": "x"}},
        {"alg": "ES256"},
    ],
    ids=["none", "hs256", "x5c-text", "x5c-number", "x5c-object", "es256"],
)
def test_signatures_with_a_weak_algorithm_or_a_broken_certificate_are_refused(ctx, hostile, header):
    payload = statement()
    jws = _jws(header, payload)
    signature = {
        **_attachment(jws),
        "usageType": "http://adlnet.gov/expapi/attachments/signature",
    }
    signed = {**payload, "attachments": [signature]}
    before = snapshot(ctx)
    body = _multipart(signed, [(jws, signature["sha2"])])
    answer = _raw(hostile.tokyo, body, "multipart/mixed; boundary=xx")
    assert problem(answer) == (400, "xapi.signature_invalid")
    assert snapshot(ctx) == before


# ------------------------------------------------------------------ request conventions


def test_a_delete_cannot_be_smuggled_through_get_or_a_malformed_alternate_request(ctx, hostile):
    lrs = hostile.tokyo
    params = {"activityId": ACTIVITY, "agent": json.dumps(hostile.alice_actor), "stateId": "s"}
    assert (
        lrs.api.put(STATE, params=params, content=b"kept", headers=V, auth=lrs.auth).status_code
        == 204
    )
    before = snapshot(ctx)
    form = {"X-Experience-API-Version": "1.0.3", **params}
    attempts = [
        lrs.api.get(STATE, params={**params, "method": "DELETE"}, headers=V, auth=lrs.auth),
        lrs.api.get(f"{STATE}?method=DELETE", headers=V, auth=lrs.auth),
        lrs.api.head(f"{STATE}?method=DELETE", headers=V, auth=lrs.auth),
        # The parameters in the query string beside `method`:
        lrs.api.post(
            f"{STATE}?method=DELETE&stateId=s",
            data=form,
            auth=lrs.auth,
        ),
        # The form as JSON:
        lrs.api.post(
            f"{STATE}?method=DELETE",
            content=json.dumps(form).encode(),
            headers={**V, "Content-Type": "application/json"},
            auth=lrs.auth,
        ),
        lrs.api.post(f"{STATE}?method=PURGE", data=form, auth=lrs.auth),
        lrs.api.post(f"{STATE}?method=DELETE&method=DELETE", data=form, auth=lrs.auth),
    ]
    for answer in attempts:
        assert answer.status_code in (400, 405), answer.text
    assert snapshot(ctx) == before
    assert lrs.api.get(STATE, params=params, headers=V, auth=lrs.auth).content == b"kept"
    # Paris, in the proper alternate syntax, deletes only in its own unit.
    paris = hostile.paris
    other = paris.api.post(f"{STATE}?method=DELETE", data=form, auth=paris.auth)
    assert other.status_code == 204
    assert snapshot(ctx) == before


def test_head_answers_no_body_whatever_the_answer(ctx, hostile):
    lrs = hostile.tokyo
    sent = statement(attachments=[_attachment(b"abc")])
    body = _multipart(sent, [(b"abc", hashlib.sha256(b"abc").hexdigest())])
    assert _raw(lrs, body, "multipart/mixed; boundary=xx").status_code == 200
    for path, params, status in (
        ("/xapi/statements", {"statementId": sent["id"], "attachments": "true"}, 200),
        ("/xapi/statements", {"attachments": "true"}, 200),
        ("/xapi/statements", {"statementId": str(uuid.uuid4())}, 404),
        ("/xapi/statements", {"nonsense": "1"}, 400),
        ("/xapi/activities", {"activityId": ACTIVITY}, 200),
        ("/xapi/about", {}, 200),
    ):
        answer = lrs.api.head(path, params=params, headers=V, auth=lrs.auth)
        assert answer.status_code == status, (path, params)
        assert answer.content == b""
    missing = lrs.api.head("/xapi/statements", auth=lrs.auth)
    assert missing.status_code == 400 and missing.content == b""


# ------------------------------------------------------------------ the filters' index


def _plan(ctx, sql) -> str:
    """The database's plan of a SELECT built by SQLAlchemy, as text."""
    with ctx.db.read() as session:
        connection = session.connection()
        compiled = sql.compile(
            dialect=connection.dialect, compile_kwargs={"render_postcompile": True}
        )
        if connection.dialect.name == "sqlite":
            params = tuple(compiled.params[name] for name in compiled.positiontup)
            rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}", params).all()
            return "\n".join(str(row[-1]) for row in rows)
        # The test tables are tiny: without this PostgreSQL would rightly scan them.
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
        rows = connection.exec_driver_sql(f"EXPLAIN {compiled}", compiled.params).all()
        return "\n".join(row[0] for row in rows)


def test_agent_and_registration_filters_walk_an_index(ctx, hostile):
    """A filter a client chooses must not scan the statements: the plan of each
    filtered query names an index on both databases."""
    from sync.server import xapi_query

    lrs = hostile.ministry
    registration = str(uuid.uuid4())
    sent = [statement(context={"registration": registration}) for _ in range(3)]
    assert lrs.post(sent).status_code == 200
    agent = json.dumps(sent[0]["actor"])
    for params in (
        {"agent": agent},
        {"registration": registration},
        {"activity": ACTIVITY},
        {"verb": sent[0]["verb"]["id"]},
        {"agent": agent, "verb": sent[0]["verb"]["id"]},
    ):
        assert {s["id"] for s in sent} <= set(lrs.ids(**params))
        query = xapi_query.parse(params)
        with ctx.db.read() as session:
            seen = xapi_query.visible(session, 1, hostile.paris_unit)
        plan = _plan(ctx, xapi_query.build(query, seen))
        assert "SCAN statements" not in plan and "Seq Scan on statements" not in plan, plan
        assert "index" in plan.lower(), plan


def test_concurrent_merges_lose_no_update_and_one_etag_wins_once(live, hostile):
    """Eight tools merge their own property into one state at once: every property is
    kept (no lost update). Then eight merge holding the same ETag: one wins."""
    import threading

    import requests

    auth = hostile.tokyo.auth
    url = f"{live.url}{STATE}"
    params = {"activityId": ACTIVITY, "agent": json.dumps(hostile.alice_actor), "stateId": "s"}
    headers = {**V, "Content-Type": "application/json"}
    requests.put(url, params=params, data=b"{}", headers=headers, auth=auth, timeout=30)

    def race(extra: dict[str, str], value: int) -> list[int]:
        start = threading.Barrier(8)
        statuses: list[int] = []

        def merge(n: int) -> None:
            start.wait()
            answer = requests.post(
                url,
                params=params,
                data=json.dumps({f"writer{n}": value}).encode(),
                headers={**headers, **extra},
                auth=auth,
                timeout=60,
            )
            statuses.append(answer.status_code)

        threads = [threading.Thread(target=merge, args=(n,)) for n in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return sorted(statuses)

    assert race({}, 1) == [204] * 8
    merged = requests.get(url, params=params, headers=V, auth=auth, timeout=30)
    assert merged.json() == {f"writer{n}": 1 for n in range(8)}
    # Each merge changes the document (a merge that changes nothing keeps its ETag).
    assert race({"If-Match": merged.headers["etag"]}, 2) == [204] + [412] * 7


def test_a_refusal_quoting_a_lone_surrogate_is_still_a_problem_answer(ctx, hostile):
    """The fuzzer's find: an unknown property named "\\ud800" (valid JSON text) was
    quoted in the refusal, which could not be encoded (500)."""
    sent = json.dumps({**statement(), "object": {"\ud800": None}}).encode()
    before = snapshot(ctx)
    answer = _raw(hostile.tokyo, sent)
    assert problem(answer) == (400, "batch.statements_refused")
    assert "\ud800" in answer.json()["detail"]
    assert snapshot(ctx) == before
