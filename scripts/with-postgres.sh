#!/usr/bin/env bash
# Runs a command with a throw-away PostgreSQL cluster on 127.0.0.1 and TEST_DATABASE_URL set.
# The cluster lives in a temporary folder and is stopped and removed afterwards.
set -euo pipefail
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -x "$bindir/initdb" ] || { echo "Không tìm thấy PostgreSQL (initdb)"; exit 1; }
port=${PGTEST_PORT:-55432}
dir=$(mktemp -d /tmp/qlcb-pg.XXXXXX)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -eq 0 ] && chown postgres "$dir"
cleanup() { as_pg "$bindir/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true; rm -rf "$dir"; }
trap cleanup EXIT
as_pg "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-h 127.0.0.1 -p $port -k $dir -c max_connections=600 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
# Tests run many applications at once, each with its own pool: one connection per event loop
# keep them under max_connections (the server's default is 4, DATABASE_POOL_SIZE in README).
export DATABASE_POOL_SIZE=${DATABASE_POOL_SIZE:-1}
# Many suites share the cluster at once; on a loaded machine a transaction can hold the one
# connection longer than the server's 10 s wait, which is not what these tests are about.
export DATABASE_POOL_TIMEOUT=${DATABASE_POOL_TIMEOUT:-60}
echo "==> PostgreSQL tạm thời tại 127.0.0.1:$port"
"$@"
