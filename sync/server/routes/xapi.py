"""The xAPI 1.0.3 statements resource, for ordinary xAPI tools (DESIGN section 6).

Clients authenticate with HTTP Basic credentials an admin made for them (`hocvu
admin add-xapi-client`). Statements must still name an account actor: one whose
account is a Học Vụ Số profile (homePage `urn:hocvu:profile`, name the profile
UUID) is attached to that profile's learner, who must be inside the client's unit;
any other account is stored unattached, visible only to the client that wrote it.
Every response carries `X-Experience-API-Version`; statement requests without it
are refused with 400, as the specification asks.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import or_, select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from sync.problems import Problem, Refusal
from sync.server.auth import AuthenticatedXapiClient, current_xapi_client
from sync.server.context import MAX_BATCH, ServerContext, server
from sync.server.db import aware, now
from sync.server.ingest import lower_uuid, prepare, store
from sync.server.models import Learner, Profile, Statement
from sync.server.reporting.scope import scope_unit_ids
from sync.server.xapi_protocol import check_parameters
from sync.xapi import ACCOUNT_HOME_PAGE, XAPI_VERSION, parse_timestamp

router = APIRouter(tags=["xAPI"])


Client = Annotated[AuthenticatedXapiClient, Depends(current_xapi_client)]
Context = Annotated[ServerContext, Depends(server)]


@router.get("/about")
def about() -> dict[str, Any]:
    return {"version": [XAPI_VERSION], "extensions": {"urn:hocvu:server": "Học Vụ Số"}}


def _save(ctx: ServerContext, client: AuthenticatedXapiClient, statements: list[Any]) -> list[str]:
    prepared, errors = prepare(statements)
    if errors:
        raise Refusal(
            Problem.BATCH_STATEMENTS_REFUSED,
            "; ".join(f"statement {e['id']}: {e['error']}" for e in errors[:10]),
            count=len(errors),
            errors=errors[:10],
        )
    with ctx.db.write() as session:
        names = {
            key
            for p in prepared
            if p.home_page == ACCOUNT_HOME_PAGE and (key := lower_uuid(p.actor))
        }
        learner_of: dict[str, str | None] = {}
        if names:
            rows = session.execute(
                select(Profile.profile_id, Profile.learner_id, Learner.unit_id)
                .join(Learner, Learner.id == Profile.learner_id)
                .where(Profile.profile_id.in_(names))
            ).all()
            scope = set(scope_unit_ids(session, client.unit_id))
            outside = [r.profile_id for r in rows if r.unit_id not in scope]
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
        raise Refusal(
            Problem.STATEMENT_CONFLICT,
            f"statement id(s) {', '.join(result.conflicts)} are stored with other content",
            count=len(result.conflicts),
        )
    return [p.sid for p in prepared]


async def _json_body(request: Request) -> Any:
    try:
        return json.loads(await request.body())
    except ValueError:
        raise Refusal(Problem.REQUEST_NOT_JSON, "the body is not JSON") from None


@router.put("/statements", status_code=204)
async def put_statement(
    request: Request,
    client: Client,
    ctx: Context,
    statement_id: Annotated[str, Query(alias="statementId")],
) -> Response:
    statement = await _json_body(request)
    if not isinstance(statement, dict):
        raise Refusal(Problem.XAPI_PUT_ONE, "PUT takes one statement")
    if "id" in statement and str(statement["id"]).lower() != statement_id.lower():
        raise Refusal(
            Problem.STATEMENT_ID_MISMATCH,
            "the statement's id differs from the statementId parameter",
        )
    statement = {**statement, "id": statement_id}
    await run_in_threadpool(_save, ctx, client, [statement])
    return Response(status_code=204)


@router.post("/statements")
async def post_statements(request: Request, client: Client, ctx: Context) -> list[str]:
    body = await _json_body(request)
    statements = body if isinstance(body, list) else [body]
    if len(statements) > MAX_BATCH:
        raise Refusal(
            Problem.BATCH_TOO_LARGE,
            f"at most {MAX_BATCH} statements per request",
            count=len(statements),
            limit=MAX_BATCH,
        )
    statements = [
        {**s, "id": str(uuid.uuid4())} if isinstance(s, dict) and "id" not in s else s
        for s in statements
    ]
    return await run_in_threadpool(_save, ctx, client, statements)


def _visible(session: Session, client: AuthenticatedXapiClient):
    scope = set(scope_unit_ids(session, client.unit_id))
    learners = select(Learner.id).where(Learner.unit_id.in_(scope))
    return or_(Statement.xapi_client_id == client.client_id, Statement.learner_id.in_(learners))


def _with_stored(body: str, stored: datetime) -> dict[str, Any]:
    statement = json.loads(body)
    statement["stored"] = aware(stored).isoformat(timespec="milliseconds")
    return statement


@router.get("/statements")
def get_statements(
    request: Request,
    client: Client,
    ctx: Context,
    statement_id: Annotated[str | None, Query(alias="statementId")] = None,
    voided_id: Annotated[str | None, Query(alias="voidedStatementId")] = None,
    since: Annotated[str | None, Query()] = None,
    limit: Annotated[int, Query(ge=0)] = 100,
    cursor: Annotated[int, Query(ge=0, description="from a `more` link")] = 0,
) -> JSONResponse:
    check_parameters(request, ("statementId", "voidedStatementId", "since", "limit", "cursor"))
    headers = {"X-Experience-API-Consistent-Through": now().isoformat(timespec="seconds")}
    with ctx.db.read() as session:
        if statement_id is not None:
            try:
                key = str(uuid.UUID(statement_id))
            except ValueError:
                raise Refusal(Problem.STATEMENT_ID_INVALID, "statementId is not a UUID") from None
            row = session.execute(
                select(Statement.body, Statement.stored).where(
                    Statement.statement_id == key, _visible(session, client)
                )
            ).first()
            if row is None:
                raise Refusal(Problem.STATEMENT_NOT_FOUND, f"no statement {statement_id}")
            return JSONResponse(_with_stored(row.body, row.stored), headers=headers)
        limit = min(limit or MAX_BATCH, MAX_BATCH)
        query = select(Statement.seq, Statement.body, Statement.stored).where(
            Statement.seq > cursor, _visible(session, client)
        )
        if since:
            try:
                query = query.where(Statement.stored > parse_timestamp(since))
            except ValueError as exc:
                raise Refusal(Problem.XAPI_SINCE_INVALID, f"since: {exc}") from None
        rows = session.execute(query.order_by(Statement.seq).limit(limit)).all()
    more = ""
    if len(rows) == limit:
        params: dict[str, Any] = {"cursor": rows[-1].seq, "limit": limit}
        if since:
            params["since"] = since
        more = "/xapi/statements?" + urlencode(params)
    return JSONResponse(
        {"statements": [_with_stored(r.body, r.stored) for r in rows], "more": more},
        headers=headers,
    )
