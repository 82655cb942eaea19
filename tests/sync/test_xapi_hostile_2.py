"""A second hostile review of the xAPI LRS on /xapi, of what changed on 2026-12-07:
statement comparison on re-sends, format=canonical definitions, StatementRef matching,
the authority as read, attachment scope and 2,048-byte IRIs. On SQLite and PostgreSQL.

The world: the ministry, its mission in Tokyo and a sibling mission in Paris, each
with its own xAPI tool, and the ministry's analytics tool (which reads Tokyo's
learners). A nosy tool must learn nothing of what it may not read, by any answer:
a statement, a definition, an attachment, or whether a guess about a statement it
cannot read is right. Costs are asserted as counts (queries, rows, bytes), never as
times; the CPU a request took is printed as a figure.
"""

from __future__ import annotations

import copy
import json
import time
import uuid
from dataclasses import dataclass

import pytest
from sqlalchemy import func, select

from sync.server import admin, limits
from sync.server.models import Statement
from sync.server.xapi_format import CLIENT_HOME_PAGE
from sync.xapi import ACCOUNT_HOME_PAGE

from .conftest import enrol
from .xapi_helpers import ACTIVITY, Lrs, V, add_client, statement, voiding

SECRET = "http://example.org/activities/tokyo-secret-exam"
SHARED = "http://adlnet.gov/expapi/verbs/shared"
FAILED = "http://adlnet.gov/expapi/verbs/failed"


@dataclass
class Units:
    tokyo: Lrs
    paris: Lrs
    ministry: Lrs
    tokyo_id: int
    alice: dict
    alice_actor: dict


def _client_id(ctx, key: str) -> int:
    from sync.server.models import XapiClient

    with ctx.db.read() as session:
        return session.scalar(select(XapiClient.id).where(XapiClient.key == key))


@pytest.fixture
def units(api, ctx, world) -> Units:
    with ctx.db.write() as session:
        paris = admin.create_unit(session, "test", "ĐSQ Paris", "mission", world.ministry).id
    tokyo = add_client(ctx, world.mission, "Tokyo LMS")
    alice = enrol(api, world.alice_code)
    return Units(
        tokyo=Lrs(api, tokyo),
        paris=Lrs(api, add_client(ctx, paris, "Paris LMS")),
        ministry=Lrs(api, add_client(ctx, world.ministry, "Ministry analytics")),
        tokyo_id=_client_id(ctx, tokyo[0]),
        alice=alice,
        alice_actor={
            "objectType": "Agent",
            "account": {"homePage": ACCOUNT_HOME_PAGE, "name": alice["profile_id"]},
        },
    )


def _stored_body(ctx, statement_id: str) -> str:
    with ctx.db.read() as session:
        return session.scalar(
            select(Statement.body).where(Statement.statement_id == statement_id.lower())
        )


TANAKA = {"objectType": "Agent", "mbox": "mailto:tanaka@mofa.example", "name": "Tanaka"}


def _failure(units: Units, actor: dict | None = None) -> dict:
    """A failed exam, as Tokyo's tool wrote it (by default of a person Paris's tool may
    write about too: Alice's account is refused to it with 403 before any comparison)."""
    return statement(
        actor=actor or TANAKA,
        verb=FAILED,
        obj={"objectType": "Activity", "id": SECRET},
        result={"success": False, "score": {"scaled": 0.31}},
        timestamp="2026-12-07T09:13:27.512+09:00",
    )


# ------------------------------------------------------------------ re-sends and comparison


def test_a_tool_guessing_another_units_statement_gets_the_same_409_right_or_wrong(units, ctx):
    hidden = _failure(units)
    assert units.tokyo.post(hidden).status_code == 200
    stored = _stored_body(ctx, hidden["id"])

    # Paris guesses: no timestamp (the comparison lets one side leave it out), the
    # definition and display free. Before the fix the right guess answered 204.
    right = {k: v for k, v in copy.deepcopy(hidden).items() if k != "timestamp"}
    wrong = copy.deepcopy(right)
    wrong["result"]["score"]["scaled"] = 0.95
    exact = copy.deepcopy(hidden)  # even byte for byte the stored copy
    answers = [
        units.paris.put(right).status_code,
        units.paris.put(wrong).status_code,
        units.paris.put(exact).status_code,
        units.paris.post([right]).status_code,
        units.paris.post([exact]).status_code,
    ]
    assert answers == [409] * 5
    assert _stored_body(ctx, hidden["id"]) == stored
    assert units.paris.get(statementId=hidden["id"]).status_code == 404


def test_a_tool_may_still_re_send_a_statement_it_can_read(units):
    """The ministry's analytics reads Tokyo's learners: its copy of Alice's statement,
    read back with what the LRS added, is the same statement (200), not a conflict."""
    sent = _failure(units, units.alice_actor)
    assert units.tokyo.post(sent).status_code == 200
    read = units.ministry.get(statementId=sent["id"])
    assert read.status_code == 200, read.text
    # Without the authority: Tokyo's, which it carries as read, is refused from any other
    # tool (grading.server_only_fault) — safe, if stricter than Data 2.3.1 asks.
    copied = {k: v for k, v in read.json().items() if k != "authority"}
    answer = units.ministry.post([copied])
    assert answer.status_code == 200, answer.text
    assert units.ministry.post([read.json()]).status_code == 400
    # Its own copy read back too: the authority the LRS gave it is dropped, not refused.
    own = statement()
    assert units.ministry.put(own).status_code == 204
    again = units.ministry.get(statementId=own["id"]).json()
    assert units.ministry.put(again).status_code == 204


def test_a_cheats_changed_result_is_a_conflict_and_the_stored_copy_stays(units, ctx):
    sent = _failure(units)
    assert units.tokyo.post(sent).status_code == 200
    before = _stored_body(ctx, sent["id"])
    read = units.tokyo.get(statementId=sent["id"]).json()
    changes = [
        lambda s: s["result"].update(success=True),
        lambda s: s["result"]["score"].update(scaled=1),
        lambda s: s.pop("result"),
        lambda s: s.update(verb={"id": "http://adlnet.gov/expapi/verbs/passed"}),
        lambda s: s["object"].update(id=ACTIVITY),
        lambda s: s.update(context={"registration": str(uuid.uuid4())}),
        # A timestamp at another instant, even one the comparison parses loosely.
        lambda s: s.update(timestamp="2026-12-07T09:13:28.512+09:00"),
        # JSON true is not the number 1 (Python's True == 1 must not decide).
        lambda s: s["result"].update(extensions={"http://example.org/x": True}),
    ]
    for change in changes:
        cheat = copy.deepcopy(read)
        change(cheat)
        assert units.tokyo.put(cheat).status_code == 409, cheat
        assert units.tokyo.post([cheat]).status_code == 409, cheat
    assert _stored_body(ctx, sent["id"]) == before


def test_an_extension_of_1_sent_again_as_true_is_another_statement(units):
    sent = statement(result={"extensions": {"http://example.org/x": 1}})
    assert units.tokyo.put(sent).status_code == 204
    changed = copy.deepcopy(sent)
    changed["result"]["extensions"]["http://example.org/x"] = True
    assert units.tokyo.put(changed).status_code == 409
    assert units.tokyo.get(statementId=sent["id"]).json()["result"] == sent["result"]


def test_an_own_authority_sent_with_a_new_statement_is_not_stored_as_a_claim(units, ctx):
    """A tool's own authority (as the LRS writes it) is dropped before storing; another
    tool's is refused; what is read back names the credentials that wrote it."""
    own = {
        "objectType": "Agent",
        "account": {"homePage": CLIENT_HOME_PAGE, "name": str(units.tokyo_id)},
    }
    mine = statement(authority=own)
    assert units.tokyo.put(mine).status_code == 204
    assert "authority" not in json.loads(_stored_body(ctx, mine["id"]))
    posing = statement(authority=own)
    assert units.paris.put(posing).status_code == 400
    assert _stored_body(ctx, posing["id"]) is None


# ------------------------------------------------------------------ exhausting with legal requests


@dataclass
class Fetched:
    """What the database sent back during a request: queries, rows, text bytes."""

    queries: int = 0
    rows: int = 0
    text_bytes: int = 0


@pytest.fixture
def fetched(ctx, monkeypatch) -> Fetched:
    """Counts every query and every row any Session of this process reads (the rows
    are buffered once and handed on unchanged)."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    seen = Fetched()
    execute = Session.execute

    def counting(self, *args, **kwargs):
        frozen = execute(self, *args, **kwargs).freeze()
        for row in frozen().all():
            seen.rows += 1
            seen.text_bytes += sum(len(v) for v in row if isinstance(v, (str, bytes)))
        return frozen()

    def count(*_args) -> None:
        seen.queries += 1

    # SQLite writes through an engine of their own.
    engines = {ctx.db.engine, getattr(ctx.db, "write_engine", ctx.db.engine)}
    monkeypatch.setattr(Session, "execute", counting)
    for engine in engines:
        event.listen(engine, "before_cursor_execute", count)
    yield seen
    for engine in engines:
        event.remove(engine, "before_cursor_execute", count)


def _stored_bytes(ctx) -> int:
    with ctx.db.read() as session:
        return session.scalar(select(func.sum(func.length(Statement.body)))) or 0


def test_a_canonical_page_reads_each_defining_statement_once_however_many_activities_it_names(
    units, ctx, fetched
):
    """A patient tool writes 40 statements naming the same 400 activities with a
    definition each (32 KB apiece, all legal). One statement read in the canonical form
    looked every activity up in the 40 bodies: 4 UNIONs of 100 walks, each walk sending
    all 40 bodies again, 16,000 bodies (~500 MB) for one GET of limit=1."""
    many = [f"http://e.vn/{n}" for n in range(400)]
    body = {
        "category": [{"id": a, "definition": {"name": {"vi": "Bài"}}} for a in many],
    }
    sent = [statement(context={"contextActivities": body}) for _ in range(40)]
    assert units.tokyo.post(sent).status_code == 200
    stored = _stored_bytes(ctx)
    fetched.queries = fetched.rows = fetched.text_bytes = 0

    cpu = time.process_time()
    answer = units.tokyo.get(format="canonical", limit=1)
    cpu = time.process_time() - cpu
    assert answer.status_code == 200, answer.text
    [page] = answer.json()["statements"]
    names = {a["id"]: a.get("definition") for a in page["context"]["contextActivities"]["category"]}
    assert names == {a: {"name": {"vi": "Bài"}} for a in many}
    print(
        f"\ncanonical limit=1, 400 activities in 40 statements of {stored // 40} bytes: "
        f"{fetched.queries} queries, {fetched.rows} rows, {fetched.text_bytes} bytes read, "
        f"{cpu * 1000:.0f} ms CPU in process"
    )
    # Each stored body at most once for the definitions and once for the page.
    assert fetched.text_bytes <= 2 * stored + 100_000


# ------------------------------------------------------------------ reading outside the scope


def _ref(target: str, **extra) -> dict:
    return statement(verb=SHARED, obj={"objectType": "StatementRef", "id": target}, **extra)


def test_canonical_definitions_come_only_from_statements_the_reader_may_see(units, api):
    secret = {"name": {"en-US": "Tokyo exam: the answers are B, D, A"}}
    assert (
        units.tokyo.post(
            statement(actor=TANAKA, obj={"id": SECRET, "definition": secret})
        ).status_code
        == 200
    )
    plain = statement(obj={"id": SECRET})
    nested = statement(
        obj={
            "objectType": "SubStatement",
            "actor": TANAKA,
            "verb": {"id": FAILED},
            "object": {"id": SECRET},
        },
        context={"contextActivities": {"parent": [{"id": SECRET}]}},
    )
    assert units.paris.post([plain, nested]).status_code == 200

    page = units.paris.get(format="canonical", limit=10)
    assert page.status_code == 200
    assert "answers are" not in page.text
    assert units.paris.get(statementId=nested["id"], format="canonical").status_code == 200
    assert "answers are" not in units.paris.get(statementId=nested["id"], format="canonical").text
    resource = api.get(
        "/xapi/activities",
        params={"activityId": SECRET},
        auth=units.paris.auth,
        headers={"X-Experience-API-Version": "1.0.3"},
    )
    assert resource.status_code == 200 and "answers are" not in resource.text
    # Tokyo's tool, which may read it, is given the definition: the test can fail.
    assert "answers are" in units.tokyo.get(format="canonical", limit=10).text


def test_a_reference_to_a_hidden_statement_matches_no_filter_for_the_nosy_tool(units):
    hidden = _failure(units)
    assert units.tokyo.post(hidden).status_code == 200
    probe = _ref(hidden["id"])  # the id learned somehow: a log, a shared screen
    assert units.paris.post(probe).status_code == 200
    for query in (
        {"activity": SECRET},
        {"verb": FAILED},
        {"agent": json.dumps(TANAKA)},
        {"activity": SECRET, "related_activities": "true"},
        {"agent": json.dumps(TANAKA), "related_agents": "true"},
    ):
        assert units.paris.ids(**query) == [], query
    # The same reference written by Tokyo matches for Tokyo: the rule is live.
    own = _ref(hidden["id"])
    assert units.tokyo.post(own).status_code == 200
    assert set(units.tokyo.ids(activity=SECRET)) == {hidden["id"], own["id"]}


def test_a_chain_through_a_hidden_middle_statement_matches_nothing_for_the_nosy_tool(units):
    """Paris's P is about ACTIVITY; Tokyo's M refers to P; Paris's R refers to M. Paris
    filtering by ACTIVITY must get P only: R would tell it that M refers to P."""
    p = statement(actor=TANAKA)
    assert units.paris.post(p).status_code == 200
    m = _ref(p["id"], actor=TANAKA)
    assert units.tokyo.post(m).status_code == 200
    r = _ref(m["id"])
    assert units.paris.post(r).status_code == 200
    assert units.paris.ids(activity=ACTIVITY) == [p["id"]]
    assert units.paris.ids(agent=json.dumps(TANAKA)) == [p["id"]]
    assert units.paris.ids(verb=SHARED) == [r["id"]]


def test_related_agents_with_another_tools_or_a_devices_authority_finds_nothing_foreign(units, api):
    from .test_xapi_hostile import lesson, push

    assert units.tokyo.post(_failure(units)).status_code == 200
    pushed = lesson(units.alice["profile_id"])
    push(api, units.alice, [pushed])
    tokyo_tool = {
        "objectType": "Agent",
        "account": {"homePage": CLIENT_HOME_PAGE, "name": str(units.tokyo_id)},
    }
    device_id = units.tokyo.get(statementId=pushed["id"]).json()["authority"]["account"]
    device = {"objectType": "Agent", "account": device_id}
    for agent in (tokyo_tool, device):
        query = {"agent": json.dumps(agent), "related_agents": "true"}
        assert units.paris.ids(**query) == [], agent
        assert units.paris.ids(**query, format="canonical") == [], agent
    # What Tokyo may read matches for Tokyo: the filter does match authorities.
    mine = {"agent": json.dumps(device), "related_agents": "true"}
    assert units.tokyo.ids(**mine) == [pushed["id"]]


def test_a_long_reference_chain_and_a_cycle_cost_a_get_a_bounded_number_of_queries(units, fetched):
    """300 StatementRefs each to the one before, ending at a statement about a
    2,048-byte Vietnamese activity id, and two statements referring to each other: a
    filtered GET answers with the chain's newest statements in a number of queries
    and rows that does not grow with the chain."""
    long_id = "http://bộ.vn/" + "ệ" * ((2048 - len("http://bộ.vn/".encode())) // 3)
    assert len(long_id.encode()) <= 2048
    start = statement(obj={"id": long_id})
    chain = [start]
    for _ in range(300):
        chain.append(_ref(chain[-1]["id"]))
    a, b = str(uuid.uuid4()), str(uuid.uuid4())
    cycle = [_ref(b, id=a), _ref(a, id=b)]
    # The same shape three links long: what a chain costs when it is short.
    brief = [statement(obj={"id": "http://bộ.vn/brief"})]
    for _ in range(3):
        brief.append(_ref(brief[-1]["id"]))
    assert units.paris.post(chain[:250]).status_code == 200
    assert units.paris.post(chain[250:] + cycle + brief).status_code == 200

    def cost(**query) -> tuple[list[str], Fetched]:
        fetched.queries = fetched.rows = fetched.text_bytes = 0
        cpu = time.process_time()
        ids = units.paris.ids(**query)
        print(f"\nGET {sorted(query)}: {fetched}, {(time.process_time() - cpu) * 1000:.0f} ms CPU")
        return ids, copy.copy(fetched)

    ids, whole = cost(activity=long_id, limit=10)
    assert ids == [s["id"] for s in reversed(chain[-10:])]
    ids, cycled = cost(verb=SHARED, agent=json.dumps({"mbox": "mailto:nobody@example.org"}))
    assert ids == []
    short, few = cost(activity=long_id, limit=10, since="2000-01-01T00:00:00Z")
    assert short == [s["id"] for s in reversed(chain[-10:])]
    ids, baseline = cost(activity="http://bộ.vn/brief", limit=10)
    assert ids == [s["id"] for s in reversed(brief)]
    # Bounded: the page's rows and as many queries as a chain of three takes (the
    # reader's and the plan's counts, the page), not one per link.
    for spent in (whole, cycled, few):
        assert spent.queries <= baseline.queries + 1 and spent.rows <= 60


def test_re_sending_500_statements_costs_the_queries_of_re_sending_5(units, fetched):
    sent = [statement() for _ in range(500)]
    assert units.tokyo.post(sent).status_code == 200
    read = units.tokyo.get(limit=500).json()["statements"]
    assert len(read) == 500

    def cost(batch: list[dict]) -> int:
        fetched.queries = 0
        cpu = time.process_time()
        answer = units.tokyo.post(batch)
        assert answer.status_code == 200, answer.text
        print(
            f"\nre-send of {len(batch)} read back: {fetched.queries} queries, "
            f"{(time.process_time() - cpu) * 1000:.0f} ms CPU"
        )
        return fetched.queries

    assert cost(read) <= cost(read[:5]) + 2


def test_a_nosy_tool_cannot_rename_another_units_activity_in_its_canonical_pages(units, api):
    own = {"name": {"en-US": "Tokyo final exam"}}
    assert units.tokyo.post(statement(obj={"id": SECRET, "definition": own})).status_code == 200
    forged = {"name": {"en-US": "Passed by everyone"}, "description": {"en-US": "void"}}
    assert units.paris.post(statement(obj={"id": SECRET, "definition": forged})).status_code == 200
    page = units.tokyo.get(format="canonical", limit=10).json()["statements"]
    assert [s["object"].get("definition") for s in page] == [own]
    resource = api.get(
        "/xapi/activities",
        params={"activityId": SECRET},
        auth=units.tokyo.auth,
        headers={"X-Experience-API-Version": "1.0.3"},
    )
    assert resource.json().get("definition") == own


def test_a_canonical_page_of_many_distinct_activities_is_cut_at_the_budget(units, fetched):
    """100 statements of 300 distinct activities each (30,000, all legal): a canonical
    page looks up at most XAPI_CANONICAL_PAGE_ACTIVITIES of them, 100 at a time, and
    its `more` link goes on; all 100 statements come through the pages. Printed: what a
    page costs; asserted: the counts."""
    sent = [
        statement(
            context={
                "contextActivities": {
                    "other": [{"id": f"http://e.vn/{s}/{n}"} for n in range(300)],
                }
            }
        )
        for s in range(100)
    ]
    assert units.tokyo.post(sent).status_code == 200
    budget = limits.XAPI_CANONICAL_PAGE_ACTIVITIES
    fetched.queries = fetched.rows = fetched.text_bytes = 0
    cpu = time.process_time()
    answer = units.tokyo.get(format="canonical", limit=500).json()
    cpu = time.process_time() - cpu
    # ACTIVITY and the first statement's 300, then 300 more per statement.
    assert len(answer["statements"]) == (budget - 301) // 300 + 1
    assert answer["more"]
    print(
        f"\ncanonical limit=500, statements of 300 activities each: "
        f"{len(answer['statements'])} on the page, {fetched.queries} queries, "
        f"{fetched.rows} rows, {cpu * 1000:.0f} ms CPU in process"
    )
    page_queries = fetched.queries
    fetched.queries = 0
    units.tokyo.get(format="exact", limit=500)
    assert page_queries - fetched.queries <= budget // 100 + 2
    seen = [s["id"] for s in answer["statements"]]
    more = answer["more"]
    while more:
        page = units.tokyo.api.get(more, auth=units.tokyo.auth, headers=V).json()
        assert 1 <= len(page["statements"]) <= len(answer["statements"])
        seen += [s["id"] for s in page["statements"]]
        more = page["more"]
    assert sorted(seen) == sorted(s["id"] for s in sent)


def test_another_tools_more_link_shows_only_what_the_holder_may_read(units):
    sent = [_failure(units) for _ in range(3)]
    assert units.tokyo.post(sent).status_code == 200
    first = units.tokyo.get(limit=1).json()
    assert first["more"]
    token = first["more"].split("more=", 1)[1]
    answer = units.paris.get(more=token)
    assert answer.status_code in (200, 400), answer.text
    if answer.status_code == 200:
        assert answer.json()["statements"] == []
    assert len(units.tokyo.get(more=token).json()["statements"]) == 1


def test_a_learners_device_re_sending_a_changed_statement_gets_a_conflict_and_nothing_changes(
    units, api, ctx
):
    from .conftest import bearer
    from .test_xapi_hostile import PUSH, lesson, push

    sent = lesson(units.alice["profile_id"], "completed")
    push(api, units.alice, [sent])
    before = _stored_body(ctx, sent["id"])

    def again(statement_: dict) -> tuple[int, dict]:
        answer = api.post(
            PUSH,
            json={"statements": [statement_]},
            headers=bearer(units.alice["device_token"]),
        )
        return answer.status_code, answer.json()

    relabelled = copy.deepcopy(sent)
    relabelled["object"]["definition"] = {"name": {"vi": "Bài đã đạt"}}
    status, report = again(relabelled)
    assert (status, report["duplicates"]) == (200, [sent["id"]])
    for change in (
        lambda s: s.update(verb={"id": "http://adlnet.gov/expapi/verbs/passed"}),
        lambda s: s.update(result={"success": True, "completion": True}),
        lambda s: s.update(timestamp="2030-01-01T00:00:00Z"),
    ):
        cheat = copy.deepcopy(sent)
        change(cheat)
        status, report = again(cheat)
        assert (status, report["conflicts"]) == (409, [sent["id"]]), cheat
    assert _stored_body(ctx, sent["id"]) == before

    # What a tool wrote about her is not hers to re-send with another timestamp.
    about = _failure(units, units.alice_actor)
    assert units.tokyo.post(about).status_code == 200
    loose = {k: v for k, v in about.items() if k != "timestamp"}
    status, report = again(loose)
    assert (status, report["conflicts"]) == (409, [about["id"]])


def test_a_hidden_statement_is_as_absent_as_a_missing_one_in_every_format(units):

    hidden, gone = _failure(units), _failure(units)
    assert units.tokyo.post([hidden, gone]).status_code == 200
    assert units.tokyo.post(voiding(gone["id"])).status_code == 200
    assert units.tokyo.get(voidedStatementId=gone["id"]).status_code == 200
    missing = str(uuid.uuid4())
    for params in (
        {},
        {"format": "canonical"},
        {"format": "ids"},
        {"attachments": "true"},
    ):
        for sid in (hidden["id"], gone["id"], missing):
            answer = units.paris.get(statementId=sid, **params)
            assert answer.status_code == 404, (sid, params, answer.text)
            answer = units.paris.get(voidedStatementId=sid, **params)
            assert answer.status_code == 404, (sid, params, answer.text)


def test_voiding_a_hidden_statement_answers_the_same_whatever_the_hidden_statement_is(units):
    """Paris voiding Tokyo's statements: a hidden plain statement and a hidden voiding
    statement get the same refusal, so the answer does not tell Paris the verb."""
    plain = _failure(units)
    target = _failure(units)
    assert units.tokyo.post([plain, target]).status_code == 200
    tokyo_void = voiding(target["id"])
    assert units.tokyo.post(tokyo_void).status_code == 200
    a = units.paris.post(voiding(plain["id"]))
    b = units.paris.post(voiding(tokyo_void["id"]))
    assert (a.status_code, a.json().get("code")) == (b.status_code, b.json().get("code"))
    assert a.status_code == 403
