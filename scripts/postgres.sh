#!/usr/bin/env bash
# Starts a throw-away PostgreSQL for the tests and benchmarks, on a loopback port,
# installing Debian's postgresql first if it is missing. Idempotent: when the
# cluster already runs it only prints the URL.
#
#   bash scripts/postgres.sh          # prints the URL
#   eval "$(bash scripts/postgres.sh --env)"   # exports HOCVU_TEST_POSTGRES_URL
#
# PostgreSQL refuses to run as root, so as root the cluster belongs to the
# `postgres` user Debian's package creates.
set -euo pipefail

PORT=${HOCVU_PG_PORT:-55432}
DIR=${HOCVU_PG_DIR:-/tmp/hocvu-postgres}
DB=hocvu_test
USER_NAME=hocvu
PASSWORD=hocvu
URL="postgresql+psycopg://${USER_NAME}:${PASSWORD}@127.0.0.1:${PORT}/${DB}"

say() { echo "postgres.sh: $*" >&2; }

find_bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -n "$found" ] && [ -x "$found/pg_ctl" ]; then echo "$found"; fi
}

BIN=$(find_bin)
if [ -z "$BIN" ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    say "PostgreSQL is not installed and cannot be installed here (need root and apt-get)"
    exit 1
  fi
  say "installing PostgreSQL from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2 || true
  apt-get install -y -qq postgresql >&2
  BIN=$(find_bin)
  [ -n "$BIN" ] || { say "postgresql installed but pg_ctl not found"; exit 1; }
fi

if [ "$(id -u)" = 0 ]; then
  id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql postgres
  as_pg() { runuser -u postgres -- "$@"; }
else
  as_pg() { "$@"; }
fi

if ! as_pg "$BIN/pg_ctl" -D "$DIR" status >/dev/null 2>&1; then
  if [ ! -f "$DIR/PG_VERSION" ]; then
    rm -rf "$DIR"
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres "$DIR"
    chmod 700 "$DIR"
    pwfile=$(mktemp)
    echo "$PASSWORD" >"$pwfile"
    chmod 644 "$pwfile"
    as_pg "$BIN/initdb" -D "$DIR" -U postgres --pwfile="$pwfile" --auth-local=trust \
      --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null 2>&1 ||
      as_pg "$BIN/initdb" -D "$DIR" -U postgres --pwfile="$pwfile" --auth-local=trust \
        --auth-host=scram-sha-256 -E UTF8 --locale=C >/dev/null
    rm -f "$pwfile"
    cat >>"$DIR/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DIR'
max_connections = 200
shared_buffers = 256MB
CONF
  fi
  say "starting the cluster in $DIR on 127.0.0.1:$PORT"
  # The port asked for, even when the folder holds a cluster made earlier with another.
  as_pg "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -o "-p $PORT" -w -t 60 start >/dev/null
fi

psql_pg() { as_pg "$BIN/psql" -h "$DIR" -p "$PORT" -U postgres -d postgres -qtA "$@"; }
if ! psql_pg -c "select 1" >/dev/null 2>&1; then
  say "the cluster in $DIR runs on another port; restarting it on $PORT"
  as_pg "$BIN/pg_ctl" -D "$DIR" -l "$DIR/server.log" -o "-p $PORT" -w -t 60 restart >/dev/null
fi
if [ "$(psql_pg -c "SELECT 1 FROM pg_roles WHERE rolname = '$USER_NAME'")" != 1 ]; then
  psql_pg -c "CREATE ROLE $USER_NAME LOGIN CREATEDB PASSWORD '$PASSWORD'" >/dev/null
fi
# The tests drop their databases WITH (FORCE), ending backends that are still closing.
psql_pg -c "GRANT pg_signal_backend TO $USER_NAME" >/dev/null 2>&1
if [ "$(psql_pg -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
  psql_pg -c "CREATE DATABASE $DB OWNER $USER_NAME" >/dev/null
fi

if [ "${1:-}" = "--env" ]; then
  echo "export HOCVU_TEST_POSTGRES_URL='$URL'"
else
  echo "$URL"
fi
