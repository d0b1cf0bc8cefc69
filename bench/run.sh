#!/usr/bin/env bash
# Benchmark (not a test): release build, `qlcb demo --agencies 10000 --officers 20000` on SQLite,
# then wrk against the agency list, officer search, staffing page and their API twins, next to a
# bare route, all in one run. Writes bench/RESULTS.md. Run with `make bench`.
# DB=postgres: the same on a throw-away PostgreSQL cluster (made as scripts/with-postgres.sh makes
# the tests' one, on 127.0.0.1:$PGTEST_PORT, default 55481), VACUUM ANALYZE after loading the demo; writes
# bench/results/registry-pg-c$CONNECTIONS.md instead of registry-c$CONNECTIONS.md. The server's pool
# is DATABASE_POOL_SIZE connections per event loop (default 4).
# KEEP=1 keeps the working folder (/tmp/qlcb-bench.*: the SQLite file bench.sqlite, or the cluster's
# data directory pgdata, stopped, with audit.key beside it); REUSE=/tmp/qlcb-bench.*/bench.sqlite or,
# with DB=postgres, REUSE=/tmp/qlcb-bench.*/pgdata measures it again without reloading the demo.
# LABEL=x10 writes registry-pg-x10-c$CONNECTIONS.md instead (bench/scale-pg.sh, with DATA describing
# the data it made).
# WRITES=N: while the lists are measured, the demo's IT officer records N tickets a second through the
# API (bench/lib.sh writer_start). Each write moves the audit head, and every kept page is read again
# after it (ADR 0020), so these rows show the lists while the province writes; writes
# registry[-pg][-LABEL]-wN-cC.md.
set -euo pipefail
cd "$(dirname "$0")/.."
AGENCIES=${AGENCIES:-10000}
OFFICERS=${OFFICERS:-20000}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-8}
PORT=${PORT:-8091}
TICKETS=${TICKETS:-1}
DB=${DB:-sqlite}
work=$(mktemp -d /tmp/qlcb-bench.XXXXXX)
server=""
. bench/lib.sh
cleanup() {
  writer_stop
  [ -z "$server" ] || { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
  pg_stop
  if [ -n "${KEEP:-}" ]; then [ "$DB" = sqlite ] || echo "==> kept $work (REUSE=${pgdata:-})"; else rm -rf "$work"; fi
}
trap cleanup EXIT
case "$DB" in
  sqlite)
    # REUSE=/path/bench.sqlite measures a database kept by an earlier run (KEEP=1) without reloading it.
    db="${REUSE:-$work/bench.sqlite}"
    export DATABASE_URL="sqlite://$db"
    results="bench/results/registry${WRITES:+-w$WRITES}-c$CONNECTIONS.md" title="" ;;
  postgres)
    pg_start
    results="bench/results/registry-pg${LABEL:+-$LABEL}${WRITES:+-w$WRITES}-c$CONNECTIONS.md" title=", PostgreSQL${LABEL:+ ($LABEL)}" ;;
  *) echo "DB must be sqlite or postgres"; exit 2 ;;
esac
export LOG_LEVEL=error

load_demo
if [ "$DB" = postgres ]; then
  # PostgreSQL plans from its own statistics and visibility map (index-only scans), made now rather
  # than whenever autovacuum gets to them after the bulk load.
  [ -n "${REUSE:-}" ] || pg_sql qlcb "VACUUM ANALYZE"
  pg_version=$(pg_sql qlcb "SELECT version()")
  pg_buffers=$(pg_sql qlcb "SHOW shared_buffers")
  counts=$(pg_sql qlcb "SELECT (SELECT count(*) FROM agencies) || ' agencies, ' || (SELECT count(*) FROM officers) || ' officers'")
fi
serve
# The province's staffing report is computed as the server starts (then followed from the audit log,
# ADR 0016): how long that took, watched from the launch (polled at once, so it is not overstated).
warmed=$(staffing_warmed)

# A signed-in session for the pages, a bearer token for the API (both as provincial authority staff).
sign_in
# The first staffing view after that, timed here once, apart from the steady state below.
first_staffing=$(first_request /bien-che "Cookie: $cookie")

rows="$work/rows.md"
[ -z "${WRITES:-}" ] || { title="$title, $WRITES tickets recorded a second"; writer_start "$WRITES"; }
measure "bare route" "/healthz" "X-Bench: 1"
# A stranger (a crawler, a scanner) is sent to the login page without a session row being written.
measure "visitor without a session, sent to login" "/co-quan" "X-Bench: 1"
for route in "${registry_routes[@]}"; do
  IFS='|' read -r name path kind <<< "$route"
  measure "$name" "$path" "$(route_header "$kind")"
done
# The same kinds of lists as a district head reads them (each statement evaluates the head's reach).
sign_in thutruong2
for route in "${head_routes[@]}"; do
  IFS='|' read -r name path kind <<< "$route"
  measure "$name" "$path" "$(route_header "$kind")"
done

writer_stop
cpu=$(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ //')
mem=$(free -h | awk '/Mem:/ {print $2}')
{
  echo "## Registry (issue 2), $CONNECTIONS connection(s)$title"
  echo
  echo "Written by \`bench/run.sh\` (\`$([ "$DB" = sqlite ] && echo "make bench" || echo "DB=postgres bench/run.sh")\`) on $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo
  echo "- Machine: $(nproc) cores ($cpu), $mem memory, $(uname -sr); server and wrk on the same machine."
  echo "- Build: \`swift build -c release\`, $(swift --version 2>/dev/null | head -n 1)."
  if [ "$DB" = sqlite ]; then
    echo "- Data: \`qlcb demo --agencies $AGENCIES --officers $OFFICERS\` on SQLite (WAL), ${loaded}."
  else
    echo "- Database: $pg_version; a throw-away cluster as \`scripts/with-postgres.sh\` starts it (fsync, synchronous_commit and full_page_writes off; shared_buffers $pg_buffers) on the same machine; the server's pool DATABASE_POOL_SIZE=${DATABASE_POOL_SIZE:-4} connections per event loop."
    echo "- Data: ${DATA:-\`qlcb demo --agencies $AGENCIES --officers $OFFICERS\` on PostgreSQL, ${loaded}}: $counts; \`VACUUM ANALYZE\` after loading."
  fi
  echo "- Load: \`wrk -c$CONNECTIONS -d$DURATION --latency\` (threads: up to 2) after one request of the path, signed in as provincial authority staff (sees everything); the rows marked "head" as \`thutruong2\`, head of Ủy ban nhân dân thành phố Dĩ An (every agency below it: 1,291 of 10,000 in the demo). The server computed the whole province's staffing report as it started, ${warmed} s after it was launched (watched on \`/metrics\`); the first staffing view after that took ${first_staffing} s."
  [ -z "${WRITES:-}" ] || echo "- Writes: from the first row to the last, the demo's IT officer \`canbo\` recorded tickets through the API at $WRITES a second (\`curl --rate\`, on the same machine): $written. Each moves the audit head, so every kept page was read again after it (ADR 0020)."
  echo "- Target (issue 14): every list p99 under 20 ms at 8 connections and under 100 ms at 64; requests/s also as a share of the bare route's in the same run."
  echo
  echo "| what | path | p50 | p99 | requests/s | share of bare | non-2xx |"
  echo "|---|---|---|---|---|---|---|"
  # The share: this row's requests/s over the bare route's (the first row), in per cent.
  awk -F' \\| ' 'NR == 1 {bare = $5} {printf "%s | %s | %s | %s | %s | %.1f %% | %s\n", $1, $2, $3, $4, $5, 100 * $5 / bare, $6}' "$rows"
} > "$results"
bench/combine.sh
