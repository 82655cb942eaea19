"""The APIs beside the dashboard keep to the same scopes: an xAPI client made for
one mission reads none of another mission's statements, by list or by id."""

from __future__ import annotations

from requests.auth import HTTPBasicAuth
from sqlalchemy import select

from sync.server import admin
from sync.server.models import Statement
from sync.xapi import XAPI_VERSION

from .dashboard_world import seed_ministry

HEADERS = {"X-Experience-API-Version": XAPI_VERSION}


def test_xapi_client_of_a_mission_reads_only_its_missions_statements(api, ctx):
    ministry = seed_ministry(ctx)
    with ctx.db.write() as session:
        key, secret = admin.add_xapi_client(session, "test", "Tokyo LMS", ministry.tokyo)
    with ctx.db.read() as session:
        rows = session.execute(select(Statement.statement_id, Statement.learner_id)).all()
    tokyo = set(ministry.learners["tokyo"])
    mine = {sid for sid, learner in rows if learner in tokyo}
    theirs = {sid for sid, learner in rows if learner not in tokyo}
    assert mine and theirs
    auth = HTTPBasicAuth(key, secret)
    listed = api.get("/xapi/statements?limit=500", headers=HEADERS, auth=auth).json()
    assert {s["id"] for s in listed["statements"]} == mine
    for sid in sorted(theirs)[:3]:
        one = api.get(f"/xapi/statements?statementId={sid}", headers=HEADERS, auth=auth)
        assert one.status_code == 404
    own = sorted(mine)[0]
    found = api.get(f"/xapi/statements?statementId={own}", headers=HEADERS, auth=auth)
    assert found.status_code == 200 and found.json()["id"] == own
