"""Limits before parsing: a hostile client that is patient or large (issue "Server
hardening"). Raw sockets against the real server on loopback, where a test must show
that the server answered without reading what the client said it would send."""

from __future__ import annotations

import json
import socket

from sync.xapi import MAX_RESPONSE_CHARS, MAX_STATEMENT_BYTES

from .conftest import bearer, enrol
from .test_server_api import statement, stored_count

HUNDRED_MB = 100 * 1024 * 1024


def raw_request(
    port: int, head: str, body: bytes = b"", wait_s: float = 10
) -> tuple[int, dict, bytes]:
    """Send the head and (part of) a body; read the answer without sending the rest."""
    with socket.create_connection(("127.0.0.1", port), timeout=wait_s) as sock:
        sock.sendall(head.replace("\n", "\r\n").encode() + b"\r\n" + body)
        answer = b""
        while b"\r\n\r\n" not in answer:
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
        head_part, _, rest = answer.partition(b"\r\n\r\n")
        lines = head_part.decode("latin-1").split("\r\n")
        headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
        want = int(headers.get("content-length", "0"))
        while len(rest) < want:
            chunk = sock.recv(65536)
            if not chunk:
                break
            rest += chunk
        return int(lines[0].split()[1]), headers, rest


def post_head(path: str, length: int, extra: str = "") -> str:
    return (
        f"POST {path} HTTP/1.1\nHost: 127.0.0.1\nContent-Type: application/json\n"
        f"Content-Length: {length}\n{extra}"
    )


def test_a_100_mb_enrolment_body_is_refused_from_its_headers_without_being_read(live):
    # Only one byte of the 100 MB is ever sent: an answer at all proves nothing waited
    # for the rest (a server that did would leave raw_request to time out).
    status, headers, body = raw_request(live.port, post_head("/api/v1/enrol", HUNDRED_MB), b"{")
    assert status == 413
    assert headers["content-type"] == "application/problem+json"
    problem = json.loads(body)
    assert problem["code"] == "request.too_large" and problem["values"]["limit_bytes"] < HUNDRED_MB


def test_a_chunked_body_is_cut_off_once_it_passes_the_limit(live):
    head = "POST /api/v1/enrol HTTP/1.1\nHost: 127.0.0.1\nTransfer-Encoding: chunked\n"
    chunk = b"a" * 32 * 1024
    body = b"".join(b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(2))
    status, _, answer = raw_request(live.port, head, body)
    assert status == 413 and json.loads(answer)["code"] == "request.too_large"


def test_a_push_without_a_token_is_refused_before_its_body_is_read(live):
    status, headers, body = raw_request(
        live.port, post_head("/api/v1/statements", 10 * 1024 * 1024), b"{"
    )
    assert status == 401 and headers["www-authenticate"] == "Bearer"
    assert json.loads(body)["code"] == "auth.token_missing"


def test_a_huge_invalid_field_is_not_echoed_in_the_422(api):
    huge = "x" * (2 * 1024 * 1024)
    response = api.post("/api/v1/enrol", content=json.dumps({"code": 5, "device_name": huge}))
    # Refused for its size first; under the limit, a malformed body still never comes back.
    assert response.status_code == 413
    response = api.post("/api/v1/enrol", json={"code": ["x" * 10_000], "device_name": 1})
    assert response.status_code == 422
    assert len(response.content) < 4096 and "xxxxxxxxxx" not in response.text
    problem = response.json()
    assert problem["code"] == "request.invalid" and problem["values"]["errors"]


def test_an_oversized_statement_or_response_is_refused_alone_and_the_rest_stored(api, ctx, world):
    device = enrol(api, world.alice_code)
    profile = device["profile_id"]
    good = statement(profile, 1)
    long_answer = statement(profile, 2, verb="answered", kind="quiz", local_id="q/1")
    long_answer["result"] = {"response": "a" * (MAX_RESPONSE_CHARS + 1)}
    bulky = statement(profile, 3)
    bulky["context"]["extensions"]["urn:hocvu:ext:note"] = "b" * MAX_STATEMENT_BYTES
    response = api.post(
        "/api/v1/statements",
        json={"statements": [good, long_answer, bulky]},
        headers=bearer(device["device_token"]),
    )
    assert response.status_code == 400
    report = response.json()
    assert report["accepted"] == [good["id"]]
    errors = {e["id"]: e["error"] for e in report["errors"]}
    assert f"at most {MAX_RESPONSE_CHARS} characters" in errors[long_answer["id"]]
    assert f"at most {MAX_STATEMENT_BYTES}" in errors[bulky["id"]]
    assert len(response.content) < 4096
    assert stored_count(ctx) == 1


def test_a_huge_statement_id_is_not_echoed_back(api, world):
    device = enrol(api, world.alice_code)
    bad = statement(device["profile_id"], 1)
    bad["id"] = "z" * 100_000
    response = api.post(
        "/api/v1/statements", json={"statements": [bad]}, headers=bearer(device["device_token"])
    )
    assert response.status_code == 400 and len(response.content) < 2048


def test_numbers_beyond_64_bits_in_urls_are_refused_not_a_500(api, ctx, world):
    from .dashboard_world import csrf_of, log_in, seed_ministry

    device = enrol(api, world.alice_code)
    huge = 10**40
    pull = api.get(f"/api/v1/statements?after={huge}", headers=bearer(device["device_token"]))
    assert pull.status_code in (400, 422)
    seed_ministry(ctx)
    assert log_in(api, "bo").status_code == 303
    assert api.get(f"/admin/audit?page={huge}").status_code in (200, 400, 422)
    home = api.get("/admin/")
    gone = api.post(f"/admin/assignments/{huge}/delete", data={"csrf": csrf_of(home.text)})
    assert gone.status_code in (400, 404, 422)
    version = api.get(
        f"/api/v1/packs/vn.mofa.dl.l1/{huge}/download", headers=bearer(device["device_token"])
    )
    assert version.status_code in (400, 404, 422)
