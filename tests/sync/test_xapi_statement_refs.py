"""Filter conditions for StatementRefs (xAPI 1.0.3, Communication 2.1.3): a statement
whose object targets another statement meets the agent, verb, activity, registration
and related_* filters when its target does, recursively; since/until and paging
apply to it as stored. Only statements the tool may read pass a match on.

And long IRIs: verbs and activity ids up to 2,048 UTF-8 bytes are stored and found.
"""

from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

import pytest
from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from sync.server import admin, xapi_query
from sync.server.db import alembic_config
from sync.server.models import StatementReference

from .xapi_helpers import ACTIVITY, VOIDED, Lrs, add_client, statement, voiding

AN = {"mbox": "mailto:an@example.org"}
BINH = {"mbox": "mailto:binh@example.org"}
COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
SHARED = "http://adlnet.gov/expapi/verbs/shared"
OTHER = "http://example.org/activities/other"


@dataclass
class Tools:
    tokyo: Lrs  # the tool whose queries are checked
    paris: Lrs  # a sibling mission's tool: Tokyo reads none of what it writes


@pytest.fixture
def tools(api, ctx, world) -> Tools:
    with ctx.db.write() as session:
        paris = admin.create_unit(session, "test", "ĐSQ Paris", "mission", world.ministry).id
    return Tools(
        Lrs(api, add_client(ctx, world.mission, "Tokyo LMS")),
        Lrs(api, add_client(ctx, paris, "Paris LMS")),
    )


def ref(target: dict, actor: dict = BINH, verb: str = SHARED, **extra) -> dict:
    return statement(
        actor=actor, verb=verb, obj={"objectType": "StatementRef", "id": target["id"]}, **extra
    )


def post(lrs: Lrs, *bodies: dict) -> None:
    for body in bodies:  # one request each: stored in this order
        answer = lrs.post(body)
        assert answer.status_code == 200, answer.text


def test_each_filter_matches_a_statement_through_its_target(tools):
    lrs = tools.tokyo
    registration = str(uuid.uuid4())
    target = statement(
        actor=AN,
        verb=COMPLETED,
        context={
            "registration": registration,
            "instructor": {"mbox": "mailto:teacher@example.org"},
            "contextActivities": {"parent": [{"id": OTHER}]},
        },
    )
    unrelated = statement(actor=BINH, obj={"id": "http://example.org/activities/unrelated"})
    pointer = ref(target)  # Bình shares An's statement: none of its own fields match
    post(lrs, target, unrelated, pointer)
    both = [pointer["id"], target["id"]]  # newest first
    assert lrs.ids(agent=json.dumps(AN)) == both
    assert lrs.ids(verb=COMPLETED) == both
    assert lrs.ids(activity=ACTIVITY) == both
    assert lrs.ids(registration=registration) == both
    assert lrs.ids(activity=OTHER) == []
    assert lrs.ids(activity=OTHER, related_activities="true") == both
    teacher = json.dumps({"mbox": "mailto:teacher@example.org"})
    assert lrs.ids(agent=teacher) == []
    assert lrs.ids(agent=teacher, related_agents="true") == both
    # The referring statement's own fields still match as before.
    assert lrs.ids(agent=json.dumps(BINH)) == [pointer["id"], unrelated["id"]]
    assert lrs.ids(verb=SHARED) == [pointer["id"]]
    # Both filters must hold of the target (or of the statement itself).
    assert lrs.ids(agent=json.dumps(AN), verb=COMPLETED) == both
    assert lrs.ids(agent=json.dumps(AN), verb=SHARED) == []
    # By id, a statement is what it is: no reference rule there.
    assert lrs.get(statementId=pointer["id"]).json()["object"]["id"] == target["id"]


def test_a_chain_of_references_matches_through_each_link(tools):
    lrs = tools.tokyo
    c = statement(actor=AN, verb=COMPLETED)
    b = ref(c)
    a = ref(b, actor={"mbox": "mailto:chi@example.org"})
    post(lrs, c, b, a)
    assert lrs.ids(verb=COMPLETED) == [a["id"], b["id"], c["id"]]
    # b matches the agent filter itself; a through it; c not at all.
    assert lrs.ids(agent=json.dumps(BINH)) == [a["id"], b["id"]]


def test_a_target_stored_after_its_referrer_makes_the_referrer_match(tools):
    lrs = tools.tokyo
    target = statement(actor=AN, verb=COMPLETED)
    pointer = ref(target)
    post(lrs, pointer)
    assert lrs.ids(verb=COMPLETED) == []
    post(lrs, target)
    assert lrs.ids(verb=COMPLETED) == [target["id"], pointer["id"]]


def test_a_voided_target_is_hidden_but_its_voiding_and_references_are_found_by_it(tools):
    lrs = tools.tokyo
    target = statement(actor=AN, verb=COMPLETED)
    pointer = ref(target)
    void = {**voiding(target["id"]), "actor": BINH}
    post(lrs, target, pointer, void)
    assert lrs.ids(verb=COMPLETED) == [void["id"], pointer["id"]]
    assert lrs.ids(agent=json.dumps(AN)) == [void["id"], pointer["id"]]
    # A voided referrer is not returned either; its own voiding is, through the chain.
    second = voiding(pointer["id"])
    post(lrs, second)
    assert lrs.ids(verb=COMPLETED) == [second["id"], void["id"]]


def test_since_and_until_apply_to_the_referring_statement_as_stored(tools):
    lrs = tools.tokyo
    target = statement(actor=AN, verb=COMPLETED)
    post(lrs, target)
    [first] = lrs.get(limit=1).json()["statements"]
    time.sleep(0.01)  # stored in another millisecond
    pointer = ref(target)
    post(lrs, pointer)
    # The referrer is outside the window though its target is inside, and the other
    # way round.
    assert lrs.ids(verb=COMPLETED, until=first["stored"]) == [target["id"]]
    assert lrs.ids(verb=COMPLETED, since=first["stored"]) == [pointer["id"]]


def test_a_target_the_tool_cannot_read_matches_nothing_through_it(tools):
    """Paris's statement names Tokyo's filter values; Tokyo refers to it by id (which it
    could have learnt anywhere). Tokyo must not learn whether that statement matches."""
    hidden = statement(actor=AN, verb=COMPLETED)
    post(tools.paris, hidden)
    probe = ref(hidden)
    post(tools.tokyo, probe)
    assert tools.tokyo.ids(verb=COMPLETED) == []
    assert tools.tokyo.ids(agent=json.dumps(AN)) == []
    assert tools.tokyo.ids(activity=ACTIVITY) == []
    # Nor through a readable statement in between, nor the other way round.
    between = ref(probe)
    post(tools.tokyo, between)
    assert tools.tokyo.ids(verb=COMPLETED) == []
    mine = statement(actor=AN, verb=COMPLETED)
    post(tools.tokyo, mine)
    theirs = ref(mine)
    post(tools.paris, theirs)
    assert tools.tokyo.ids(verb=COMPLETED) == [mine["id"]]
    assert tools.paris.ids(verb=COMPLETED) == [hidden["id"]]


def test_pages_merge_referrers_and_matches_newest_first_and_stay_stable(tools):
    lrs = tools.tokyo
    made = []
    for n in range(4):
        target = statement(actor=AN, verb=COMPLETED)
        post(lrs, target, statement(actor=BINH), ref(target) if n % 2 else ref(statement()))
        made += [target["id"]]
    expected = lrs.ids(verb=COMPLETED, limit=100)
    assert len(expected) == 6 and set(made) < set(expected)  # and two of the references
    first = lrs.get(verb=COMPLETED, limit=4)
    seen = [s["id"] for s in first.json()["statements"]]
    more = first.json()["more"]
    # Stored while paging: a new match and a new referrer of an old target; neither
    # moves the pages (a new query shows them).
    late = statement(actor=AN, verb=COMPLETED)
    late_ref = ref({"id": made[0]})
    post(lrs, late, late_ref)
    while more:
        page = lrs.get(more=parse_qs(urlsplit(more).query)["more"][0]).json()
        seen += [s["id"] for s in page["statements"]]
        more = page["more"]
    assert seen == expected
    assert lrs.ids(verb=COMPLETED)[:2] == [late_ref["id"], late["id"]]
    ascending = lrs.ids(verb=COMPLETED, ascending="true", limit=100)
    assert ascending == lrs.ids(verb=COMPLETED, limit=100)[::-1]


def test_a_cycle_of_references_ends(tools):
    lrs = tools.tokyo
    first_id, second_id = str(uuid.uuid4()), str(uuid.uuid4())
    first = ref({"id": second_id}, actor=AN)
    first["id"] = first_id
    second = ref({"id": first_id})
    second["id"] = second_id
    post(lrs, first, second)
    assert lrs.ids(agent=json.dumps(AN)) == [second_id, first_id]
    assert lrs.ids(verb=COMPLETED) == []


# ------------------------------------------------------------------ the rule as a model


@dataclass
class Made:
    body: dict
    writer: str  # "tokyo" or "paris"
    voiding: bool = False


def _direct(body: dict, field: str, value: str) -> bool:
    obj = body["object"]
    if field == "agent":
        return body["actor"] == {"mbox": value} or obj == {"objectType": "Agent", "mbox": value}
    if field == "verb":
        return body["verb"]["id"] == value
    return obj.get("objectType") == "Activity" and obj["id"] == value


def expected_ids(store: list[Made], field: str, value: str) -> list[str]:
    """What Tokyo should get, by the specification's words over the statements it can
    read: a statement matches when it does itself or its StatementRef target does."""
    readable = {m.body["id"]: m for m in store if m.writer == "tokyo"}
    voided = {m.body["object"]["id"] for m in store if m.voiding and m.writer == "tokyo"}

    def matches(sid: str, path: frozenset) -> bool:
        made = readable.get(sid)
        if made is None or sid in path:
            return False
        if _direct(made.body, field, value):
            return True
        obj = made.body["object"]
        return obj.get("objectType") == "StatementRef" and matches(obj["id"], path | {sid})

    found = [m.body["id"] for m in store if m.body["id"] in readable and m.body["id"] not in voided]
    return [sid for sid in reversed(found) if matches(sid, frozenset())]


step = st.tuples(
    st.sampled_from(["tokyo", "tokyo", "paris"]),
    st.integers(0, 1),  # actor
    st.integers(0, 1),  # verb
    # What the object is: references are the point, so they come often.
    st.sampled_from(["ref", "activity", "ref", "agent", "void", "ref"]),
    st.integers(0, 7),  # which activity, agent or statement
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(step, min_size=1, max_size=8))
@pytest.mark.parametrize("start", [xapi_query.REFERENCES, xapi_query.MATCHES, xapi_query.SEEN])
def test_the_server_answers_what_the_rule_says_on_random_stores(tools, monkeypatch, start, steps):
    # Every way of walking to the referring statements, whatever the counts would pick.
    monkeypatch.setattr(xapi_query, "_start", lambda session, query: start)
    if start != xapi_query.SEEN:
        # Tokyo sees few statements, which would make every walk start from them.
        monkeypatch.setattr(xapi_query, "_sight", lambda session, query, reader: None)
    # Each example names its own agents, verbs and activities: the store is shared.
    tag = uuid.uuid4().hex[:8]
    agent = [f"mailto:{tag}-{n}@example.org" for n in range(2)]
    verb = [f"http://example.org/{tag}/verbs/{n}" for n in range(2)]
    activity = [f"http://example.org/{tag}/activities/{n}" for n in range(2)]
    ids = [str(uuid.uuid4()) for _ in steps]
    store: list[Made] = []
    for n, (writer, who, did, kind, what) in enumerate(steps):
        obj: dict = {"objectType": "Activity", "id": activity[what % 2]}
        if kind == "agent":
            obj = {"objectType": "Agent", "mbox": agent[what % 2]}
        elif kind == "ref":
            obj = {"objectType": "StatementRef", "id": ids[what % len(ids)]}
        voids = False
        if kind == "void":
            # Tokyo may void only a statement of its own already stored, and no voiding.
            earlier = [m for m in store if m.writer == "tokyo" and not m.voiding]
            if writer == "tokyo" and earlier:
                voids = True
                obj = {"objectType": "StatementRef", "id": earlier[what % len(earlier)].body["id"]}
        body = {
            "id": ids[n],
            "actor": {"mbox": agent[who]},
            "verb": {"id": VOIDED if voids else verb[did]},
            "object": obj,
        }
        answer = getattr(tools, writer).post(body)
        assert answer.status_code == 200, answer.text
        store.append(Made(body, writer, voids))
    for field, values in (("agent", agent), ("verb", verb), ("activity", activity)):
        for value in values:
            param = json.dumps({"mbox": value}) if field == "agent" else value
            got, answer = [], tools.tokyo.get(**{field: param, "limit": "2"})
            while True:
                assert answer.status_code == 200, answer.text
                got += [s["id"] for s in answer.json()["statements"]]
                more = answer.json()["more"]
                if not more:
                    break
                answer = tools.tokyo.get(more=parse_qs(urlsplit(more).query)["more"][0])
            assert got == expected_ids(store, field, value), (field, value)


# ------------------------------------------------------------------ long IRIs


def test_a_verb_and_an_activity_of_2000_characters_are_stored_and_found(tools):
    lrs = tools.tokyo
    long_verb = "http://example.org/verbs/" + "v" * (2000 - 25)
    long_activity = "http://example.org/activities/" + "a" * (2000 - 30)
    assert len(long_verb) == len(long_activity) == 2000
    sent = statement(verb=long_verb, obj={"id": long_activity})
    post(lrs, sent)
    assert lrs.ids(verb=long_verb) == [sent["id"]]
    assert lrs.ids(activity=long_activity) == [sent["id"]]
    assert lrs.get(statementId=sent["id"]).json()["verb"]["id"] == long_verb


def test_an_iri_of_vietnamese_letters_up_to_the_bound_is_stored_and_found(tools):
    """The bound is in UTF-8 bytes: the PostgreSQL index on the verb holds any such
    IRI, whatever its letters (random ones do not compress)."""
    lrs = tools.tokyo
    letters = "ằầềồờừỳắấếốớứảẳẩẻểỉỏổởủửỷẵẫẽễỗỡữỹạặậẹệịọộợụựỵđ"
    base = "http://example.org/động-từ/"
    body = "".join(letters[(n * 7919) % len(letters)] for n in range(700))
    verb = (base + body).encode()[:2048].decode("utf-8", "ignore")
    assert 2045 <= len(verb.encode()) <= 2048
    sent = statement(verb=verb, obj={"id": "http://example.org/hoạt-động/" + body[:600]})
    post(lrs, sent)
    assert lrs.ids(verb=verb) == [sent["id"]]


@pytest.mark.parametrize("where", ["verb", "object", "context"])
def test_an_iri_one_byte_over_the_bound_is_refused_with_400_saying_so(tools, where):
    over = "http://example.org/x/" + "x" * (2049 - 21)
    assert len(over.encode()) == 2049
    sent = {
        "verb": statement(verb=over),
        "object": statement(obj={"id": over}),
        "context": statement(context={"contextActivities": {"parent": [{"id": over}]}}),
    }[where]
    answer = tools.tokyo.post(sent)
    assert answer.status_code == 400
    assert "2049 bytes in UTF-8; at most 2048" in answer.json()["detail"]
    assert tools.tokyo.ids() == []


# ------------------------------------------------------------------ migration 0011


def _refs(ctx) -> list[tuple[str, int]]:
    with ctx.db.read() as session:
        return sorted(
            session.execute(select(StatementReference.target, StatementReference.seq)).all()
        )


def test_migration_0011_rebuilds_the_references_and_refuses_to_cut_long_iris(ctx, tools):
    lrs = tools.tokyo
    target = statement(actor=AN, verb=COMPLETED)
    pointer = ref({"id": str(uuid.uuid4()).upper()})  # a target not stored, in capitals
    post(lrs, target, ref(target), pointer, voiding(target["id"]))
    kept = _refs(ctx)
    assert len(kept) == 3 and pointer["object"]["id"].lower() in {t for t, _ in kept}
    config = alembic_config()
    with ctx.db.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0010")
    ctx.db.migrate()
    assert _refs(ctx) == kept
    assert len(lrs.ids(verb=COMPLETED)) == 2  # the reference and the voiding

    long = statement(verb="http://example.org/verbs/" + "v" * 300)
    post(lrs, long)
    with (
        pytest.raises(RuntimeError, match="1 stored statement"),
        ctx.db.engine.begin() as connection,
    ):
        config.attributes["connection"] = connection
        command.downgrade(config, "0010")
    assert lrs.ids(verb=long["verb"]["id"]) == [long["id"]]
    assert _refs(ctx) == kept
