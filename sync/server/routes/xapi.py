"""The xAPI 1.0.3 Statements resource (Communication 2.1) and /xapi/about.

Clients authenticate with HTTP Basic credentials an admin made for them (`hocvu
admin add-xapi-client`). Any actor form is accepted. A statement whose actor is an
account of a Học Vụ Số profile (homePage `urn:hocvu:profile`, name the profile
UUID) and whose object is an activity is attached to that profile's learner, who
must be inside the client's unit; everything else is stored unattached, visible
only to the client that wrote it. A client reads what it wrote and its unit
subtree's learners' statements. Nothing an xAPI client writes is graded or leads to
a certificate (`sync.server.ingest`).

The request conventions (version header, HEAD, alternate syntax) are applied
before these routes by `sync.server.xapi_protocol`; checks are in
`sync.xapi_validation`, queries in `sync.server.xapi_query`, the returned form in
`sync.server.xapi_format`, attachments and signatures in their own modules.
"""

from __future__ import annotations

import email.utils
import json
import uuid
from datetime import UTC
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from sync.problems import Problem, Refusal
from sync.server import limits, xapi_attachments, xapi_query, xapi_reader, xapi_signature
from sync.server.auth import AuthenticatedXapiClient, current_xapi_client
from sync.server.context import MAX_BATCH, ServerContext, server
from sync.server.db import aware, now
from sync.server.ingest import prepare, store
from sync.server.models import Learner, Profile, Statement, XapiClient
from sync.server.reporting.scope import scope_unit_ids
from sync.server.statement_index import void_target
from sync.server.xapi_attachments import Part, Written
from sync.server.xapi_format import (
    CLIENT_HOME_PAGE,
    accept_languages,
    activity_ids,
    authority,
    complete,
    iso,
    shape,
)
from sync.server.xapi_lookup import known_definitions
from sync.server.xapi_protocol import check_parameters
from sync.xapi import ACCOUNT_HOME_PAGE, XAPI_VERSION
from sync.xapi_validation import VOIDED, is_uuid

router = APIRouter(tags=["xAPI"])
CONSISTENT = "X-Experience-API-Consistent-Through"

Client = Annotated[AuthenticatedXapiClient, Depends(current_xapi_client)]
Context = Annotated[ServerContext, Depends(server)]


@router.get("/about")
def about() -> dict[str, Any]:
    return {"version": [XAPI_VERSION], "extensions": {"urn:hocvu:server": "Học Vụ Số"}}


# ------------------------------------------------------------------ PUT and POST


async def _statements_in(request: Request) -> tuple[Any, dict[str, Part]]:
    """The JSON sent, and its attachment parts when it came as multipart/mixed."""
    content_type = request.headers.get("content-type", "application/json")
    body = await request.body()
    boundary = xapi_attachments.boundary_of(content_type)
    if boundary is not None:
        return xapi_attachments.statements_and_parts(body, boundary)
    if content_type.split(";")[0].strip().lower() not in ("application/json", ""):
        raise Refusal(
            Problem.XAPI_CONTENT_TYPE,
            "statements are sent as application/json or multipart/mixed",
        )
    try:
        return json.loads(body), {}
    except ValueError:
        raise Refusal(Problem.REQUEST_NOT_JSON, "the body is not JSON") from None


def _check_voiding(
    session: Session, client: AuthenticatedXapiClient, prepared: list, targets: set[str]
) -> None:
    """A voiding statement may not void a voiding statement, a statement the client
    cannot read, nor one a learner's device or the server wrote: those are the learner's
    record (DESIGN 5: statements are immutable, a correction is a new statement), and
    voiding one would hide her answers or her graded result from every xAPI reader.
    `targets`: the ids the batch's voiding statements void."""
    in_batch = {p.key: p.statement for p in prepared}
    for target in targets:
        if target in in_batch and void_target(in_batch[target]):
            raise Refusal(Problem.XAPI_VOIDS_VOIDING, f"statement {target} is itself a voiding")
    rows = session.execute(
        select(Statement.statement_id, Statement.verb, Statement.xapi_client_id).where(
            Statement.statement_id.in_(list(targets))
        )
    ).all()
    # Whether the client may read a target first: answering "is itself a voiding" for a
    # statement it cannot read would tell it that statement's verb.
    seen = xapi_query.visible(session, client.client_id, client.unit_id)
    readable = set(
        session.scalars(
            select(Statement.statement_id).where(Statement.statement_id.in_(list(targets)), seen)
        )
    )
    hidden = [str(r.statement_id) for r in rows if str(r.statement_id) not in readable]
    if hidden:
        raise Refusal(
            Problem.STATEMENT_OUTSIDE_UNIT,
            f"statement(s) {', '.join(hidden[:5])} are not yours to void",
            count=len(hidden),
        )
    for row in rows:
        if row.verb == VOIDED:
            raise Refusal(
                Problem.XAPI_VOIDS_VOIDING, f"statement {row.statement_id} is itself a voiding"
            )
    records = [str(r.statement_id) for r in rows if r.xapi_client_id is None]
    if records:
        raise Refusal(
            Problem.STATEMENT_NOT_VOIDABLE,
            f"statement(s) {', '.join(records[:5])} were written by a device or the server",
            count=len(records),
        )


def _save(
    ctx: ServerContext,
    client: AuthenticatedXapiClient,
    statements: list[Any],
    parts: dict[str, Part],
) -> list[str]:
    own = {"homePage": CLIENT_HOME_PAGE, "name": str(client.client_id)}
    for statement in statements:
        # A statement read back and sent again carries the authority the server gave it
        # for this very client: not a claim to be refused (`grading.server_only_fault`),
        # only what the server would set again.
        sent = statement.get("authority") if isinstance(statement, dict) else None
        if isinstance(sent, dict) and sent.get("account") == own:
            del statement["authority"]
    prepared, errors = prepare(statements)
    if errors:
        raise Refusal(
            Problem.BATCH_STATEMENTS_REFUSED,
            "; ".join(f"statement {e['id']}: {e['error']}" for e in errors[:10]),
            count=len(errors),
            errors=errors[:10],
        )
    # One pass for what only tools send (attachments, signatures among them, voidings,
    # objects other than activities): a batch of 500 plain statements costs no more
    # here than through the device API.
    attached: list[dict[str, Any]] = []
    voids: set[str] = set()
    names: set[str] = set()
    for p in prepared:
        statement = p.statement
        if "attachments" in statement:
            attached.append(statement)
        if statement["verb"]["id"] == VOIDED and (target := void_target(statement)):
            voids.add(target)
        if statement["object"].get("objectType", "Activity") != "Activity":
            # Progress and results are about activities: anything else stays unattached.
            p.actor_key = None
        elif p.actor_key and p.home_page == ACCOUNT_HOME_PAGE:
            names.add(p.actor_key)
    for statement in attached:
        xapi_signature.check(statement, parts)
    if attached or parts:
        xapi_attachments.check_parts(attached, parts)
    with ctx.db.write() as session:
        if voids:
            _check_voiding(session, client, prepared, voids)
        learner_of: dict[str, str | None] = {}
        if names:
            rows = session.execute(
                select(Profile.profile_id, Profile.learner_id, Learner.unit_id)
                .join(Learner, Learner.id == Profile.learner_id)
                .where(Profile.profile_id.in_(names))
            ).all()
            # Units other than the client's own, less those below it: the learners there
            # are outside. A tool writing for its own unit's learners, the usual case,
            # reads no unit tree.
            foreign = {r.unit_id for r in rows} - {client.unit_id}
            if foreign:
                foreign -= set(scope_unit_ids(session, client.unit_id))
            outside = [r.profile_id for r in rows if r.unit_id in foreign]
            if outside:
                raise Refusal(
                    Problem.STATEMENT_OUTSIDE_UNIT,
                    f"profile(s) {', '.join(outside)} belong to learners outside your unit",
                    count=len(outside),
                )
            learner_of = {r.profile_id: r.learner_id for r in rows}
        result = store(
            session,
            prepared,
            learner_of=learner_of,
            device_id=None,
            xapi_client_id=client.client_id,
            now=now(),
            grader=None,
        )
        if result.conflicts:
            # Raised inside the transaction: nothing of the request is stored.
            raise Refusal(
                Problem.STATEMENT_CONFLICT,
                f"statement id(s) {', '.join(result.conflicts)} are stored with other content",
                count=len(result.conflicts),
            )
        xapi_attachments.save(session, parts, client.client_id)
    return [p.sid for p in prepared]


@router.put("/statements", status_code=204)
async def put_statement(request: Request, client: Client, ctx: Context) -> Response:
    check_parameters(request, ("statementId",))
    statement_id = request.query_params.get("statementId")
    if statement_id is None:
        raise Refusal(Problem.STATEMENT_ID_INVALID, "PUT needs the statementId parameter")
    if not is_uuid(statement_id):
        raise Refusal(Problem.STATEMENT_ID_INVALID, "statementId is not a UUID")
    statement, parts = await _statements_in(request)
    if not isinstance(statement, dict):
        raise Refusal(Problem.XAPI_PUT_ONE, "PUT takes one statement")
    if "id" in statement and str(statement["id"]).lower() != statement_id.lower():
        raise Refusal(
            Problem.STATEMENT_ID_MISMATCH,
            "the statement's id differs from the statementId parameter",
        )
    statement = {**statement, "id": statement_id}
    await run_in_threadpool(_save, ctx, client, [statement], parts)
    return Response(status_code=204)


@router.post("/statements", response_model=list[str])
async def post_statements(request: Request, client: Client, ctx: Context) -> Response:
    check_parameters(request, ())
    body, parts = await _statements_in(request)
    statements = body if isinstance(body, list) else [body]
    if len(statements) > MAX_BATCH:
        raise Refusal(
            Problem.BATCH_TOO_LARGE,
            f"at most {MAX_BATCH} statements per request",
            count=len(statements),
            limit=MAX_BATCH,
        )
    for statement in statements:
        if isinstance(statement, dict) and "id" not in statement:
            statement["id"] = str(uuid.uuid4())
    ids = await run_in_threadpool(_save, ctx, client, statements, parts)
    # Answered directly: the ids are plain strings, FastAPI need not validate them.
    return Response(json.dumps(ids).encode(), 200, media_type="application/json")


# ------------------------------------------------------------------ GET


def _client_names(session: Session, rows: list) -> dict[int, str]:
    ids = {r.xapi_client_id for r in rows if r.xapi_client_id is not None}
    if not ids:
        return {}
    return dict(
        session.execute(select(XapiClient.id, XapiClient.name).where(XapiClient.id.in_(ids))).all()
    )


def _returned(
    session: Session, rows: list, form: str, languages: list[str], seen: ColumnElement[bool]
) -> list[dict]:
    """The rows' statements as the client reads them; `seen`: what it may read, which
    is all a canonical definition is made from."""
    names = _client_names(session, rows)
    statements = [
        complete(
            json.loads(row.body),
            aware(row.stored),
            authority(row.xapi_client_id, names.get(row.xapi_client_id), row.device_id),
        )
        for row in rows
    ]
    known = None
    if form == "canonical":
        # Every activity of the page at once: a query per statement would be 500. The
        # page ends before the statement that would take it past the budget (the caller
        # gives the rest a `more` link), so one request reads a bounded number of
        # definitions however many activities a tool packs into its statements.
        wanted: set[str] = set()
        for kept, statement in enumerate(statements):
            named = wanted | activity_ids(statement)
            if kept and len(named) > limits.XAPI_CANONICAL_PAGE_ACTIVITIES:
                statements = statements[:kept]
                break
            wanted = named
        known = known_definitions(session, seen, wanted)
    return [shape(s, form, languages, known) for s in statements]


def _written(rows: list, statements: list[dict]) -> list[Written]:
    return [Written(row.xapi_client_id, s) for row, s in zip(rows, statements, strict=True)]


def _answer(session: Session, document: Any, written: list[Written], attachments: bool) -> Response:
    headers = {CONSISTENT: iso(now())}
    body = json.dumps(document, ensure_ascii=False).encode()
    if not attachments:
        return Response(body, 200, headers, media_type="application/json")
    content, content_type = xapi_attachments.build(body, xapi_attachments.load(session, written))
    return Response(content, 200, {**headers, "Content-Type": content_type})


def _single(
    session: Session,
    client: AuthenticatedXapiClient,
    params: dict[str, str],
    languages: list[str],
) -> Response:
    extra = set(params) - {"statementId", "voidedStatementId", "format", "attachments"}
    if extra or ("statementId" in params and "voidedStatementId" in params):
        raise Refusal(
            Problem.XAPI_PARAMETER_INVALID,
            "statementId and voidedStatementId take only format and attachments beside them",
            parameter=sorted(extra)[0] if extra else "voidedStatementId",
        )
    form, attachments = xapi_query.common(params)
    voided = "voidedStatementId" in params
    wanted = params["voidedStatementId" if voided else "statementId"]
    if not is_uuid(wanted):
        raise Refusal(Problem.STATEMENT_ID_INVALID, "the statement id is not a UUID")
    seen = xapi_query.visible(session, client.client_id, client.unit_id)
    rows = session.execute(
        select(
            Statement.seq,
            Statement.body,
            Statement.stored,
            Statement.xapi_client_id,
            Statement.device_id,
            Statement.voided,
        ).where(Statement.statement_id == wanted.lower(), seen)
    ).all()
    if not rows or bool(rows[0].voided) != voided:
        raise Refusal(Problem.STATEMENT_NOT_FOUND, f"no statement {wanted}")
    [statement] = _returned(session, rows, form, languages, seen)
    answer = _answer(session, statement, _written(rows, [statement]), attachments)
    # In UTC: PostgreSQL hands the time back in the session's zone, and usegmt wants UTC.
    stored = aware(rows[0].stored).astimezone(UTC)
    answer.headers["Last-Modified"] = email.utils.format_datetime(stored, usegmt=True)
    return answer


@router.get("/statements")
def get_statements(request: Request, client: Client, ctx: Context) -> Response:
    check_parameters(request, xapi_query.PARAMETERS)
    params = dict(request.query_params)
    languages = accept_languages(request.headers.get("accept-language"))
    with ctx.db.read() as session:
        if "statementId" in params or "voidedStatementId" in params:
            return _single(session, client, params, languages)
        if "more" in params:
            if len(params) > 1:
                raise Refusal(
                    Problem.XAPI_PARAMETER_INVALID,
                    "a more link takes no other parameter",
                    parameter="more",
                )
            query = xapi_query.from_more(params["more"])
        else:
            query = xapi_query.parse(params)
            query.bound = xapi_query.newest_seq(session)
        reader = xapi_reader.reader(session, client.client_id, client.unit_id)
        seen = reader.seen
        rows = session.execute(xapi_query.build(query, seen, session, reader)).all()
        page = rows[: query.limit]
        more = ""
        if len(rows) > query.limit:
            more = "/xapi/statements?more=" + xapi_query.more_token(query, page[-1].seq)
        statements = _returned(session, page, query.form, languages, seen)
        if len(statements) < len(page):
            page = page[: len(statements)]
            more = "/xapi/statements?more=" + xapi_query.more_token(query, page[-1].seq)
        written = _written(page, statements)
        if query.attachments:
            keep = xapi_attachments.fitting(session, written, limits.XAPI_ATTACHMENT_PAGE_BYTES)
            if keep < len(page):
                page, statements, written = page[:keep], statements[:keep], written[:keep]
                more = "/xapi/statements?more=" + xapi_query.more_token(query, page[-1].seq)
        return _answer(
            session, {"statements": statements, "more": more}, written, query.attachments
        )
