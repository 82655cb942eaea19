"""What every request handler of one server process shares: settings, database, keys."""

from __future__ import annotations

import logging
import os
import tempfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from fastapi import Request

from sync.server.db import Database, sqlite_url
from sync.server.grading import Grader
from sync.server.keys import ServerKeys, load_or_create
from sync.server.reporting.targets import DEFAULT_TARGETS, Target, parse_targets
from sync.server.reporting.targets import ENV as TARGETS_ENV

DATABASE_FILE = "hocvu-server.db"
MAX_BATCH = 500
log = logging.getLogger("hocvu.server")


class DataFolderUnusable(Exception):
    """The data folder cannot be written: the server refuses to start rather than
    answer 500 to every write."""


def prepare_data_dir(settings: ServerSettings) -> None:
    """Owner-only permissions on the data folder and the SQLite database (warning when
    they were wider), and proof that the folder takes writes."""
    from content.files import make_private

    database = DATABASE_FILE if settings.database_url is None else None
    try:
        wider = make_private(settings.data_dir, database)
        with tempfile.TemporaryFile(dir=settings.data_dir) as probe:
            probe.write(b"\0")
            probe.flush()
            os.fsync(probe.fileno())
    except OSError as exc:
        raise DataFolderUnusable(
            f"the data folder {settings.data_dir} cannot be written ({exc.strerror}): "
            "give the server a writable folder with free space (--data-dir)"
        ) from None
    for path in wider:
        log.warning("%s was readable by other accounts; now owner-only", path)


@dataclass
class ServerSettings:
    data_dir: Path
    database_url: str | None = None
    key_passphrase: str | None = None
    enrol_code_days: int = 14
    # Failed enrolment attempts allowed per window, per source address and per code.
    rate_window: timedelta = timedelta(minutes=15)
    rate_per_source: int = 20
    rate_per_code: int = 5
    # Dashboard logins, per (account, address): failures without delay, then a delay
    # that doubles with each further failure, up to the cap.
    login_free_failures: int = 5
    login_delay_cap: timedelta = timedelta(minutes=15)
    # Test-only fault injection: answer the first N API requests with 503 Retry-After.
    fail_first: int = 0
    retry_after: int = 1
    migrate: bool = True
    # The IANA zone the dashboard shows times in; None: the machine's own zone.
    time_zone: str | None = None
    # Certification targets (`sync.server.reporting.targets`): 40 %, then 100 %.
    targets: tuple[Target, ...] = DEFAULT_TARGETS

    @property
    def url(self) -> str:
        return self.database_url or sqlite_url(self.data_dir / DATABASE_FILE)

    @classmethod
    def from_env(cls) -> ServerSettings:
        """Settings for a worker process started by `hocvu server --workers N`."""
        return cls(
            data_dir=Path(os.environ.get("HOCVU_SERVER_DATA", "hocvu-server")),
            database_url=os.environ.get("HOCVU_DATABASE_URL") or None,
            key_passphrase=os.environ.get("HOCVU_SERVER_KEY_PASSPHRASE") or None,
            fail_first=int(os.environ.get("HOCVU_TEST_FAIL_FIRST", "0")),
            retry_after=int(os.environ.get("HOCVU_TEST_RETRY_AFTER", "1")),
            time_zone=os.environ.get("HOCVU_TIME_ZONE") or None,
            targets=parse_targets(os.environ.get(TARGETS_ENV)),
        )


class ServerContext:
    def __init__(self, settings: ServerSettings, db: Database | None = None) -> None:
        from content import trust
        from hocvu.paths import root_key_files

        self.settings = settings
        prepare_data_dir(settings)
        self.db = db or Database(settings.url)
        self.db.data_dir = settings.data_dir
        self.keys: ServerKeys = load_or_create(settings.data_dir / "keys", settings.key_passphrase)
        self.grader = Grader(self.keys, settings.data_dir)
        self.roots: dict[str, Ed25519PublicKey] = trust.load_roots(root_key_files())

    @property
    def packs_dir(self) -> Path:
        return self.settings.data_dir / "packs"


def server(request: Request) -> ServerContext:
    return request.app.state.server
