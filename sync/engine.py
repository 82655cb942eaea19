"""Sync as the app uses it: connect once, then `sync_once()` at start, every few
minutes and on demand, from a worker thread (never the UI thread).

    engine = SyncEngine(store, library, work_dir=data_dir / "sync")
    engine.connect("https://hocvu.mofa.gov.vn", "ABCD-EFGH-JKMN", "Laptop, Embassy X")
    report = engine.sync_once()            # SyncReport: what happened, step by step
    engine.status()                        # SyncStatus for the always-visible widget

    engine.export_bundle(path, server_keys, enrolment_code)   # offline missions
    engine.apply_return_bundle(path)

Each step (push, pull, trust, certificates, packs) is tried on its own; a failed
step is named in the report with a message for the user, and loses nothing: a
statement is marked synced only once the server said it holds it exactly.

The learner store is another package's (`desktop/store/`, which sync must not
import); `SyncStore` below is what sync needs of it, and `PackLibrary` what it
needs of `content.library.Library`.
"""

from __future__ import annotations

import base64
import errno
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from content import keys as content_keys
from content.errors import PackRefused, Rule
from content.files import write_atomic
from sync.bundle import BundleRefused, read_return_bundle, seal
from sync.certificates import (
    CertificateInvalid,
    RevocationList,
    RevocationListInvalid,
    verify_certificate,
    verify_revocation_list,
)
from sync.client import NotEnrolled, ServerUnreachable, SyncClient, SyncError, make_retry
from sync.server_keys import PublicServerKeys, ServerKeyError

BATCH = 500
SERVER = "sync.server"
CURSOR = "sync.cursor"
REJECTED = "sync.rejected"
DEVICE_KEY = "sync.device_key"
OFFLINE = "sync.offline"
LAST = "sync.last"
# The packs assigned to the learner's unit, with due dates, as the home screen lists them,
# and when the server said so (on the server's clock: a return bundle's `created`, or the
# catalog request's time), so an older return bundle opened later does not bring back
# older assignments.
ASSIGNMENTS = "assignments"
ASSIGNMENTS_AS_OF = "sync.assignments_as_of"
STEPS = ("push", "pull", "trust", "certificates", "packs")
# A clock this far from the server's (seconds) is worth telling the learner: statements
# are dated by it, and a wrong date breaks TLS and trust-list checks later.
CLOCK_TOLERANCE = 600
# The first look at the server before a sync (connect, read seconds), with no retries:
# a server that is down or never answers is told within about 2.5 s, so the app can
# say "Offline" at once instead of after the full sync's retries (15–35 s).
PROBE_TIMEOUT = (2.0, 2.5)


# Every kind of failure sync and the offline files report (SyncError.kind,
# BundleRefused.kind, and the kinds `problem_of` gives other errors). The app has a
# sentence for each in the learner's language; a test checks that none is missing.
PROBLEM_KINDS = (
    # connecting
    "not_connected",
    "bad_address",
    "insecure_address",
    "code_unknown",
    "code_used",
    "code_expired",
    "too_many_attempts",
    "profile_taken",
    # the network and the server
    "unreachable",
    "tls",
    "tls_clock",
    "bad_answer",
    "busy",
    "server_error",
    "refused",
    # this device's enrolment
    "revoked",
    "not_enrolled",
    # results, certificates, packs
    "stored_none",
    "foreign_statements",
    "certificate_refused",
    "certificate_unmatched",
    "pack_not_assigned",
    "download_cut",
    "download_damaged",
    "pack_refused",
    # this computer
    "disk_full",
    "disk",
    # offline files
    "keys_needed",
    "needs_code",
    "server_keys",
    "statements_bundle",
    "not_bundle",
    "damaged",
    "altered",
    "other_server",
    "other_learner",
    "unknown_format",
    "unreadable",
    # anything else
    "failed",
)


class KeysNeeded(ServerKeyError):
    """An offline file needs the server's public keys, and this profile has none yet."""


@dataclass(frozen=True)
class SyncProblem:
    """One failed step, for the app to put in the learner's language: `kind` names the
    failure (docs/server.md, "What a failed sync says"), `values` the few facts the
    sentence may show, `message` the English text for logs and the command line."""

    step: str
    kind: str
    values: dict[str, str] = field(default_factory=dict)
    message: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "kind": self.kind,
            "values": self.values,
            "message": self.message,
        }

    @classmethod
    def from_json(cls, data: Any) -> SyncProblem | None:
        if not isinstance(data, dict) or not isinstance(data.get("kind"), str):
            return None
        values = data.get("values") if isinstance(data.get("values"), dict) else {}
        return cls(
            str(data.get("step", "")),
            data["kind"],
            {str(k): str(v) for k, v in values.items()},
            str(data.get("message", "")),
        )


# The errors that are sync's own (connecting, syncing, offline files): the app words
# them from their kind; a PackRefused or OSError elsewhere has its own sentence.
SYNC_ERRORS = (SyncError, BundleRefused, ServerKeyError, CertificateInvalid)


def problem_of(error: BaseException, step: str = "") -> SyncProblem:
    """What kind of failure `error` is (any exception a sync step or an offline file
    can raise); "failed" when it is none the app knows."""
    kind, values = "failed", {}
    if isinstance(error, SyncError | BundleRefused):
        kind, values = error.kind, {name: str(value) for name, value in error.values.items()}
    elif isinstance(error, KeysNeeded):
        kind = "keys_needed"
    elif isinstance(error, ServerKeyError):
        kind = "server_keys"
    elif isinstance(error, PackRefused):
        kind, values = "pack_refused", {"rule": error.rule.value, "pack": error.path}
    elif isinstance(error, CertificateInvalid):
        kind = "certificate_refused"
    elif isinstance(error, OSError):
        kind = "disk_full" if error.errno == errno.ENOSPC else "disk"
    return SyncProblem(step, kind, values, str(error))


class SyncStore(Protocol):
    """What sync needs of the learner's (unlocked) profile store."""

    profile_id: str

    @property
    def device_id(self) -> str: ...

    @property
    def device_token(self) -> str | None: ...

    def set_device_token(self, token: str | None) -> None: ...

    def setting(self, name: str, default: Any = None) -> Any: ...

    def set_setting(self, name: str, value: Any) -> None: ...

    def pending(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Statements not yet accepted by the server, oldest recorded first."""
        ...

    def mark_synced(self, ids: Iterable[str]) -> int: ...

    def insert_pulled(self, statements: Iterable[dict[str, Any]]) -> int:
        """Store statements from the server; ids already present are skipped."""
        ...

    def attach_signed_certificate(self, statement_id: str, signed: dict[str, Any]) -> Any: ...

    def revocations(self) -> RevocationList | None:
        """The newest certificate revocation list this profile holds."""
        ...

    def adopt_revocations(self, revocations: RevocationList) -> bool:
        """Keep a verified revocation list unless the profile holds one as new or newer
        (a list never goes back); True when it was kept."""
        ...


class PackLibrary(Protocol):
    """What sync needs of `content.library.Library`."""

    def get(self, pack_id: str) -> Any: ...

    def install(self, pack_path: Path, *, progress: Callable[[int, int], None] | None = None): ...

    def adopt_trust(self, data: bytes) -> Any: ...


@dataclass
class SyncReport:
    started: str
    finished: str = ""
    pushed: int = 0
    duplicates: int = 0
    rejected: dict[str, str] = field(default_factory=dict)
    pulled: int = 0
    trust_version: int | None = None
    certificates: int = 0
    # The version of the revocation list this sync brought, when it was newer.
    revocations_version: int | None = None
    packs_installed: list[str] = field(default_factory=list)
    # Step → what failed there (its kind for the app, its English message for logs).
    problems: dict[str, SyncProblem] = field(default_factory=dict)
    # The server's clock minus this computer's (seconds), when the server answered.
    clock_offset: float | None = None
    # The server could not be reached at all (no network, server down): nothing to fix.
    offline: bool = False
    # The server no longer accepts this device (revoked, or never enrolled).
    not_enrolled: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def errors(self) -> dict[str, str]:
        """Step → English message, for logs and the command line."""
        return {step: problem.message for step, problem in self.problems.items()}

    def fail(self, step: str, error: BaseException) -> None:
        self.problems[step] = problem_of(error, step)

    def summary(self) -> str:
        if "connect" in self.errors:
            return self.errors["connect"]
        parts = [f"{self.pushed} sent", f"{self.pulled} received"]
        if self.packs_installed:
            parts.append(f"{len(self.packs_installed)} pack(s) installed")
        if self.errors:
            parts.append("problems: " + "; ".join(f"{k}: {v}" for k, v in self.errors.items()))
        return ", ".join(parts)


@dataclass(frozen=True)
class SyncStatus:
    connected: bool
    server_url: str | None
    pending: int
    last_sync: str | None
    last_ok: bool | None
    last_message: str | None
    offline: bool = False
    not_enrolled: bool = False
    problems: tuple[SyncProblem, ...] = ()
    # Set when the last sync found this computer's clock more than CLOCK_TOLERANCE off.
    clock_offset: float | None = None


@dataclass(frozen=True)
class ReturnReport:
    packs_installed: list[str]
    packs_skipped: list[str]
    trust_version: int | None
    certificates: int
    statements: int
    # How many assignments the bundle set; None when it carried none (a version-1
    # bundle) or older ones than this profile already has.
    assignments: int | None = None
    # The version of the revocation list the bundle brought, when it was newer.
    revocations_version: int | None = None


Progress = Callable[[str, int, int], None]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _instant(text: str) -> datetime:
    """An ISO time as an aware datetime (UTC if it names no zone); the distant past
    if it is not one, so a damaged mark never blocks newer assignments."""
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return datetime.min.replace(tzinfo=UTC)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class SyncEngine:
    def __init__(
        self,
        store: SyncStore,
        library: PackLibrary | None = None,
        *,
        work_dir: Path,
        batch_size: int = BATCH,
        client_factory: Callable[..., SyncClient] = SyncClient,
    ) -> None:
        self.store = store
        self.library = library
        self.work_dir = work_dir
        self.batch_size = batch_size
        self._client_factory = client_factory

    # ------------------------------------------------------------------ set-up

    def device_key(self) -> Ed25519PrivateKey:
        """The device's Ed25519 key, made on first use and kept in the encrypted store."""
        raw = self.store.setting(DEVICE_KEY)
        if raw:
            return Ed25519PrivateKey.from_private_bytes(base64.b64decode(raw))
        key = Ed25519PrivateKey.generate()
        private = key.private_bytes(
            serialization.Encoding.Raw,
            serialization.PrivateFormat.Raw,
            serialization.NoEncryption(),
        )
        self.store.set_setting(DEVICE_KEY, base64.b64encode(private).decode())
        return key

    @property
    def server(self) -> dict[str, Any] | None:
        return self.store.setting(SERVER)

    @property
    def connected(self) -> bool:
        return bool(self.server and self.store.device_token)

    def connect(
        self,
        server_url: str,
        enrolment_code: str,
        device_name: str,
        *,
        ca_bundle: str | None = None,
    ) -> dict[str, Any]:
        """Enrol this profile on a server with a one-time code; raises SyncError."""
        key = self.device_key()
        with self._client_factory(server_url, ca_bundle=ca_bundle) as client:
            enrolment = client.enrol(
                enrolment_code,
                device_name,
                content_keys.public_b64(key.public_key()),
                self.store.profile_id,
                self.store.device_id,
            )
        config = {
            "url": client.base_url,
            "ca_bundle": ca_bundle,
            "device_id": enrolment.device_id,
            "learner_id": enrolment.learner_id,
            "server_public_keys": enrolment.server_public_keys,
        }
        self.store.set_device_token(enrolment.device_token)
        self.store.set_setting(SERVER, config)
        self.store.set_setting(CURSOR, 0)
        return config

    def disconnect(self) -> None:
        self.store.set_device_token(None)
        self.store.set_setting(SERVER, None)

    def _server_keys(self) -> PublicServerKeys | None:
        config = self.server or self.store.setting(OFFLINE) or {}
        keys = config.get("server_public_keys")
        return PublicServerKeys.from_json(keys) if keys else None

    # ------------------------------------------------------------------ status

    def status(self) -> SyncStatus:
        last = self.store.setting(LAST) or {}
        pending = getattr(self.store, "pending_count", None)
        count = pending() if callable(pending) else len(self.store.pending())
        server = self.server or {}
        problems = tuple(
            p for p in map(SyncProblem.from_json, last.get("problems") or []) if p is not None
        )
        offset = last.get("clock_offset")
        return SyncStatus(
            self.connected,
            server.get("url"),
            count,
            last.get("finished"),
            last.get("ok"),
            last.get("message"),
            bool(last.get("offline")),
            bool(last.get("not_enrolled")),
            problems,
            float(offset) if isinstance(offset, int | float) else None,
        )

    # ------------------------------------------------------------------ sync

    def probe(self, timeout: tuple[float, float] = PROBE_TIMEOUT) -> SyncReport | None:
        """One quick request to the server (no retries, short timeouts). None when it
        answers (any answer: the sync itself says what is wrong) or when this profile is
        not connected; else the finished report of a sync that found the server
        unreachable, recorded as `sync_once` records one."""
        config = self.server
        token = self.store.device_token
        if not config or not token:
            return None
        client = self._client_factory(
            config["url"],
            token,
            ca_bundle=config.get("ca_bundle"),
            timeout=timeout,
            retry=make_retry(0),
        )
        report = SyncReport(started=_now())
        with client:
            try:
                client.about()
            except ServerUnreachable as exc:
                report.fail("connect", exc)
                report.offline = True
                return self._finish(report)
            except SyncError:
                pass
        return None

    def sync_once(self, progress: Progress | None = None) -> SyncReport:
        report = SyncReport(started=_now())
        config = self.server
        token = self.store.device_token
        if not config or not token:
            report.fail(
                "connect",
                SyncError(
                    "not connected to a server: enter its address and your enrolment code "
                    "in Settings",
                    "not_connected",
                ),
            )
            return self._finish(report)
        client = self._client_factory(config["url"], token, ca_bundle=config.get("ca_bundle"))
        steps: list[tuple[str, Callable[[SyncClient, SyncReport, Progress | None], None]]] = [
            ("push", self._push),
            ("pull", self._pull),
            ("trust", self._trust),
            ("certificates", self._certificates),
            ("packs", self._packs),
        ]
        with client:
            for name, step in steps:
                try:
                    step(client, report, progress)
                except NotEnrolled as exc:
                    report.fail(name, exc)
                    report.not_enrolled = True
                    break
                except ServerUnreachable as exc:
                    # The next steps would only wait for the same timeouts again.
                    report.fail(name, exc)
                    report.offline = True
                    break
                except (SyncError, PackRefused, BundleRefused, OSError, ValueError) as exc:
                    report.fail(name, exc)
            report.clock_offset = client.clock_offset
        return self._finish(report)

    def _finish(self, report: SyncReport) -> SyncReport:
        report.finished = _now()
        self.store.set_setting(
            LAST,
            {
                "finished": report.finished,
                "ok": report.ok,
                "message": report.summary(),
                "offline": report.offline,
                "not_enrolled": report.not_enrolled,
                "problems": [p.to_json() for p in report.problems.values()],
                "clock_offset": report.clock_offset
                if report.clock_offset is not None and abs(report.clock_offset) > CLOCK_TOLERANCE
                else None,
            },
        )
        return report

    def _push(self, client: SyncClient, report: SyncReport, progress: Progress | None) -> None:
        rejected: dict[str, str] = dict(self.store.setting(REJECTED) or {})
        while True:
            candidates = self.store.pending(self.batch_size + len(rejected))
            batch = [s for s in candidates if s["id"] not in rejected][: self.batch_size]
            if not batch:
                return
            result = client.push(batch)
            self.store.mark_synced(result.stored)
            report.pushed += len(result.accepted)
            report.duplicates += len(result.duplicates)
            fresh = {
                sid: "the server holds other content under this id" for sid in result.conflicts
            }
            fresh.update({e["id"]: e["error"] for e in result.errors})
            if fresh:
                rejected.update(fresh)
                report.rejected.update(fresh)
                self.store.set_setting(REJECTED, rejected)
            if progress:
                progress("push", report.pushed + report.duplicates, 0)
            if not result.stored and not fresh:
                raise SyncError(
                    "the server stored none of the batch; sync will try again", "stored_none"
                )

    def _pull(self, client: SyncClient, report: SyncReport, progress: Progress | None) -> None:
        cursor = int(self.store.setting(CURSOR) or 0)
        while True:
            page = client.pull(cursor, self.batch_size)
            if page.statements:
                report.pulled += self.store.insert_pulled(page.statements)
            # The cursor moves only after the statements are safely in the store.
            cursor = page.next
            self.store.set_setting(CURSOR, cursor)
            if progress:
                progress("pull", report.pulled, 0)
            if not page.more:
                return

    def _trust(self, client: SyncClient, report: SyncReport, progress: Progress | None) -> None:
        if self.library is None:
            return
        data = client.trust()
        if data is not None:
            report.trust_version = self.library.adopt_trust(data).version

    def _certificates(
        self, client: SyncClient, report: SyncReport, progress: Progress | None
    ) -> None:
        keys = self._server_keys()
        if keys is None:
            return
        problems: list[tuple[str, str]] = []
        for document in client.certificates():
            try:
                body = verify_certificate(document, keys.signing_key)
                self.store.attach_signed_certificate(body["statement_id"], document)
                report.certificates += 1
            except CertificateInvalid as exc:
                problems.append(("certificate_refused", f"a certificate was refused: {exc}"))
            except Exception as exc:  # the store's own errors (e.g. not pulled yet)
                problems.append(("certificate_unmatched", str(exc)))
        try:
            self._revocations(client, report, keys)
        except RevocationListInvalid as exc:
            problems.insert(0, ("certificate_refused", f"the revocation list was refused: {exc}"))
        if problems:
            # A refused certificate matters more to the learner than one attached later.
            kinds = [kind for kind, _ in problems]
            kind = "certificate_refused" if "certificate_refused" in kinds else kinds[0]
            raise SyncError("; ".join(text for _, text in problems[:3]), kind)

    def _revocations(self, client: SyncClient, report: SyncReport, keys: PublicServerKeys) -> None:
        held = self.store.revocations()
        document = client.revocations(held.version if held is not None else 0)
        if document is None:
            return
        offered = verify_revocation_list(document, keys.signing_key)
        if offered.newer_than(held) and self.store.adopt_revocations(offered):
            report.revocations_version = offered.version

    def _packs(self, client: SyncClient, report: SyncReport, progress: Progress | None) -> None:
        catalog = client.catalog()
        # The catalog is what the server says now: it always replaces what a return
        # bundle said, and is dated by the server's clock, as bundles are.
        server_now = datetime.now(UTC) + timedelta(seconds=client.clock_offset or 0)
        self._set_assignments(
            [(e.pack_id, e.due) for e in catalog], server_now.isoformat(timespec="seconds"), True
        )
        if self.library is None:
            return
        downloads = self.work_dir / "downloads"
        problems: list[tuple[str, PackRefused]] = []
        for entry in catalog:
            installed = self.library.get(entry.pack_id)
            if installed is not None and installed.version >= entry.version:
                continue

            def step(done: int, total: int, name: str = entry.pack_id) -> None:
                if progress:
                    progress(f"pack {name}", done, total)

            path = client.download(entry, downloads, step)
            try:
                self.library.install(path)
                report.packs_installed.append(f"{entry.pack_id} v{entry.version}")
            except PackRefused as exc:
                if exc.rule is not Rule.VERSION_NOT_NEWER:
                    problems.append((entry.pack_id, exc))
            finally:
                path.unlink(missing_ok=True)
        if problems:
            first_pack, first = problems[0]
            raise SyncError(
                "; ".join(f"{pack_id}: {exc}" for pack_id, exc in problems),
                "pack_refused",
                pack=first_pack,
                rule=first.rule.value,
            )

    def _set_assignments(
        self, assigned: list[tuple[str, date | None]], as_of: str, newest: bool = False
    ) -> bool:
        """Keep what the server assigns (pack id, due date), as of the server time
        `as_of`, unless this profile has newer news (not when `newest`: the online
        catalog). Online sync and return bundles both come through here."""
        known = self.store.setting(ASSIGNMENTS_AS_OF)
        if not newest and isinstance(known, str) and _instant(as_of) < _instant(known):
            return False
        self.store.set_setting(
            ASSIGNMENTS,
            [
                {"pack_id": pack_id, "due": due.isoformat() if due else ""}
                for pack_id, due in assigned
            ],
        )
        self.store.set_setting(ASSIGNMENTS_AS_OF, as_of)
        return True

    # ------------------------------------------------------------------ offline bundles

    def export_bundle(
        self,
        out: Path,
        server_keys: PublicServerKeys | None = None,
        enrolment_code: str | None = None,
        device_name: str = "offline device",
    ) -> int:
        """Write the pending statements to a `.hvsync` file for the server; returns how
        many it holds. A device that was never online gives the server's public keys
        (the file the admin handed out) and its enrolment code the first time."""
        if server_keys is not None or enrolment_code is not None:
            offline = dict(self.store.setting(OFFLINE) or {})
            if server_keys is not None:
                offline["server_public_keys"] = server_keys.to_json()
            if enrolment_code is not None:
                offline["code"] = enrolment_code
                offline["device_name"] = device_name
            self.store.set_setting(OFFLINE, offline)
        keys = server_keys or self._server_keys()
        if keys is None:
            raise KeysNeeded(
                "the server's public keys are needed: connect once, or load the key file "
                "your administrator gave you"
            )
        key = self.device_key()
        offline = self.store.setting(OFFLINE) or {}
        rejected = self.store.setting(REJECTED) or {}
        statements = [s for s in self.store.pending() if s["id"] not in rejected]
        payload: dict[str, Any] = {"statements": statements}
        config = self.server
        enrolling = not config and bool(offline.get("code"))
        if enrolling:
            payload["enrolment"] = {
                "code": offline["code"],
                "device_public_key": content_keys.public_b64(key.public_key()),
                "device_name": offline.get("device_name", device_name),
            }
        elif not config:
            raise SyncError(
                "this device is not enrolled: enter the enrolment code from your administrator",
                "needs_code",
            )
        data = seal(
            payload,
            device_id=config["device_id"] if config else self.store.device_id,
            profile_id=self.store.profile_id,
            device_key=key,
            server=keys,
            enrolment=enrolling,
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(out, data)
        return len(statements)

    def apply_return_bundle(self, path: Path, progress: Progress | None = None) -> ReturnReport:
        """Verify and apply a return bundle from the server: packs, trust list,
        certificates, and the learner's statements (which also confirms which of this
        device's statements the server holds)."""
        keys = self._server_keys()
        if keys is None:
            raise KeysNeeded("the server's public keys are needed to check this bundle")
        self.work_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=self.work_dir, prefix=".return-") as tmp:
            bundle = read_return_bundle(path, keys, Path(tmp), self.store.profile_id)
            installed, skipped = [], []
            trust_version = None
            if self.library is not None:
                if bundle.trust is not None:
                    trust_version = self.library.adopt_trust(bundle.trust).version
                for pack in bundle.packs:
                    try:
                        done = self.library.install(pack)
                        installed.append(f"{done.pack_id} v{done.version}")
                    except PackRefused as exc:
                        if exc.rule is not Rule.VERSION_NOT_NEWER:
                            raise
                        skipped.append(pack.name)
        self.store.insert_pulled(bundle.statements)
        self.store.mark_synced([s["id"] for s in bundle.statements if isinstance(s, dict)])
        attached = 0
        for document in bundle.certificates:
            body = verify_certificate(document, keys.signing_key)
            self.store.attach_signed_certificate(body["statement_id"], document)
            attached += 1
        assignments = None
        if bundle.assignments is not None and self._set_assignments(
            [(a.pack_id, a.due) for a in bundle.assignments], bundle.created
        ):
            assignments = len(bundle.assignments)
        revocations_version = None
        # An older bundle carries an older list (or none): the profile keeps the newer.
        if bundle.revocations is not None and self.store.adopt_revocations(bundle.revocations):
            revocations_version = bundle.revocations.version
        return ReturnReport(
            installed,
            skipped,
            trust_version,
            attached,
            len(bundle.statements),
            assignments,
            revocations_version,
        )


def sync_once(
    store: SyncStore, library: PackLibrary | None, work_dir: Path, progress: Progress | None = None
) -> SyncReport:
    return SyncEngine(store, library, work_dir=work_dir).sync_once(progress)


class SyncSchedule:
    """When to sync next: every `interval` seconds after success, backing off to
    `longest` after failures, so an offline laptop does not keep retrying."""

    def __init__(self, interval: float = 300, longest: float = 1800) -> None:
        self.interval = interval
        self.longest = longest
        self.failures = 0

    def delay_after(self, report: SyncReport) -> float:
        self.failures = 0 if report.ok else self.failures + 1
        return min(self.longest, self.interval * (2 ** min(self.failures, 6)))
