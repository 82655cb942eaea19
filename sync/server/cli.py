"""`hocvu server`: run the ministry server (uvicorn)."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

DESCRIPTION = """Run the ministry server.

  hocvu server --data-dir /srv/hocvu                       # SQLite in the data folder
  hocvu server --database-url postgresql://u:p@db/hocvu    # PostgreSQL
  hocvu server --cert fullchain.pem --key privkey.pem      # TLS directly
  hocvu server --proxy-headers --forwarded-allow-ips 10.0.0.5   # behind a reverse proxy

The database is migrated to the newest schema at start. The data folder holds the
server's keys (made on first start), uploaded packs and, by default, the database.
"""


def parser(prog: str) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=prog, description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default loopback)")
    p.add_argument("--port", type=int, default=8443)
    p.add_argument(
        "--data-dir",
        default=os.environ.get("HOCVU_SERVER_DATA", "hocvu-server"),
        help="keys, packs and the SQLite database (env HOCVU_SERVER_DATA)",
    )
    p.add_argument(
        "--database-url",
        default=os.environ.get("HOCVU_DATABASE_URL"),
        help="SQLAlchemy URL, e.g. postgresql://user:pass@host/db (env HOCVU_DATABASE_URL)",
    )
    p.add_argument("--cert", help="TLS certificate chain (PEM); serve HTTPS directly")
    p.add_argument("--key", help="TLS private key (PEM)")
    p.add_argument(
        "--key-passphrase-env",
        help="environment variable holding the passphrase of the server's own keys",
    )
    p.add_argument(
        "--proxy-headers",
        action="store_true",
        help="trust X-Forwarded-For/-Proto from --forwarded-allow-ips (behind a proxy)",
    )
    p.add_argument("--forwarded-allow-ips", default="127.0.0.1")
    p.add_argument("--workers", type=int, default=1, help="server processes (PostgreSQL)")
    p.add_argument(
        "--time-zone",
        default=os.environ.get("HOCVU_TIME_ZONE"),
        help="IANA zone the dashboard shows times in, e.g. Asia/Ho_Chi_Minh "
        "(env HOCVU_TIME_ZONE; default the machine's zone)",
    )
    p.add_argument(
        "--targets",
        default=os.environ.get("HOCVU_TARGETS"),
        help="certification targets the dashboard measures units against, each a share "
        "and optionally the date it is due: 40%%:2027-06-30,100%%:2028-12-31 "
        "(env HOCVU_TARGETS; default 40%%,100%% without dates)",
    )
    p.add_argument("--log-level", default="info")
    p.add_argument(
        "--test-fail-first",
        type=int,
        default=0,
        help=argparse.SUPPRESS,  # test-only: 503 + Retry-After for the first N requests
    )
    return p


def main(argv: list[str], prog: str = "hocvu server") -> int:
    args = parser(prog).parse_args(argv)
    try:
        import uvicorn
    except ImportError:
        print(f"{prog}: the server extras are not installed: pip install 'hocvu[server]'")
        return 1
    from sync.server.app import create_app
    from sync.server.context import DataFolderUnusable, ServerSettings
    from sync.server.keys import ServerKeyError

    if bool(args.cert) != bool(args.key):
        print(f"{prog}: give both --cert and --key for TLS", file=sys.stderr)
        return 2
    passphrase = None
    if args.key_passphrase_env:
        passphrase = os.environ.get(args.key_passphrase_env)
        if not passphrase:
            print(f"{prog}: {args.key_passphrase_env} is empty or not set", file=sys.stderr)
            return 2
    if args.time_zone:
        from sync.server.dashboard.clock import UnknownTimeZone, named_zone

        try:
            named_zone(args.time_zone)
        except UnknownTimeZone as exc:
            print(f"{prog}: {exc}", file=sys.stderr)
            return 2
    from sync.server.reporting.targets import BadTargets, parse_targets

    try:
        targets = parse_targets(args.targets)
    except BadTargets as exc:
        print(f"{prog}: --targets: {exc}", file=sys.stderr)
        return 2
    data_dir = Path(args.data_dir).resolve()
    settings = ServerSettings(
        data_dir=data_dir,
        database_url=args.database_url,
        key_passphrase=passphrase,
        fail_first=args.test_fail_first,
        time_zone=args.time_zone or None,
        targets=targets,
    )
    logging.basicConfig(level=args.log_level.upper(), format="%(levelname)s %(name)s: %(message)s")
    options = {
        "host": args.host,
        "port": args.port,
        "log_level": args.log_level,
        "proxy_headers": args.proxy_headers,
        "forwarded_allow_ips": args.forwarded_allow_ips,
        "ssl_certfile": args.cert,
        "ssl_keyfile": args.key,
        "timeout_graceful_shutdown": 5,
    }
    try:
        if args.workers > 1:
            # Each worker builds its own app from the environment; migrate once here.
            from sync.server.context import ServerContext

            ServerContext(settings).db.migrate()
            os.environ["HOCVU_SERVER_DATA"] = str(data_dir)
            if args.database_url:
                os.environ["HOCVU_DATABASE_URL"] = args.database_url
            if passphrase:
                os.environ["HOCVU_SERVER_KEY_PASSPHRASE"] = passphrase
            if args.time_zone:
                os.environ["HOCVU_TIME_ZONE"] = args.time_zone
            if args.targets:
                os.environ["HOCVU_TARGETS"] = args.targets
            uvicorn.run(
                "sync.server.app:app_from_env", factory=True, workers=args.workers, **options
            )
        else:
            uvicorn.run(create_app(settings), **options)
    except (ServerKeyError, DataFolderUnusable) as exc:
        print(f"{prog}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
