"""One vocabulary of refusals (sync/problems.py): every API and /xapi error is
problem+json with a code of the set, and docs/server.md lists every code."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sync.problems import BY_CODE, Problem, Refusal, problem_of

DOCS = Path(__file__).resolve().parents[2] / "docs" / "server.md"
PROBLEM_JSON = "application/problem+json"


def test_codes_are_unique_dotted_names_with_an_error_status():
    assert len(BY_CODE) == len(Problem)
    for problem in Problem:
        assert re.fullmatch(r"[a-z]+\.[a-z_]+", problem.code), problem
        assert 400 <= problem.status < 600, problem
        assert problem.title and not problem.title.endswith("."), problem


def test_a_refusal_renders_rfc_9457_with_its_code_values_and_english_detail():
    refusal = Refusal(Problem.ENROL_TOO_MANY_ATTEMPTS, "wait, in English", retry_after_s=900)
    body = json.loads(refusal.body())
    assert body == {
        "type": "urn:hocvu:problem:enrol.too_many_attempts",
        "status": 429,
        "code": "enrol.too_many_attempts",
        "title": "Too many failed enrolments",
        "detail": "wait, in English",
        "values": {"retry_after_s": 900},
    }
    assert problem_of(body) == (Problem.ENROL_TOO_MANY_ATTEMPTS, {"retry_after_s": 900})
    assert problem_of({"detail": "a proxy's words"}) is None
    assert problem_of("<html>") is None


def test_docs_table_lists_every_code_with_its_status():
    text = DOCS.read_text("utf-8")
    for problem in Problem:
        assert f"| {problem.status} | `{problem.code}` |" in text, problem.code


def test_routing_errors_under_the_api_and_xapi_are_problems_and_pages_stay_pages(api):
    missing = api.get("/api/v1/no-such-thing")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == PROBLEM_JSON
    assert missing.json()["code"] == "request.not_found"
    wrong_method = api.delete("/api/v1/statements")
    assert wrong_method.status_code == 405
    assert wrong_method.json()["code"] == "request.method_not_allowed"
    no_version = api.get("/xapi/statements", auth=("k", "s"))
    assert no_version.headers["content-type"] == PROBLEM_JSON
    assert no_version.json()["code"] in ("auth.client_unknown", "xapi.version_missing")
    page = api.get("/admin/no-such-page")
    assert page.status_code == 404
    assert not page.headers["content-type"].startswith(PROBLEM_JSON)


def test_api_refusals_carry_their_codes(api, world):
    pack = api.get("/api/v1/trust")
    assert (pack.status_code, pack.json()["code"]) == (404, "trust.none")
    bad = api.post(
        "/api/v1/enrol",
        json={
            "code": world.alice_code,
            "device_name": "x",
            "device_public_key": "A" * 43 + "=",
            "profile_id": "not-a-uuid",
        },
    )
    assert bad.status_code == 400
    assert (bad.json()["code"], bad.json()["values"]) == (
        "enrol.id_invalid",
        {"field": "profile_id"},
    )
    unauthenticated = api.get("/api/v1/packs")
    assert unauthenticated.json()["code"] == "auth.token_missing"
    assert unauthenticated.headers["www-authenticate"] == "Bearer"


def test_text_postgresql_cannot_store_is_its_own_refusal(api, ctx, world):
    response = api.post(
        "/api/v1/enrol",
        json={
            "code": world.alice_code,
            "device_name": "laptop\x00",
            "device_public_key": "A" * 43 + "=",
            "profile_id": "6f0f0f0f-0000-4000-8000-000000000001",
        },
    )
    if ctx.db.dialect == "postgresql":
        assert response.status_code == 400
        assert response.json()["code"] == "request.value_not_storable"
    else:
        assert response.status_code == 200  # SQLite stores the character
