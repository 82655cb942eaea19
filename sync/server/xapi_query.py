"""GET /xapi/statements with filters (xAPI 1.0.3, Communication 2.1.3): the
parameters checked, the query built, and the `more` link.

Results are newest first (`ascending=true`: oldest first) by the server's sequence
number, which follows `stored`. A `more` link is opaque: base64url JSON of the
parameters, the last sequence number returned and the newest one that existed when
the first page was read, so statements stored while a client pages do not shift the
pages (they appear in a new query). Voided statements never match a filter.
Each filter walks an index: an agent or activity its hash table's (hash, seq) index,
a verb or registration the statements' (verb, seq) or (registration, seq).
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, func, or_, select, union
from sqlalchemy.orm import Session, aliased

from sync.problems import Problem, Refusal
from sync.server import xapi_reader
from sync.server.models import (
    Statement,
    StatementActivity,
    StatementAgent,
    StatementReference,
)
from sync.server.statement_index import activity_digest
from sync.server.xapi_format import FORMATS, Credentials, credentials_of
from sync.server.xapi_protocol import agent_parameter
from sync.xapi_actors import is_iri
from sync.xapi_errors import StatementError
from sync.xapi_validation import is_uuid, timestamp

# A page without `limit` holds DEFAULT_LIMIT statements; `limit=0` asks for the most.
MAX_LIMIT = 500
DEFAULT_LIMIT = 100
_MS = timedelta(milliseconds=1)
FILTERS = (
    "agent",
    "verb",
    "activity",
    "registration",
    "related_activities",
    "related_agents",
    "since",
    "until",
    "limit",
    "format",
    "attachments",
    "ascending",
)
SINGLE = ("statementId", "voidedStatementId")
PARAMETERS = (*FILTERS, *SINGLE, "more")


@dataclass
class Query:
    params: dict[str, str] = field(default_factory=dict)
    agent: bytes | None = None
    anonymous_agent: bool = False
    # The agent is an authority the LRS gives statements (xapi_format.credentials_of).
    credentials: Credentials | None = None
    verb: str | None = None
    activity: bytes | None = None
    registration: str | None = None
    related_activities: bool = False
    related_agents: bool = False
    since: datetime | None = None
    until: datetime | None = None
    limit: int = DEFAULT_LIMIT
    form: str = "exact"
    attachments: bool = False
    ascending: bool = False
    after: int | None = None
    bound: int | None = None


def _invalid(name: str, detail: str) -> Refusal:
    return Refusal(Problem.XAPI_PARAMETER_INVALID, f"{name}: {detail}", parameter=name)


def _flag(params: dict[str, str], name: str) -> bool:
    value = params.get(name, "false").lower()
    if value not in ("true", "false"):
        raise _invalid(name, "must be true or false")
    return value == "true"


def common(params: dict[str, str]) -> tuple[str, bool]:
    """`format` and `attachments`, which a single-statement GET takes too."""
    form = params.get("format", "exact")
    if form not in FORMATS:
        raise _invalid("format", "must be ids, exact or canonical")
    return form, _flag(params, "attachments")


def parse(params: dict[str, str]) -> Query:
    """Check the filter parameters of a statement query; 400 naming the bad one."""
    query = Query(params=dict(params))
    query.form, query.attachments = common(params)
    if "agent" in params:
        actor = agent_parameter("agent", params["agent"])
        query.agent = actor.digest
        query.anonymous_agent = actor.digest is None
        query.credentials = credentials_of(actor)
    if "verb" in params:
        if not is_iri(params["verb"]):
            raise _invalid("verb", "is not an IRI")
        query.verb = params["verb"]
    if "activity" in params:
        if not is_iri(params["activity"]):
            raise _invalid("activity", "is not an IRI")
        query.activity = activity_digest(params["activity"])
    if "registration" in params:
        if not is_uuid(params["registration"]):
            raise _invalid("registration", "is not a UUID")
        query.registration = params["registration"].lower()
    query.related_activities = _flag(params, "related_activities")
    query.related_agents = _flag(params, "related_agents")
    query.ascending = _flag(params, "ascending")
    for name in ("since", "until"):
        if name in params:
            try:
                # In UTC: SQLite's column holds UTC without a zone.
                # RFC 3339 allows a space for the T (some clients send str(datetime)).
                text = params[name].replace(" ", "T", 1)
                setattr(query, name, timestamp(text, name).astimezone(UTC))
            except StatementError as exc:
                raise Refusal(Problem.XAPI_SINCE_INVALID, str(exc)) from None
    if "limit" in params:
        try:
            limit = int(params["limit"])
        except ValueError:
            raise _invalid("limit", "is not a whole number") from None
        if limit < 0:
            raise _invalid("limit", "must not be negative")
        query.limit = min(limit or MAX_LIMIT, MAX_LIMIT)
    return query


def more_token(query: Query, last_seq: int) -> str:
    data = {"p": query.params, "a": last_seq, "b": query.bound}
    return base64.urlsafe_b64encode(json.dumps(data, separators=(",", ":")).encode()).decode()


def from_more(token: str) -> Query:
    try:
        data = json.loads(base64.urlsafe_b64decode(token.encode("ascii")))
        params, after, bound = data["p"], data["a"], data["b"]
        if not isinstance(params, dict) or not isinstance(after, int):
            raise ValueError
    except (ValueError, KeyError, TypeError, UnicodeEncodeError, binascii.Error):
        raise _invalid("more", "is not a link this server gave") from None
    query = parse({str(k): str(v) for k, v in params.items()})
    query.after = after
    query.bound = bound if isinstance(bound, int) else None
    return query


def visible(session: Session, client_id: int, unit_id: int):
    """What a client may read: what it wrote, and its unit subtree's learners'."""
    return xapi_reader.reader(session, client_id, unit_id).seen


def written_with(credentials: Credentials) -> ColumnElement[bool]:
    """The statements whose authority, as read, is that of `credentials`."""
    if credentials.client_id is not None:
        return Statement.xapi_client_id == credentials.client_id
    return and_(Statement.device_id == credentials.device_id, Statement.xapi_client_id.is_(None))


def newest_seq(session: Session) -> int:
    return session.scalar(select(func.max(Statement.seq))) or 0


def build(
    query: Query, seen, session: Session | None = None, reader: xapi_reader.Reader | None = None
) -> Select:
    """The SELECT of one page (limit + 1 rows, to know whether more follow).

    With an agent, verb, activity or registration filter, a page merges two walks by
    seq: the statements that match, and the statements that target a matching one
    through a StatementRef (`_referrers`). Both stop at the page's end, so the `more`
    link's last seq goes on from either. With the `session`, two capped counts choose
    where the second walk starts (`_start`); without, it starts from the references.

    With the `reader` (whose scope `seen` is) and the session, two more capped reads
    say how much it sees up to the first page's bound (`_sight`): few statements, and every
    walk is confined to them (each found through the reader's own indexes, so a tool
    that sees little of a large store reads only that); many, and a page without a
    filter merges a walk of its own statements with one of its learners' (`_sides`),
    each stopping at the page's end, instead of one walk checking the scope row by
    row; a filter's walk stays the filter's index."""
    columns = (
        Statement.seq,
        Statement.body,
        Statement.stored,
        Statement.xapi_client_id,
        Statement.device_id,
    )
    seen_in = _sight(session, query, reader) if session is not None and reader else None
    if seen_in is not None:
        seen = reader.checked
    if seen_in is not None and seen_in.few:
        seen = and_(seen, Statement.seq.in_(seen_in.seqs))
    returned = (seen, Statement.voided == false())
    start = _start(session, query) if session is not None and _narrowed(query) else REFERENCES
    if start is not None and seen_in is not None and seen_in.few:
        start = SEEN
    walks = _sides(query, returned, reader, seen_in) if seen_in is not None else None
    if walks is None and (not _narrowed(query) or start is None):
        sql, order = _filtered(query, select(*columns).where(*returned))
        return _window(query, sql, order)
    if walks is None:
        walks = [_window(query, *_filtered(query, select(Statement.seq).where(*returned)))]
    if _narrowed(query) and start is not None:
        walks.append(_referrers(query, seen, start, walks))
    both = union(*(select(w.subquery().c.seq) for w in walks)).subquery()
    sql = select(*columns).join(both, both.c.seq == Statement.seq)
    return sql.order_by(_direction(query, Statement.seq)).limit(query.limit + 1)


def _seq_bounds(query: Query, held: bool = False) -> list[ColumnElement[bool]]:
    """The page's place in seq order, as conditions an index on (x, seq) walks; `held`:
    only what existed at the first page."""
    bounds = []
    if query.bound is not None:
        bounds.append(Statement.seq <= query.bound)
    if query.after is not None and not held:
        after = Statement.seq > query.after if query.ascending else Statement.seq < query.after
        bounds.append(after)
    return bounds


def _sight(session: Session, query: Query, reader: xapi_reader.Reader) -> xapi_reader.Sight:
    """What the reader sees up to the first page's newest seq (tests replace it to run
    every plan on the same stores). Up to the bound only, not the page's place: the
    statements a referrer matches through may lie on either side of it."""
    return xapi_reader.sight(session, reader, _seq_bounds(query, held=True))


def _sides(
    query: Query, returned: tuple, reader: xapi_reader.Reader, seen_in: xapi_reader.Sight
) -> list[Select] | None:
    """For a reader that sees many statements, the walks a page merges when no filter's
    index bounds them (None when one does, or when the reader sees few: then every walk
    is confined to what it sees). Each walk is ordered by seq and stops at the page's
    end, so merging them sorts at most twice a page, never everything visible (an OR of
    two indexes would: SQLite and PostgreSQL both read them whole and sort).

    Without a filter: its own statements through (xapi_client_id, seq), and its
    learners' either through (learner_id, seq) when they are few or by a walk in seq
    order that checks the learner. With an authority and related_agents: the
    statements naming it (statement_agents) and those written with it (its client's
    or device's index)."""
    if seen_in.few:
        return None
    if query.related_agents and query.credentials is not None and query.agent is not None:
        # The same filters twice: naming the agent (its index walk), and written with
        # those credentials (the writer's index, migration 0013) in place of the agent.
        named = replace(query, credentials=None)
        written, order = _filtered(replace(query, agent=None), select(Statement.seq))
        written = written.where(written_with(query.credentials), *returned)
        return [
            _window(query, *_filtered(named, select(Statement.seq).where(*returned))),
            _window(query, written, order),
        ]
    if _narrowed(query):
        return None
    # Each side is within the scope by its own condition.
    unvoided = Statement.voided == false()
    own = select(Statement.seq).where(Statement.xapi_client_id == reader.client_id, unvoided)
    if seen_in.few_learners:
        theirs = Statement.seq.in_(seen_in.learners)
    else:
        theirs = xapi_reader.unindexed(Statement.learner_id).in_(reader.learners)
    learners = select(Statement.seq).where(theirs, unvoided)
    return [_window(query, *_filtered(query, sql)) for sql in (own, learners)]


def _narrowed(query: Query) -> bool:
    """Whether the query has a filter that a statement can meet through its target."""
    return not query.anonymous_agent and any(
        value is not None for value in (query.agent, query.activity, query.verb, query.registration)
    )


def _filtered(query: Query, sql: Select) -> tuple[Select, Any]:
    """`sql`, a SELECT from statements, narrowed by the agent, activity, verb and
    registration filters; and the seq column whose index the walk follows."""
    order = Statement.seq
    if query.anonymous_agent:
        sql = sql.where(false())  # an anonymous Group is no one's identity
    if query.agent is not None and query.related_agents and query.credentials is not None:
        # An authority the LRS sets is not in the stored body nor in the index: it is
        # the statement's writer (Communication 2.1.3: related_agents matches it).
        named = select(StatementAgent.seq).where(StatementAgent.agent == query.agent)
        sql = sql.where(or_(Statement.seq.in_(named), written_with(query.credentials)))
    elif query.agent is not None:
        agents = aliased(StatementAgent)
        sql = sql.join(agents, agents.seq == Statement.seq).where(agents.agent == query.agent)
        if not query.related_agents:
            sql = sql.where(agents.related == false())
        order = agents.seq
    if query.activity is not None:
        activities = aliased(StatementActivity)
        sql = sql.join(activities, activities.seq == Statement.seq).where(
            activities.activity == query.activity
        )
        if not query.related_activities:
            sql = sql.where(activities.related == false())
        if query.agent is None:
            order = activities.seq
    if query.verb is not None:
        sql = sql.where(Statement.verb == query.verb)
    if query.registration is not None:
        sql = sql.where(Statement.registration == query.registration)
    return sql, order


REFERENCES, MATCHES = "references", "matches"
# From the few statements the reader sees (`held` lists them), each matching one a
# probe of `statement_refs`.
SEEN = "seen"
# The counts that choose a start read at most this many index entries; when both
# sides reach it, the walk starts from the references (a store holds far fewer of them
# than a broad filter matches, and each costs one probe).
_COUNT_CAP = 2000


def _start(session: Session, query: Query) -> str | None:
    """Where the walk of the referring statements starts: None when no statement refers
    to another (the page is the filter's walk alone); MATCHES when the filter's index
    holds fewer entries than there are references (each match is then a probe of
    `statement_refs` by its id: an agent or an activity of a few hundred statements);
    else REFERENCES (each reference a probe of its target: a verb of half the store).
    Both are counted in index entries, up to _COUNT_CAP."""
    refs = _capped(session, select(StatementReference.seq))
    if refs == 0:
        return None
    driving = _driving(query)
    if driving is None:
        return REFERENCES
    return MATCHES if _capped(session, driving) < refs else REFERENCES


def _driving(query: Query) -> Any:
    """The index entries that bound the filter's matches (scope aside), or None."""
    if query.agent is not None:
        if query.related_agents and query.credentials is not None:
            # Also every statement written with those credentials (their index, 0013).
            named = select(StatementAgent.seq).where(StatementAgent.agent == query.agent)
            return named.union_all(select(Statement.seq).where(written_with(query.credentials)))
        sql = select(StatementAgent.seq).where(StatementAgent.agent == query.agent)
        return sql if query.related_agents else sql.where(StatementAgent.related == false())
    if query.activity is not None:
        sql = select(StatementActivity.seq).where(StatementActivity.activity == query.activity)
        return sql if query.related_activities else sql.where(StatementActivity.related == false())
    if query.verb is not None:
        return select(Statement.seq).where(Statement.verb == query.verb)
    return select(Statement.seq).where(Statement.registration == query.registration)


def _capped(session: Session, sql: Select) -> int:
    counted = select(func.count()).select_from(sql.limit(_COUNT_CAP).subquery())
    return session.scalar(counted) or 0


def _referrers(query: Query, seen, start: str = REFERENCES, page: list | None = None) -> Select:
    """The page's walk of the statements whose object is a StatementRef to a statement
    that matches the filters, or (recursively) to such a statement (Communication
    2.1.3, "Filter Conditions for StatementRefs").

    Every statement of the chain must be one the client may read: matching through a
    statement it cannot read would tell it that statement's agent, verb or activity.
    A voided statement is never returned, but still passes the match on (its voiding
    statement is found by what the voided one was about). since/until and the page
    apply to the returned statement only; targets and links are taken as they were
    when the first page was read (`bound`), so pages stay stable.

    From REFERENCES, given the `page`'s other walks: only the references that can be on
    the page (`_on_page`), each followed down its chain. From MATCHES: each statement
    the filter matches probes `statement_refs` by its id, and the referrers are followed
    up from there."""
    held = (seen,) if query.bound is None else (seen, Statement.seq <= query.bound)
    if start == REFERENCES and page:
        return _on_page(query, seen, held, page)
    if start in (MATCHES, SEEN):
        ids = select(Statement.statement_id.label("id")).where(*held)
        authority = query.related_agents and query.credentials is not None
        if start == MATCHES and authority and query.agent is not None:
            # Started from few matches: the agent's and the writer's index entries as
            # a set (an OR of the two makes PostgreSQL scan the statements).
            ids = ids.where(Statement.seq.in_(_driving(query)))
            matched, _ = _filtered(replace(query, agent=None, credentials=None), ids)
        else:
            matched, _ = _filtered(query, ids)
        matched = matched.subquery()
        first = (
            select(StatementReference.seq.label("seq"))
            .select_from(matched)
            .join(StatementReference, StatementReference.target == matched.c.id)
        )
    else:
        target, _ = _filtered(
            query,
            select(Statement.seq).where(Statement.statement_id == StatementReference.target, *held),
        )
        first = select(StatementReference.seq.label("seq")).where(target.exists())
    hits = first.cte("statement_ref_hits", recursive=True)
    link = (
        select(StatementReference.seq)
        .select_from(hits)
        .join(Statement, Statement.seq == hits.c.seq)
        .join(StatementReference, StatementReference.target == Statement.statement_id)
        .where(*held)
    )
    hits = hits.union(link)
    sql = select(Statement.seq).join(hits, hits.c.seq == Statement.seq)
    return _window(query, sql.where(seen, Statement.voided == false()), Statement.seq)


def _on_page(query: Query, seen, held: tuple, page: list) -> Select:
    """The referrers among the references that can still be on this page, followed down
    their chains (a → b → c: a's target b, b's target c), each link readable; a
    reference is kept when a statement of its chain matches the filter.

    The page's other walks stop at its end: when they found limit + 1 statements, a
    reference beyond the last of them (older, newest first) cannot be on the page. So a
    broad filter (a verb of a twentieth of the store) probes only the few references
    among its page's seqs, not every reference stored."""
    shown = union(*(select(w.subquery().c.seq) for w in page)).subquery()
    edge = (
        select(shown.c.seq)
        .order_by(_direction(query, shown.c.seq))
        .offset(query.limit)
        .limit(1)
        .scalar_subquery()
    )
    if query.ascending:
        beyond = StatementReference.seq <= func.coalesce(edge, StatementReference.seq)
    else:
        beyond = StatementReference.seq >= func.coalesce(edge, 0)
    near = [beyond]
    if query.bound is not None:
        near.append(StatementReference.seq <= query.bound)
    if query.after is not None:
        after = StatementReference.seq
        near.append(after > query.after if query.ascending else after < query.after)
    chain = (
        select(StatementReference.seq.label("start"), StatementReference.target.label("target"))
        .where(*near)
        .cte("statement_ref_chain", recursive=True)
    )
    further = aliased(StatementReference)
    chain = chain.union(
        select(chain.c.start, further.target)
        .select_from(chain)
        .join(Statement, Statement.statement_id == chain.c.target)
        .join(further, further.seq == Statement.seq)
        .where(*held)
    )
    target, _ = _filtered(
        query, select(Statement.seq).where(Statement.statement_id == chain.c.target, *held)
    )
    hits = select(chain.c.start.label("seq")).where(target.exists()).distinct().subquery()
    sql = select(Statement.seq).join(hits, hits.c.seq == Statement.seq)
    return _window(query, sql.where(seen, Statement.voided == false()), Statement.seq)


def _direction(query: Query, column: Any) -> Any:
    return column.asc() if query.ascending else column.desc()


def _window(query: Query, sql: Select, order: Any) -> Select:
    """since/until, the page's place in the walk and its order and length."""
    # `stored` is shown to the millisecond, so it is compared to the millisecond: a
    # statement is after `since` when its shown time is.
    if query.since is not None:
        sql = sql.where(Statement.stored >= query.since + _MS)
    if query.until is not None:
        sql = sql.where(Statement.stored < query.until + _MS)
    if query.bound is not None:
        sql = sql.where(order <= query.bound)
    if query.after is not None:
        sql = sql.where(order > query.after if query.ascending else order < query.after)
    return sql.order_by(_direction(query, order)).limit(query.limit + 1)
