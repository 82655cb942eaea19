"""Who is calling: devices by bearer token, xAPI tools by HTTP Basic.

A device token is 32 random bytes (URL-safe base64); the server stores only its
SHA-256, so a copy of the database gives no one a usable token. A revoked device's
token answers 401 like an unknown one.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends
from fastapi.security import (
    HTTPAuthorizationCredentials,
    HTTPBasic,
    HTTPBasicCredentials,
    HTTPBearer,
)
from sqlalchemy import select

from sync.problems import Problem, Refusal
from sync.server.context import ServerContext, server
from sync.server.models import Device, Learner, XapiClient

_bearer = HTTPBearer(auto_error=False, description="The device token from enrolment")
_basic = HTTPBasic(auto_error=False, description="xAPI client key and secret")


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@dataclass(frozen=True)
class AuthenticatedDevice:
    device_id: str
    learner_id: str
    profile_id: str
    unit_id: int


def _unauthorized(problem: Problem, detail: str, scheme: str = "Bearer") -> Refusal:
    return Refusal(problem, detail, headers={"WWW-Authenticate": scheme})


def current_device(
    ctx: Annotated[ServerContext, Depends(server)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> AuthenticatedDevice:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise _unauthorized(
            Problem.AUTH_TOKEN_MISSING, "a device token is needed (Authorization: Bearer …)"
        )
    with ctx.db.read() as session:
        row = session.execute(
            select(Device.id, Device.learner_id, Device.profile_id, Device.revoked, Learner.unit_id)
            .join(Learner, Learner.id == Device.learner_id)
            .where(Device.token_hash == secret_hash(credentials.credentials))
        ).first()
    if row is None:
        raise _unauthorized(
            Problem.AUTH_TOKEN_UNKNOWN, "unknown device token; enrol this device again"
        )
    if row.revoked is not None:
        raise _unauthorized(
            Problem.AUTH_DEVICE_REVOKED,
            "this device was revoked by an administrator; enrol it again",
        )
    return AuthenticatedDevice(row.id, row.learner_id, row.profile_id, row.unit_id)


@dataclass(frozen=True)
class AuthenticatedXapiClient:
    client_id: int
    name: str
    unit_id: int


def current_xapi_client(
    ctx: Annotated[ServerContext, Depends(server)],
    credentials: Annotated[HTTPBasicCredentials | None, Depends(_basic)],
) -> AuthenticatedXapiClient:
    basic = 'Basic realm="xapi"'
    if credentials is None:
        raise _unauthorized(
            Problem.AUTH_CLIENT_MISSING,
            "xAPI clients authenticate with HTTP Basic (key and secret)",
            basic,
        )
    with ctx.db.read() as session:
        client = session.scalar(select(XapiClient).where(XapiClient.key == credentials.username))
    if (
        client is None
        or client.revoked is not None
        or not hmac.compare_digest(client.secret_hash, secret_hash(credentials.password))
    ):
        raise _unauthorized(
            Problem.AUTH_CLIENT_UNKNOWN, "unknown or revoked xAPI credentials", basic
        )
    return AuthenticatedXapiClient(client.id, client.name, client.unit_id)
