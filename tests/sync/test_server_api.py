"""The device API against SQLite and PostgreSQL: enrolment, push, pull, authorisation."""

from __future__ import annotations

import json
import uuid
from datetime import timedelta

from sqlalchemy import func, select

from sync.server import admin
from sync.server.db import now
from sync.server.models import AuditEntry, EnrolmentCode, Statement
from sync.xapi import make_statement

from .conftest import bearer, enrol, new_code


def statement(profile_id: str, index: int = 0, **extra) -> dict:
    fields = {
        "profile_id": profile_id,
        "verb": "completed",
        "pack_id": "vn.mofa.dl.demo",
        "kind": "lesson",
        "local_id": f"lesson-{index}",
        "pack_version": 1,
        "app_version": "0.1.0",
        "device_id": str(uuid.uuid4()),
        "completion": True,
    }
    fields.update(extra)
    return make_statement(**fields)


def stored_count(ctx, **where) -> int:
    with ctx.db.read() as session:
        query = select(func.count()).select_from(Statement)
        for column, value in where.items():
            query = query.where(getattr(Statement, column) == value)
        return session.scalar(query)


def test_enrolment_returns_a_token_and_the_server_keys(api, ctx, world):
    device = enrol(api, world.alice_code)
    assert device["learner_id"] == world.alice
    assert device["server_public_keys"] == ctx.keys.public()
    assert len(device["device_token"]) >= 40


def test_enrolment_keeps_the_device_id_the_app_already_uses(api, world):
    wanted = str(uuid.uuid4())
    assert enrol(api, world.alice_code, device_id=wanted)["device_id"] == wanted


def test_enrolment_code_works_once(api, world):
    enrol(api, world.alice_code)
    again = api.post(
        "/api/v1/enrol",
        json={
            "code": world.alice_code,
            "device_name": "second",
            "device_public_key": "A" * 43 + "=",
            "profile_id": str(uuid.uuid4()),
        },
    )
    assert again.status_code == 403
    assert again.headers["content-type"] == "application/problem+json"
    assert again.json()["code"] == "enrol.code_used"
    assert again.json()["type"] == "urn:hocvu:problem:enrol.code_used"
    assert again.json()["detail"]  # English, for the logs


def test_expired_enrolment_code_is_refused(api, ctx, world):
    with ctx.db.write() as session:
        code = session.scalars(select(EnrolmentCode)).first()
        code.expires = now() - timedelta(minutes=1)
    response = api.post(
        "/api/v1/enrol",
        json={
            "code": world.alice_code if code.learner_id == world.alice else world.bob_code,
            "device_name": "late",
            "device_public_key": "A" * 43 + "=",
            "profile_id": str(uuid.uuid4()),
        },
    )
    assert response.status_code == 403
    assert response.json()["code"] == "enrol.code_expired"


def test_code_is_stored_only_as_a_hash(ctx, world):
    with ctx.db.read() as session:
        hashes = session.scalars(select(EnrolmentCode.code_hash)).all()
    assert world.alice_code not in hashes
    assert all(len(h) == 64 for h in hashes)


def test_failed_enrolments_are_limited_per_source_in_the_database_but_a_right_code_passes(
    api, ctx, world
):
    ctx.settings.rate_per_source = 3
    for attempt in range(3):
        response = api.post(
            "/api/v1/enrol",
            json={
                "code": f"WRONG-CODE-{attempt}",
                "device_name": "x",
                "device_public_key": "A" * 43 + "=",
                "profile_id": str(uuid.uuid4()),
            },
        )
        assert response.status_code == 403
        assert response.json()["code"] == "enrol.code_unknown"
    blocked = api.post(
        "/api/v1/enrol",
        json={
            "code": world.alice_code,
            "device_name": "x",
            "device_public_key": "A" * 43 + "=",
            "profile_id": str(uuid.uuid4()),
        },
    )
    # A right code from the same address (a whole embassy behind one) still works...
    assert blocked.status_code == 200
    # ...while one more wrong code is refused for the window.
    again = api.post(
        "/api/v1/enrol",
        json={
            "code": "WRONG-CODE-9",
            "device_name": "x",
            "device_public_key": "A" * 43 + "=",
            "profile_id": str(uuid.uuid4()),
        },
    )
    assert again.status_code == 429
    with ctx.db.read() as session:
        throttled = session.scalars(
            select(AuditEntry.detail).where(AuditEntry.action == "enrol-throttled")
        ).all()
    assert len(throttled) == 1 and "WRONG-CODE" not in throttled[0]
    assert again.json()["code"] == "enrol.too_many_attempts"
    assert again.json()["values"] == {"retry_after_s": 15 * 60}
    # The limit lives in the database: a second server process would see it too.
    from sync.server.models import RateEvent

    with ctx.db.read() as session:
        assert session.scalar(select(func.count()).select_from(RateEvent)) >= 3


def test_failed_enrolments_are_rate_limited_per_code(api, ctx, world):
    ctx.settings.rate_per_code = 2
    enrol(api, world.alice_code)
    body = {
        "code": world.alice_code,
        "device_name": "again",
        "device_public_key": "A" * 43 + "=",
        "profile_id": str(uuid.uuid4()),
    }
    assert [api.post("/api/v1/enrol", json=body).status_code for _ in range(3)] == [403, 403, 429]


def test_same_batch_pushed_three_times_is_stored_once(api, ctx, world):
    device = enrol(api, world.alice_code)
    batch = [statement(device["profile_id"], i) for i in range(50)]
    first = api.post(
        "/api/v1/statements", json={"statements": batch}, headers=bearer(device["device_token"])
    )
    assert first.status_code == 200
    assert len(first.json()["accepted"]) == 50
    for _ in range(2):
        again = api.post(
            "/api/v1/statements",
            json={"statements": batch},
            headers=bearer(device["device_token"]),
        )
        assert again.status_code == 200
        assert again.json()["accepted"] == []
        assert sorted(again.json()["duplicates"]) == sorted(s["id"] for s in batch)
    assert stored_count(ctx) == 50


def test_changed_statement_under_a_known_id_is_a_conflict_and_the_stored_one_stays(api, ctx, world):
    device = enrol(api, world.alice_code)
    original = statement(device["profile_id"], 1)
    token = bearer(device["device_token"])
    api.post("/api/v1/statements", json={"statements": [original]}, headers=token)
    changed = json.loads(json.dumps(original))
    changed["result"]["completion"] = False
    other = statement(device["profile_id"], 2)
    response = api.post("/api/v1/statements", json={"statements": [changed, other]}, headers=token)
    assert response.status_code == 409
    assert response.json()["code"] == "batch.conflicts"
    assert response.json()["conflicts"] == [original["id"]]
    assert response.json()["accepted"] == [other["id"]]
    with ctx.db.read() as session:
        body = session.scalar(
            select(Statement.body).where(Statement.statement_id == original["id"])
        )
    assert json.loads(body) == original


def test_malformed_statements_are_named_and_the_good_ones_stored(api, ctx, world):
    device = enrol(api, world.alice_code)
    good = statement(device["profile_id"])
    bad = statement(device["profile_id"], 2)
    bad["result"]["score"] = {"scaled": 7}
    response = api.post(
        "/api/v1/statements",
        json={"statements": [good, bad]},
        headers=bearer(device["device_token"]),
    )
    assert response.status_code == 400
    assert response.json()["code"] == "batch.statements_refused"
    assert response.json()["values"] == {"count": 1}
    [fault] = response.json()["errors"]
    assert (fault["id"], fault["code"]) == (bad["id"], "statement.invalid")
    assert "result.score.scaled" in fault["error"]  # the English names the field
    assert response.json()["accepted"] == [good["id"]]
    assert stored_count(ctx) == 1


def test_pushing_another_learners_statement_is_403_and_stores_nothing(api, ctx, world):
    alice = enrol(api, world.alice_code)
    bob = enrol(api, world.bob_code)
    batch = [statement(alice["profile_id"], 1), statement(bob["profile_id"], 2)]
    response = api.post(
        "/api/v1/statements", json={"statements": batch}, headers=bearer(alice["device_token"])
    )
    assert response.status_code == 403
    assert response.json()["code"] == "statement.foreign_actor"
    assert response.json()["values"] == {"count": 1}
    assert batch[1]["id"] in response.json()["detail"]
    assert stored_count(ctx) == 0


def test_revoked_device_token_gets_401(api, ctx, world):
    device = enrol(api, world.alice_code)
    with ctx.db.write() as session:
        admin.revoke_device(session, "test", device["device_id"])
    response = api.post(
        "/api/v1/statements",
        json={"statements": [statement(device["profile_id"])]},
        headers=bearer(device["device_token"]),
    )
    assert response.status_code == 401
    assert response.json()["code"] == "auth.device_revoked"
    assert stored_count(ctx) == 0
    with ctx.db.read() as session:
        actions = session.scalars(select(AuditEntry.action)).all()
    assert "revoke-device" in actions


def test_unknown_token_gets_401(api):
    response = api.get("/api/v1/statements", headers=bearer("not-a-token"))
    assert response.status_code == 401
    assert response.json()["code"] == "auth.token_unknown"
    assert response.headers["www-authenticate"] == "Bearer"


def test_pull_returns_the_learners_statements_from_every_device_by_sequence(api, ctx, world):
    laptop = enrol(api, world.alice_code)
    desktop = enrol(api, new_code(ctx, world.alice))
    bob = enrol(api, world.bob_code)
    from_laptop = [statement(laptop["profile_id"], i) for i in range(3)]
    from_desktop = [statement(desktop["profile_id"], i) for i in range(3, 5)]
    api.post(
        "/api/v1/statements",
        json={"statements": from_laptop},
        headers=bearer(laptop["device_token"]),
    )
    api.post(
        "/api/v1/statements",
        json={"statements": [statement(bob["profile_id"])]},
        headers=bearer(bob["device_token"]),
    )
    api.post(
        "/api/v1/statements",
        json={"statements": from_desktop},
        headers=bearer(desktop["device_token"]),
    )
    page = api.get(
        "/api/v1/statements",
        params={"after": 0, "limit": 2},
        headers=bearer(desktop["device_token"]),
    ).json()
    assert page["more"] is True
    assert [s["id"] for s in page["statements"]] == [s["id"] for s in from_laptop[:2]]
    rest = api.get(
        "/api/v1/statements",
        params={"after": page["next"]},
        headers=bearer(desktop["device_token"]),
    ).json()
    assert [s["id"] for s in rest["statements"]] == [
        s["id"] for s in from_laptop[2:] + from_desktop
    ]
    assert rest["more"] is False
    assert rest["statements"][0] == from_laptop[2]


def test_a_profile_bound_to_one_learner_cannot_enrol_for_another(api, world):
    alice = enrol(api, world.alice_code)
    response = api.post(
        "/api/v1/enrol",
        json={
            "code": world.bob_code,
            "device_name": "x",
            "device_public_key": alice["server_public_keys"]["signing"]["public_key"],
            "profile_id": alice["profile_id"],
        },
    )
    assert response.status_code == 409
    assert response.json()["code"] == "enrol.profile_taken"


def test_openapi_document_lists_the_api(api):
    paths = api.get("/openapi.json").json()["paths"]
    for path in (
        "/api/v1/enrol",
        "/api/v1/statements",
        "/api/v1/packs",
        "/api/v1/packs/{pack_id}/{version}/download",
        "/api/v1/trust",
        "/api/v1/certificates",
        "/xapi/statements",
    ):
        assert path in paths


def test_failed_enrolments_from_one_address_are_slowed_more_and_more(ctx):
    from sync.server.enrolment import failure_delay, record_failure

    ctx.settings.rate_per_source = 4
    moment = now()
    delays = []
    for attempt in range(8):
        with ctx.db.write() as session:
            record_failure(session, ctx.settings, "192.0.2.1", f"WRONG-{attempt}", moment)
            delays.append(failure_delay(session, ctx.settings, "192.0.2.1", moment))
    with ctx.db.read() as session:
        elsewhere = failure_delay(session, ctx.settings, "192.0.2.2", moment)
    assert delays[0] == 0 and delays == sorted(delays) and delays[-1] > delays[2] > 0
    assert max(delays) <= 10 and elsewhere == 0
