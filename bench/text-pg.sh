#!/usr/bin/env bash
# Ticket text search on PostgreSQL (issue 14): release build, a throw-away cluster with the demo
# province at the documents' size (1,000 agencies, 2,000 officers, ~100 tickets per officer-year,
# four years), then wrk on the provincial authority's ticket list searched for texts many, few and
# no tickets hold — with the trigram index of ticket texts (AddTicketTextTrigramIndex) and without
# it (dropped for the second round, then made again with the migration's own statement).
# Run: `bench/text-pg.sh`; AGENCIES/OFFICERS/TICKETS, SKIP_BUILD, KEEP/REUSE (a kept …/pgdata) as in
# bench/run.sh, PORT (default 8095), PGTEST_PORT (default 55481), DURATION (default 5s).
set -euo pipefail
cd "$(dirname "$0")/.."
AGENCIES=${AGENCIES:-1000}
OFFICERS=${OFFICERS:-2000}
TICKETS=${TICKETS:-100}
DURATION=${DURATION:-5s}
PORT=${PORT:-8095}
work=$(mktemp -d /tmp/qlcb-text.XXXXXX)
server=""
. bench/lib.sh
trap stop_all EXIT
export LOG_LEVEL=error QLCB_CLOCK=2026-11-29T12:00:00+07:00
pg_start
load_demo
[ -n "${REUSE:-}" ] || pg_sql qlcb "VACUUM ANALYZE"
index=idx_work_tickets_search_folded_trgm
definition=$(pg_sql qlcb "SELECT indexdef FROM pg_indexes WHERE indexname = '$index'")
[ -n "$definition" ] || { echo "no $index: is pg_trgm installed?"; exit 1; }
tickets=$(pg_sql qlcb "SELECT count(*) FROM work_tickets")
sizes=$(pg_sql qlcb "SELECT pg_size_pretty(pg_relation_size('$index')) || ' index, ' || pg_size_pretty(pg_relation_size('work_tickets')) || ' table'")

serve
header="Authorization: Bearer $($BIN token create --user sotttt --name bench | tail -n 1)"

# A name few tickets hold: the requester name with the fewest tickets among those with at least 20,
# searched as typed, with its diacritics (the server folds it, as it folds every search).
rare=$(pg_sql qlcb "SELECT requester_name FROM work_tickets GROUP BY requester_name HAVING count(*) >= 20 ORDER BY count(*), requester_name LIMIT 1")
# Who holds a text: the folded texts below (ASCII, no wildcard) by substring; the name by requester.
holders() {
  if [ "$1" = "$rare" ]; then echo "$(pg_sql qlcb "SELECT count(*) FROM work_tickets WHERE requester_name = '$rare'") tickets requested by them"
  else echo "$(pg_sql qlcb "SELECT count(*) FROM work_tickets WHERE search_folded LIKE '%$1%'") tickets hold it"; fi
}
texts=("$rare" "may in" "thao" "xyzzy qq")
rows="$work/rows.md"
: > "$rows"
round() {
  for text in "${texts[@]}"; do
    for year in "" 2026; do
      path="/api/v1/tickets?q=$(jq -rn --arg t "$text" '$t|@uri')&per=50${year:+&year=$year}"
      wrk -t1 -c1 -d"$DURATION" --latency -H "$header" "$base$path" > "$work/wrk.out"
      echo "| $1 | \"$text\" ($(holders "$text")) | ${year:-every year} | $(awk '/ 50%/ {print $2}' "$work/wrk.out") | $(awk '/ 99%/ {print $2}' "$work/wrk.out") | $(awk '/Requests\/sec/ {print $2}' "$work/wrk.out") |" >> "$rows"
    done
  done
}
round "with the index"
pg_sql qlcb "DROP INDEX $index"
round "without"
pg_sql qlcb "$definition"

cpu=$(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ //')
{
  echo "## Ticket text search on PostgreSQL (issue 14)"
  echo
  echo "Written by \`bench/text-pg.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores ($cpu), $(free -h | awk '/Mem:/ {print $2}'); $(pg_sql qlcb 'SHOW server_version')."
  echo
  echo "- Data: \`qlcb demo --agencies $AGENCIES --officers $OFFICERS --tickets-per-officer-year $TICKETS\`: $tickets tickets, ${loaded}; $sizes."
  echo "- Load: \`wrk -t1 -c1 -d$DURATION --latency\`, signed in as the provincial authority (\`sotttt\`: the tickets of received work logs, one branch a year), \`/api/v1/tickets?q=…&per=50\`."
  echo "- The index: \`$definition\` (migration \`AddTicketTextTrigramIndex\`); \"without\" is the same server after \`DROP INDEX\`."
  echo
  echo "| index | text | years | p50 | p99 | requests/s |"
  echo "|---|---|---|---|---|---|"
  cat "$rows"
} > bench/results/text-pg.md
bench/combine.sh
