"""The HTTP side of sync: one `SyncClient` per server, used from a worker thread.

- requests with urllib3 `Retry`: five tries with exponential backoff and jitter,
  Retry-After honoured on 429/503, POST retried too because every push is
  idempotent on the server (DESIGN section 6);
- connect and read timeouts, so a filtered network fails instead of hanging;
- TLS verified against the system store or a given CA bundle; plain `http://`
  only to a loopback address (a server on the same machine, the tests).
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import os
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from hocvu import APP_VERSION
from sync.problems import Problem, problem_of

T = TypeVar("T")
API = "/api/v1"
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 30.0
RETRY_STATUSES = (429, 500, 502, 503, 504)


class SyncError(Exception):
    """Sync could not finish a step; nothing local was lost.

    The message is English, for logs and the command line. `kind` names the failure
    for the app, which says it in the learner's language (desktop/ui/messages.py);
    `values` holds the few facts that sentence may show (a status code, a pack id).
    The kinds are listed in docs/server.md, "What a failed sync says".
    """

    kind = "failed"

    def __init__(self, message: str, kind: str | None = None, **values: object) -> None:
        super().__init__(message)
        if kind is not None:
            self.kind = kind
        self.values = {name: str(value) for name, value in values.items()}


class InsecureServerAddress(SyncError):
    kind = "insecure_address"


class ServerUnreachable(SyncError):
    """No answer from the server (network, DNS, TLS, or a server that keeps failing):
    nothing to fix on this side except, at times, the address or the clock."""

    kind = "unreachable"


class NotEnrolled(SyncError):
    """The server does not accept this device's token (never enrolled, or revoked)."""

    kind = "not_enrolled"


class ServerRefused(SyncError):
    """The server answered with a refusal. `code` is its problem code
    (sync/problems.py), or None when something else answered (a proxy)."""

    kind = "refused"

    def __init__(
        self,
        status: int,
        detail: str,
        kind: str | None = None,
        code: str | None = None,
        **values: object,
    ) -> None:
        self.status = status
        self.detail = detail
        self.code = code
        super().__init__(
            f"the server refused the request ({status}{', ' + code if code else ''}): {detail}",
            kind,
            **values,
            status=status,
        )


# When the answer is not the server's problem+json (a proxy, a load balancer), only
# its status says anything: these kinds, for the call being made.
_STATUS_KINDS = {
    ("push", 403): "foreign_statements",
    ("download", 404): "pack_not_assigned",
}
# OpenSSL's verification results for a certificate outside its validity period
# (X509_V_ERR_CERT_NOT_YET_VALID, X509_V_ERR_CERT_HAS_EXPIRED), which on a laptop
# usually means the laptop's own date is wrong.
TLS_CLOCK_CODES = (9, 10)


def check_server_url(url: str) -> str:
    """The URL without a trailing slash, or InsecureServerAddress/SyncError."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SyncError(
            f"{url!r} is not a server address; it looks like https://server.example",
            "bad_address",
        )
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise InsecureServerAddress(
            f"{url} uses plain http, which anyone on the network could read or change; "
            "use an https:// address (plain http is allowed only to this computer)"
        )
    return url.strip().rstrip("/")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def make_retry(total: int = 5, backoff: float = 0.5) -> Retry:
    return Retry(
        total=total,
        connect=total,
        read=total,
        status=total,
        other=total,
        backoff_factor=backoff,
        backoff_jitter=backoff,
        backoff_max=30,
        status_forcelist=RETRY_STATUSES,
        allowed_methods=frozenset({"GET", "HEAD", "PUT", "POST", "OPTIONS"}),
        respect_retry_after_header=True,
        raise_on_status=False,
    )


@dataclass(frozen=True)
class Enrolment:
    device_id: str
    device_token: str
    learner_id: str
    server_public_keys: dict[str, Any]


@dataclass(frozen=True)
class PushResult:
    accepted: list[str]
    duplicates: list[str]
    conflicts: list[str]
    errors: list[dict[str, Any]]

    @property
    def stored(self) -> list[str]:
        """Ids the server now holds exactly as sent: safe to mark synced."""
        return self.accepted + self.duplicates


@dataclass(frozen=True)
class PullPage:
    statements: list[dict[str, Any]]
    next: int
    more: bool


@dataclass(frozen=True)
class CatalogEntry:
    pack_id: str
    version: int
    sha256: str
    size: int
    due: date | None
    url: str


class SyncClient:
    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        *,
        ca_bundle: str | Path | None = None,
        timeout: tuple[float, float] = (CONNECT_TIMEOUT, READ_TIMEOUT),
        retry: Retry | None = None,
    ) -> None:
        self.base_url = check_server_url(base_url)
        self.token = token
        self.timeout = timeout
        self.session = requests.Session()
        # Never pick up proxies or CA settings from the environment implicitly: the
        # ministry's address and its certificate are what the admin configured.
        self.session.trust_env = False
        self.session.verify = str(ca_bundle) if ca_bundle else True
        self.session.headers["User-Agent"] = f"hocvu/{APP_VERSION}"
        adapter = HTTPAdapter(max_retries=retry or make_retry(), pool_maxsize=4)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        self.last_retries: list[Any] = []
        # The server's clock minus this computer's, in seconds, from the last answer's
        # Date header: None until the server has answered.
        self.clock_offset: float | None = None

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ plumbing

    def _request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        headers = kwargs.pop("headers", {})
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            response = self.session.request(
                method,
                urljoin(self.base_url + "/", path.lstrip("/")),
                headers=headers,
                timeout=self.timeout,
                **kwargs,
            )
        except requests.exceptions.SSLError as exc:
            reason = _reason(exc, tls=True)
            clock = _verify_code(exc) in TLS_CLOCK_CODES
            raise ServerUnreachable(
                f"the server's TLS certificate could not be verified ({reason}); "
                + (
                    "check this computer's date, time and time zone"
                    if clock
                    else "check the address, or ask the administrator for the CA certificate"
                ),
                "tls_clock" if clock else "tls",
            ) from None
        except requests.exceptions.RequestException as exc:
            raise ServerUnreachable(
                f"the server at {self.base_url} cannot be reached ({_reason(exc)}); "
                "nothing was lost, sync will try again later"
            ) from None
        retries = getattr(response.raw, "retries", None)
        self.last_retries = list(retries.history) if retries is not None else []
        self._note_clock(response)
        return response

    def _note_clock(self, response: requests.Response) -> None:
        try:
            server_time = parsedate_to_datetime(response.headers["Date"]).timestamp()
        except (KeyError, TypeError, ValueError, IndexError):
            return
        self.clock_offset = server_time - _local_now()

    def _answer(self, response: requests.Response, read: Callable[[Any], T]) -> T:
        """`read` applied to the answer's JSON. A page from something else (a hotel
        network's login page, a proxy's error page) is named as such rather than
        failing later on a missing key."""
        try:
            return read(response.json())
        except (ValueError, KeyError, TypeError, AttributeError):
            raise SyncError(
                f"the answer from {self.base_url} is not the ministry server's "
                f"({response.status_code}, {response.headers.get('Content-Type', 'no type')}); "
                "a network that asks you to log in first, or a proxy, may be in the way",
                "bad_answer",
            ) from None

    def _check(
        self, response: requests.Response, ok: tuple[int, ...] = (200,), during: str = ""
    ) -> None:
        """Raise the SyncError that says what a refusal means for `during` (the call:
        "enrol", "push", "download", or "" for the rest)."""
        status = response.status_code
        if status in ok:
            return
        problem, values, detail = _problem(response)
        code = problem.code if problem else None
        if problem is not None and problem.kind in ("busy", "server_error"):
            raise ServerUnreachable(
                f"the server is busy ({status}, {code}: {detail}); sync will try again later",
                problem.kind,
                status=status,
            )
        if status == 401:
            kind = problem.kind if problem and problem.kind else "not_enrolled"
            raise NotEnrolled(f"the server does not accept this device ({detail})", kind)
        if problem is not None and problem.kind not in (None, "refused"):
            # The values the app may say (a wait), never anything the server did not name.
            said = {name: values[name] for name in problem.value_names if name in values}
            raise ServerRefused(status, detail, problem.kind, code, **said)
        if status in RETRY_STATUSES and problem is None:
            raise ServerUnreachable(
                f"the server is busy or failing ({status}: {detail}); sync will try again later",
                "busy" if status in (429, 503) else "server_error",
                status=status,
            )
        kind = None if problem else _STATUS_KINDS.get((during, status))
        raise ServerRefused(status, detail, kind, code)

    # ------------------------------------------------------------------ API

    def about(self) -> dict[str, Any]:
        response = self._request("GET", f"{API}/about")
        self._check(response)
        return self._answer(response, dict)

    def enrol(
        self,
        code: str,
        device_name: str,
        device_public_key: str,
        profile_id: str,
        device_id: str | None = None,
    ) -> Enrolment:
        response = self._request(
            "POST",
            f"{API}/enrol",
            json={
                "code": code,
                "device_name": device_name,
                "device_public_key": device_public_key,
                "profile_id": profile_id,
                "device_id": device_id,
            },
        )
        self._check(response, during="enrol")
        enrolment = self._answer(
            response,
            lambda data: Enrolment(
                str(data["device_id"]),
                str(data["device_token"]),
                str(data["learner_id"]),
                dict(data["server_public_keys"]),
            ),
        )
        self.token = enrolment.device_token
        return enrolment

    def push(self, statements: list[dict[str, Any]]) -> PushResult:
        response = self._request(
            "POST",
            f"{API}/statements",
            data=json.dumps({"statements": statements}, ensure_ascii=False).encode(),
            headers={"Content-Type": "application/json"},
        )
        if response.status_code == 200:
            return self._answer(response, _push_result)
        # 400 and 409 still carry the per-statement report: the good ones are stored.
        if response.status_code in (400, 409):
            try:
                return _push_result(response.json())
            except (ValueError, KeyError, TypeError):
                pass  # no report: the whole request was refused
        self._check(response, during="push")
        raise ServerRefused(response.status_code, "unexpected answer to a push")

    def pull(self, after: int, limit: int = 500) -> PullPage:
        response = self._request(
            "GET", f"{API}/statements", params={"after": after, "limit": limit}
        )
        self._check(response)
        return self._answer(
            response,
            lambda data: PullPage(list(data["statements"]), int(data["next"]), bool(data["more"])),
        )

    def catalog(self) -> list[CatalogEntry]:
        response = self._request("GET", f"{API}/packs")
        self._check(response)
        return self._answer(
            response,
            lambda data: [
                CatalogEntry(
                    str(p["id"]),
                    int(p["version"]),
                    str(p["sha256"]),
                    int(p["size"]),
                    date.fromisoformat(p["due"]) if p.get("due") else None,
                    str(p["url"]),
                )
                for p in data["packs"]
            ],
        )

    def trust(self) -> bytes | None:
        response = self._request("GET", f"{API}/trust")
        if response.status_code == 404:
            return None
        self._check(response)
        return response.content

    def certificates(self) -> list[dict[str, Any]]:
        response = self._request("GET", f"{API}/certificates")
        self._check(response)
        return self._answer(response, lambda data: list(data["certificates"]))

    def revocations(self, known: int = 0) -> dict[str, Any] | None:
        """The server's signed certificate revocation list (unverified: the caller
        checks it), or None when the list of version `known` is still the newest."""
        response = self._request(
            "GET", f"{API}/certificates/revocations", params={"known": known} if known else None
        )
        if response.status_code == 204:
            return None
        self._check(response)
        return self._answer(response, dict)

    def download(
        self,
        entry: CatalogEntry,
        folder: Path,
        progress: Callable[[int, int], None] | None = None,
    ) -> Path:
        """Fetch a pack into `folder`, resuming a `.part` file left by an earlier try;
        return the complete file once its SHA-256 matches the catalog."""
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / f"{entry.pack_id}-v{entry.version}.hvpack"
        part = final.with_name(final.name + ".part")
        if final.exists() and _sha256(final) == entry.sha256:
            return final
        have = part.stat().st_size if part.exists() else 0
        if have > entry.size:
            part.unlink()
            have = 0
        headers = {"Range": f"bytes={have}-"} if have else {}
        if have < entry.size or not have:
            response = self._request("GET", entry.url, headers=headers, stream=True)
            try:
                if response.status_code == 416:
                    pass  # the part is complete already
                elif response.status_code in (200, 206):
                    mode = "ab" if response.status_code == 206 else "wb"
                    done = have if response.status_code == 206 else 0
                    with open(part, mode) as out:
                        try:
                            for chunk in response.iter_content(1 << 16):
                                out.write(chunk)
                                done += len(chunk)
                                if progress:
                                    progress(done, entry.size)
                        except requests.exceptions.RequestException as exc:
                            raise ServerUnreachable(
                                f"the download of {entry.pack_id} was cut off after {done} "
                                f"bytes ({_reason(exc)}); it resumes from there next time",
                                "download_cut",
                                pack=entry.pack_id,
                            ) from None
                        out.flush()
                        os.fsync(out.fileno())
                else:
                    self._check(response, during="download")
            finally:
                response.close()
        if _sha256(part) != entry.sha256:
            part.unlink(missing_ok=True)
            raise SyncError(
                f"the download of {entry.pack_id} version {entry.version} does not match the "
                "catalog's SHA-256; it was discarded and will be fetched again",
                "download_damaged",
                pack=entry.pack_id,
            )
        os.replace(part, final)
        return final


def _push_result(data: Any) -> PushResult:
    return PushResult(
        list(data["accepted"]),
        list(data["duplicates"]),
        list(data["conflicts"]),
        list(data["errors"]),
    )


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        while chunk := source.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _problem(response: requests.Response) -> tuple[Problem | None, dict[str, Any], str]:
    """The server's problem code and values, if the answer is its problem+json, and the
    English detail (for the log) or the start of whatever else answered."""
    try:
        data = response.json()
    except ValueError:
        return None, {}, (response.text[:200] or response.reason or "")
    found = problem_of(data)
    detail = str(data.get("detail"))[:500] if isinstance(data, dict) else str(data)[:200]
    problem, values = found if found else (None, {})
    return problem, values, detail


def _verify_code(exc: BaseException) -> int | None:
    """OpenSSL's verification result inside what requests raised: the
    SSLCertVerificationError sits a few wrappers deep (requests, urllib3)."""
    seen: set[int] = set()
    pending: list[object] = [exc]
    while pending:
        current = pending.pop()
        if not isinstance(current, BaseException) or id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, ssl.SSLCertVerificationError):
            return current.verify_code
        pending += [current.__cause__, current.__context__, getattr(current, "reason", None)]
        pending += list(current.args)
    return None


def _local_now() -> float:
    return time.time()


def _reason(exc: Exception, tls: bool = False) -> str:
    text = str(exc)
    if tls:
        # The verification failure names the rule broken (expired, self-signed…).
        for marker in ("certificate verify failed: ", "SSLError("):
            if marker in text:
                return text[text.index(marker) :][:160]
    # urllib3 wraps the useful part deep inside; keep the message short.
    for marker in ("Caused by ", "NewConnectionError", "ConnectionRefusedError"):
        if marker in text:
            return text[text.index(marker) :][:160]
    return text[:160]
