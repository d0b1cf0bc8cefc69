#!/usr/bin/env bash
# Work-log benchmark (issue 3): release build, ~2,000,000 tickets on SQLite (20,000 officers, several
# evaluation years), then wrk on an officer's ticket list for a year and the province-wide list with
# a filter, and the Form 2 of every officer for one year next to the same aggregate in sqlite3.
set -euo pipefail
cd "$(dirname "$0")/.."
OFFICERS=${OFFICERS:-20000}
AGENCIES=${AGENCIES:-10000}
TICKETS=${TICKETS:-31}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-8}
PORT=${PORT:-8093}
work=$(mktemp -d /tmp/qlcb-wl.XXXXXX)
# REUSE=/path/worklog.sqlite measures an existing database (e.g. one kept with KEEP=1) without reloading it.
db="${REUSE:-$work/worklog.sqlite}"
export DATABASE_URL="sqlite://$db" LOG_LEVEL=error QLCB_CLOCK=2026-11-29T12:00:00+07:00

. bench/lib.sh
load_demo
sqlite3 "$db" "PRAGMA optimize;"
tickets=$(sqlite3 "$db" "SELECT COUNT(*) FROM work_tickets;")
year=2026
officer=$(sqlite3 "$db" "SELECT officer_id FROM users WHERE username = 'canbo';" )
officer_uuid=$officer  # UUIDs are stored as text in SQLite

$BIN serve --hostname 127.0.0.1 --port "$PORT" > "$work/serve.log" 2>&1 &
server=$!
# The server is waited for before its folder goes: it still writes its files while it stops.
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
base="http://127.0.0.1:$PORT"
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
officer_token=$($BIN token create --user canbo --name bench | tail -n 1)
authority_token=$($BIN token create --user sotttt --name bench | tail -n 1)

rows="$work/rows.md"
officer_h="Authorization: Bearer $officer_token"
authority_h="Authorization: Bearer $authority_token"
paths=("an officer's own tickets (no filter)|/api/v1/tickets?per=50|$officer_h"
       "an officer's tickets of a year|/api/v1/tickets?officer=$officer_uuid&year=$year&per=50|$officer_h"
       "province-wide, no filter (the authority's first page)|/api/v1/tickets?per=50|$authority_h"
       "province-wide, filtered (submitted logs)|/api/v1/tickets?year=$year&group=websiteAdministration&per=50|$authority_h"
       "province-wide, text search|/api/v1/tickets?year=$year&q=may%20in&per=50|$authority_h"
       "province-wide, a name few tickets hold (every year)|/api/v1/tickets?q=duong%20phuong%20thao&per=50|$authority_h")
# Warm-up: the server's connections open (and map the file) on their first requests.
for p in "${paths[@]}"; do IFS='|' read -r _ path header <<< "$p"; wrk -t2 -c8 -d2s -H "$header" "$base$path" > /dev/null; done
measure "bare route" "/healthz" "X-Bench: 1"
for CONNECTIONS in 1 8; do
  for p in "${paths[@]}"; do
    IFS='|' read -r name path header <<< "$p"
    measure "$name, $CONNECTIONS connection$([ "$CONNECTIONS" = 1 ] || echo s)" "$path" "$header"
  done
done

# FORM2_RUNS (default 7) alternating runs of each, the medians compared: the first read after the
# server stops is slower, and on 2 shared cores one run may take several times another.
kill $server 2>/dev/null; wait $server 2>/dev/null || true
sql="SELECT officer_id, task_group, SUM(CASE WHEN status IN ('requested','inProgress') THEN 1 ELSE 0 END), COUNT(*) FROM work_tickets WHERE year = $year AND officer_id IS NOT NULL GROUP BY officer_id, task_group;"
app_runs=(); sqlite_runs=()
for _ in $(seq "${FORM2_RUNS:-7}"); do
  summary=$($BIN work-log-summary --year $year)
  app_runs+=("$(echo "$summary" | sed -E 's/.* ([0-9.]+) giây.*/\1/')")
  t0=$(date +%s.%N); sqlite3 "$db" "$sql" > /dev/null; t1=$(date +%s.%N)
  sqlite_runs+=("$(printf '%.3f' "$(echo "$t1 - $t0" | bc)")")
done
app_s=$(median "${app_runs[@]}"); sqlite_s=$(median "${sqlite_runs[@]}")
ratio=$(printf '%.2f' "$(echo "$app_s / $sqlite_s" | bc -l)")

cpu=$(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ //')
{
  echo "## Work log (issue 3)"
  echo
  echo "Written by \`bench/worklog.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores ($cpu), $(free -h | awk '/Mem:/ {print $2}')."
  echo
  echo "- Data: \`qlcb demo --agencies $AGENCIES --officers $OFFICERS --tickets-per-officer-year $TICKETS\`: $tickets tickets, ${loaded}."
  echo "- Load: \`wrk -d$DURATION --latency\` at 1 and 8 connections (\`-t1 -c1\`, \`-t2 -c8\`) with bearer tokens, after a 2 s warm-up of each path; keyset pagination (50 per page); wrk runs on the same 2 cores as the server."
  echo "- Target (issue 3): list p99 under 20 ms; Form 2 of every officer for a year under 1 s and within 2× of sqlite3."
  echo
  echo "| what | path | p50 | p99 | requests/s | non-2xx |"
  echo "|---|---|---|---|---|---|"
  cat "$rows"
  echo
  echo "| Form 2 of every officer, year $year | median (s) | runs (s) |"
  echo "|---|---|---|"
  echo "| \`qlcb work-log-summary --year $year\` (aggregate + Form 2 for each officer, in process) | $app_s | ${app_runs[*]} |"
  echo "| the same GROUP BY in \`sqlite3\` (whole process, rows to /dev/null) | $sqlite_s | ${sqlite_runs[*]} |"
  echo
  echo "Ratio: ${ratio}× the \`sqlite3\` time."
  echo
  echo "Output: $summary"
} > bench/results/worklog.md
bench/combine.sh
