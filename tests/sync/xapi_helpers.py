"""Small helpers for the /xapi tests: a client with credentials and the version
header, and statements of every shape."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from sync.server import admin
from sync.xapi import XAPI_VERSION

V = {"X-Experience-API-Version": XAPI_VERSION}
ACTIVITY = "http://example.org/activities/course-1"
EXPERIENCED = "http://adlnet.gov/expapi/verbs/experienced"
VOIDED = "http://adlnet.gov/expapi/verbs/voided"


def add_client(ctx, unit: int, name: str = "lms") -> tuple[str, str]:
    with ctx.db.write() as session:
        return admin.add_xapi_client(session, "test", name, unit)


@dataclass
class Lrs:
    """The TestClient with one client's credentials."""

    api: Any
    auth: tuple[str, str]

    def post(self, body: Any, **kw):
        return self.api.post("/xapi/statements", json=body, auth=self.auth, headers=V, **kw)

    def put(self, body: Any, statement_id: str | None = None, **kw):
        params = {"statementId": statement_id or body["id"]}
        return self.api.put(
            "/xapi/statements", params=params, json=body, auth=self.auth, headers=V, **kw
        )

    def get(self, headers: dict | None = None, **params):
        return self.api.get(
            "/xapi/statements", params=params, auth=self.auth, headers={**V, **(headers or {})}
        )

    def ids(self, **params) -> list[str]:
        answer = self.get(**params)
        assert answer.status_code == 200, answer.text
        return [s["id"] for s in answer.json()["statements"]]


def statement(
    actor: dict | None = None,
    verb: str = EXPERIENCED,
    obj: dict | None = None,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "actor": actor or {"mbox": "mailto:an@example.org", "name": "An"},
        "verb": {"id": verb, "display": {"en-US": "experienced", "vi": "đã trải nghiệm"}},
        "object": obj or {"objectType": "Activity", "id": ACTIVITY},
        **extra,
    }


def voiding(target: str) -> dict[str, Any]:
    return statement(verb=VOIDED, obj={"objectType": "StatementRef", "id": target})
