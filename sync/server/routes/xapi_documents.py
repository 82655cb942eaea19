"""The xAPI 1.0.3 document resources (State, Activity Profile, Agent Profile) and the
Activities and Agents resources, on /xapi beside the statements resource
(Communication 2.2-2.7; DESIGN section 6).

The request conventions (version header, HEAD, the alternate request syntax, unknown
parameters) are `sync.server.xapi_protocol`'s; what a document is and who sees it is
`sync.server.xapi_documents`'s. These routes read the parameters, call one unit of
work and answer with the headers the specification asks for (ETag, Last-Modified,
Content-Type as stored).
"""

from __future__ import annotations

import email.utils
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated, TypeVar

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from sync.problems import Problem, Refusal
from sync.server import xapi_documents as documents
from sync.server.auth import AuthenticatedXapiClient, current_xapi_client
from sync.server.context import ServerContext, server
from sync.server.db import now
from sync.server.reporting.scope import scope_unit_ids
from sync.server.xapi_documents import DocumentSet, Preconditions, Scope
from sync.server.xapi_lookup import known_activity, known_person
from sync.server.xapi_protocol import agent_parameter, check_parameters
from sync.server.xapi_query import visible
from sync.xapi import parse_timestamp
from sync.xapi_actors import Actor, is_iri

router = APIRouter(tags=["xAPI"])
Client = Annotated[AuthenticatedXapiClient, Depends(current_xapi_client)]
Context = Annotated[ServerContext, Depends(server)]
T = TypeVar("T")

# Parameters are IRIs and short ids; anything longer is not one a tool would send.
MAX_PARAMETER_CHARS = 2048


@dataclass(frozen=True)
class Resource:
    """One document resource: its kind, the name of its id parameter and what names
    its set."""

    kind: str
    id_name: str
    activity: bool
    agent: bool
    registration: bool

    def parameters(self, method: str) -> tuple[str, ...]:
        names = [self.id_name]
        if self.activity:
            names.append("activityId")
        if self.agent:
            names.append("agent")
        if self.registration:
            names.append("registration")
        if method == "GET":
            names.append("since")
        return tuple(names)


STATE = Resource(documents.STATE, "stateId", activity=True, agent=True, registration=True)
ACTIVITY_PROFILE = Resource(
    documents.ACTIVITY_PROFILE, "profileId", activity=True, agent=False, registration=False
)
AGENT_PROFILE = Resource(
    documents.AGENT_PROFILE, "profileId", activity=False, agent=True, registration=False
)


# ------------------------------------------------------------------ parameters


def _parameter(request: Request, name: str, *, required: bool) -> str | None:
    value = request.query_params.get(name)
    if value is None or value == "":
        if required:
            raise Refusal(
                Problem.XAPI_PARAMETER_INVALID, f"the parameter {name} is required", parameter=name
            )
        return None
    if len(value) > MAX_PARAMETER_CHARS:
        raise Refusal(
            Problem.XAPI_PARAMETER_INVALID,
            f"{name} is longer than {MAX_PARAMETER_CHARS} characters",
            parameter=name,
        )
    return value


def _activity_id(request: Request) -> str:
    value = _parameter(request, "activityId", required=True)
    if not is_iri(value):
        raise Refusal(
            Problem.XAPI_PARAMETER_INVALID, "activityId is not an IRI", parameter="activityId"
        )
    return value  # type: ignore[return-value]


def _agent(request: Request) -> Actor:
    text = _parameter(request, "agent", required=True)
    return agent_parameter("agent", text, agent_only=True)  # type: ignore[arg-type]


def _registration(request: Request) -> str | None:
    value = _parameter(request, "registration", required=False)
    if value is None:
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise Refusal(
            Problem.XAPI_PARAMETER_INVALID, "registration is not a UUID", parameter="registration"
        ) from None


def _since(request: Request) -> datetime | None:
    value = _parameter(request, "since", required=False)
    if value is None:
        return None
    try:
        return parse_timestamp(value).astimezone(UTC)
    except ValueError as exc:
        raise Refusal(Problem.XAPI_PARAMETER_INVALID, f"since: {exc}", parameter="since") from None


def _document_set(request: Request, resource: Resource) -> DocumentSet:
    check_parameters(request, resource.parameters(request.method))
    return DocumentSet(
        kind=resource.kind,
        activity_id=_activity_id(request) if resource.activity else None,
        agent_key=_agent(request).key if resource.agent else None,
        registration=_registration(request) if resource.registration else None,
    )


def _preconditions(request: Request) -> Preconditions:
    return Preconditions(request.headers.get("if-match"), request.headers.get("if-none-match"))


def _scope(session: Session, client: AuthenticatedXapiClient) -> Scope:
    return Scope(client.client_id, client.unit_id, scope_unit_ids(session, client.unit_id))


def _http_date(value: datetime) -> str:
    return email.utils.format_datetime(value.astimezone(UTC), usegmt=True)


def _written(document: documents.Document) -> Response:
    return Response(
        status_code=204,
        headers={"ETag": document.quoted_etag, "Last-Modified": _http_date(document.updated)},
    )


# ------------------------------------------------------------------ the document handlers


def _in_write(ctx: ServerContext, work: Callable[[Session], T]) -> T:
    """Run `work` in a write unit; once more if another writer created the same
    document between our read and our insert (the unique key refused ours)."""
    try:
        with ctx.db.write() as session:
            return work(session)
    except IntegrityError:
        with ctx.db.write() as session:
            return work(session)


def _get(request: Request, client: AuthenticatedXapiClient, ctx: ServerContext, r: Resource):
    key = _document_set(request, r)
    document_id = _parameter(request, r.id_name, required=False)
    # `since` filters the list of ids; with an id it is checked and then ignored, as
    # ADL's conformance suite expects (the specification gives it no meaning there).
    since = _since(request)
    with ctx.db.read() as session:
        scope = _scope(session, client)
        if document_id is None:
            return JSONResponse(documents.ids(session, scope, key, since))
        document = documents.get(session, scope, key, document_id)
    if document is None:
        raise Refusal(Problem.DOCUMENT_NOT_FOUND, f"no document {document_id[:80]!r}")
    headers = {"ETag": document.quoted_etag, "Last-Modified": _http_date(document.updated)}
    asked = request.headers.get("if-none-match")
    if asked is not None and (
        document.etag in (tags := documents.entity_tags(asked)) or "*" in tags
    ):
        return Response(status_code=304, headers=headers)
    return Response(document.content, media_type=document.content_type, headers=headers)


async def _write(
    request: Request,
    client: AuthenticatedXapiClient,
    ctx: ServerContext,
    r: Resource,
    change: Callable[..., documents.Document],
) -> Response:
    key = _document_set(request, r)
    document_id = _parameter(request, r.id_name, required=True)
    preconditions = _preconditions(request)
    content = await request.body()
    content_type = request.headers.get("content-type")

    def work(session: Session) -> documents.Document:
        return change(
            session,
            _scope(session, client),
            key,
            document_id,
            content,
            content_type,
            preconditions,
            now(),
        )

    return _written(await run_in_threadpool(_in_write, ctx, work))


def _delete(request: Request, client: AuthenticatedXapiClient, ctx: ServerContext, r: Resource):
    key = _document_set(request, r)
    # Only the State resource deletes a whole set (without its id parameter).
    document_id = _parameter(request, r.id_name, required=r is not STATE)
    preconditions = _preconditions(request)

    def work(session: Session) -> None:
        scope = _scope(session, client)
        if document_id is None:
            documents.remove_set(session, scope, key)
        else:
            documents.remove(session, scope, key, document_id, preconditions)

    _in_write(ctx, work)
    return Response(status_code=204)


def _routes(path: str, resource: Resource) -> None:
    """GET (HEAD comes with it), PUT, POST and DELETE on one document resource."""

    def get(request: Request, client: Client, ctx: Context) -> Response:
        return _get(request, client, ctx, resource)

    async def put(request: Request, client: Client, ctx: Context) -> Response:
        return await _write(request, client, ctx, resource, documents.put)

    async def post(request: Request, client: Client, ctx: Context) -> Response:
        return await _write(request, client, ctx, resource, documents.post)

    def delete(request: Request, client: Client, ctx: Context) -> Response:
        return _delete(request, client, ctx, resource)

    name = resource.kind
    router.add_api_route(path, get, methods=["GET"], name=f"get_{name}")
    router.add_api_route(path, put, methods=["PUT"], status_code=204, name=f"put_{name}")
    router.add_api_route(path, post, methods=["POST"], status_code=204, name=f"post_{name}")
    router.add_api_route(path, delete, methods=["DELETE"], status_code=204, name=f"delete_{name}")


_routes("/activities/state", STATE)
_routes("/activities/profile", ACTIVITY_PROFILE)
_routes("/agents/profile", AGENT_PROFILE)


# ------------------------------------------------------------------ Activities and Agents


@router.get("/activities")
def get_activity(request: Request, client: Client, ctx: Context) -> JSONResponse:
    """The Activity as this server knows it (Communication 2.5): the definitions the
    statements the client may read give it, merged, the newest winning."""
    check_parameters(request, ("activityId",))
    activity_id = _activity_id(request)
    with ctx.db.read() as session:
        return JSONResponse(
            known_activity(session, visible(session, client.client_id, client.unit_id), activity_id)
        )


@router.get("/agents")
def get_agent(request: Request, client: Client, ctx: Context) -> JSONResponse:
    """A Person object (Communication 2.4): the agent asked about with the names the
    readable statements give it, and, for a Học Vụ Số account, the learner's other
    profile accounts (one per device) when the learner is in the client's scope."""
    check_parameters(request, ("agent",))
    actor = _agent(request)
    with ctx.db.read() as session:
        units = set(scope_unit_ids(session, client.unit_id))
        return JSONResponse(
            known_person(session, visible(session, client.client_id, client.unit_id), actor, units)
        )
