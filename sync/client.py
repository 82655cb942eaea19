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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from hocvu import APP_VERSION

API = "/api/v1"
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 30.0
RETRY_STATUSES = (429, 500, 502, 503, 504)


class SyncError(Exception):
    """Sync could not finish a step; nothing local was lost. The message is for the user."""


class InsecureServerAddress(SyncError):
    pass


class ServerUnreachable(SyncError):
    pass


class NotEnrolled(SyncError):
    """The server does not accept this device's token (never enrolled, or revoked)."""


class ServerRefused(SyncError):
    def __init__(self, status: int, detail: str) -> None:
        self.status = status
        self.detail = detail
        super().__init__(f"the server refused the request ({status}): {detail}")


def check_server_url(url: str) -> str:
    """The URL without a trailing slash, or InsecureServerAddress/SyncError."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SyncError(f"{url!r} is not a server address; it looks like https://server.example")
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
            raise ServerUnreachable(
                f"the server's TLS certificate could not be verified ({_reason(exc)}); "
                "check the address, or ask the administrator for the CA certificate"
            ) from None
        except requests.exceptions.RequestException as exc:
            raise ServerUnreachable(
                f"the server at {self.base_url} cannot be reached ({_reason(exc)}); "
                "nothing was lost, sync will try again later"
            ) from None
        retries = getattr(response.raw, "retries", None)
        self.last_retries = list(retries.history) if retries is not None else []
        return response

    def _check(self, response: requests.Response, ok: tuple[int, ...] = (200,)) -> None:
        if response.status_code in ok:
            return
        detail = _detail(response)
        if response.status_code == 401:
            raise NotEnrolled(f"the server does not accept this device ({detail})")
        if response.status_code in RETRY_STATUSES:
            raise ServerUnreachable(
                f"the server is busy or failing ({response.status_code}: {detail}); "
                "sync will try again later"
            )
        raise ServerRefused(response.status_code, detail)

    # ------------------------------------------------------------------ API

    def about(self) -> dict[str, Any]:
        response = self._request("GET", f"{API}/about")
        self._check(response)
        return response.json()

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
        self._check(response)
        data = response.json()
        self.token = data["device_token"]
        return Enrolment(
            data["device_id"], data["device_token"], data["learner_id"], data["server_public_keys"]
        )

    def push(self, statements: list[dict[str, Any]]) -> PushResult:
        response = self._request(
            "POST",
            f"{API}/statements",
            data=json.dumps({"statements": statements}, ensure_ascii=False).encode(),
            headers={"Content-Type": "application/json"},
        )
        # 400 and 409 still carry the per-statement report: the good ones are stored.
        if response.status_code in (200, 400, 409):
            data = response.json()
            if isinstance(data, dict) and "accepted" in data:
                return PushResult(
                    data["accepted"], data["duplicates"], data["conflicts"], data["errors"]
                )
        self._check(response)
        raise ServerRefused(response.status_code, "unexpected answer to a push")

    def pull(self, after: int, limit: int = 500) -> PullPage:
        response = self._request(
            "GET", f"{API}/statements", params={"after": after, "limit": limit}
        )
        self._check(response)
        data = response.json()
        return PullPage(data["statements"], int(data["next"]), bool(data["more"]))

    def catalog(self) -> list[CatalogEntry]:
        response = self._request("GET", f"{API}/packs")
        self._check(response)
        return [
            CatalogEntry(
                p["id"],
                p["version"],
                p["sha256"],
                p["size"],
                date.fromisoformat(p["due"]) if p.get("due") else None,
                p["url"],
            )
            for p in response.json()["packs"]
        ]

    def trust(self) -> bytes | None:
        response = self._request("GET", f"{API}/trust")
        if response.status_code == 404:
            return None
        self._check(response)
        return response.content

    def certificates(self) -> list[dict[str, Any]]:
        response = self._request("GET", f"{API}/certificates")
        self._check(response)
        return response.json()["certificates"]

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
                                f"bytes ({_reason(exc)}); it resumes from there next time"
                            ) from None
                        out.flush()
                        os.fsync(out.fileno())
                else:
                    self._check(response)
            finally:
                response.close()
        if _sha256(part) != entry.sha256:
            part.unlink(missing_ok=True)
            raise SyncError(
                f"the download of {entry.pack_id} version {entry.version} does not match the "
                "catalog's SHA-256; it was discarded and will be fetched again"
            )
        os.replace(part, final)
        return final


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        while chunk := source.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _detail(response: requests.Response) -> str:
    try:
        data = response.json()
    except ValueError:
        return response.text[:200] or response.reason
    if isinstance(data, dict) and "detail" in data:
        return str(data["detail"])
    return str(data)[:200]


def _reason(exc: Exception) -> str:
    text = str(exc)
    # urllib3 wraps the useful part deep inside; keep the message short.
    for marker in ("Caused by ", "NewConnectionError", "ConnectionRefusedError"):
        if marker in text:
            return text[text.index(marker) :][:160]
    return text[:160]
