#!/usr/bin/env bash
# Query plans of the registry lists (issue 14), not a measurement: the demo province as bench/run.sh
# loads it, the release server, and each list route run.sh measures requested with curl, signed in
# as run.sh signs in. For each route, the SQL statements it ran and their plans →
# bench/results/plans-sqlite.md, or with DB=postgres bench/results/plans-pg.md (then RESULTS.md).
# Each route is requested twice: the file shows the second request's statements (what wrk measures,
# caches warm), then the statements only the first request ran (e.g. the staffing report computed).
# SQLite: the server runs with LOG_LEVEL=trace LOG_FORMAT=json, which logs every statement
# ("Executing query": sql, binds) and, for those read through RawRows, the plan SQLite gave on the
# same connection ("Query plan"); the other statements (Fluent/SQLKit) are explained here with
# EXPLAIN QUERY PLAN on the same file (bench/eqp.c, linked with the server's own SQLite; the sqlite3
# shell if that cannot be built), their binds filled in from the log.
# PostgreSQL: the throw-away cluster of `DB=postgres bench/run.sh`, started after the demo is loaded
# and analysed with auto_explain logging every statement's plan as EXPLAIN ANALYZE (text); the log
# is cut per request at its size before and after the request.
# Run: `bench/explain.sh`, `DB=postgres bench/explain.sh`; AGENCIES/OFFICERS/TICKETS, SKIP_BUILD and
# KEEP/REUSE as in bench/run.sh (REUSE=/tmp/qlcb-….*/bench.sqlite or …/pgdata), PORT (default
# 8092), PGTEST_PORT (default 55481).
set -euo pipefail
cd "$(dirname "$0")/.."
AGENCIES=${AGENCIES:-10000}
OFFICERS=${OFFICERS:-20000}
TICKETS=${TICKETS:-1}
PORT=${PORT:-8092}
DB=${DB:-sqlite}
command -v jq >/dev/null || { echo "bench/explain.sh needs jq (apt-get install jq)"; exit 1; }
work=$(mktemp -d /tmp/qlcb-plans.XXXXXX)
server=""
. bench/lib.sh
trap stop_all EXIT
export LOG_LEVEL=error QLCB_HOUSEKEEPING_MINUTES=0  # no purge in the middle of a request's log
auto_explain="-c shared_preload_libraries=auto_explain -c auto_explain.log_min_duration=0 -c auto_explain.log_analyze=on -c auto_explain.log_format=text"
case "$DB" in
  sqlite)
    db="${REUSE:-$work/bench.sqlite}"
    export DATABASE_URL="sqlite://$db"
    load_demo
    log="$work/serve.log" results="bench/results/plans-sqlite.md" title="SQLite"
    counts=$(sqlite3 "$db" "SELECT (SELECT count(*) FROM agencies) || ' agencies, ' || (SELECT count(*) FROM officers) || ' officers'")
    bundled=$(awk '$1 == "#define" && $2 == "SQLITE_VERSION" {gsub(/"/, "", $3); print $3; exit}' \
      .build-release/checkouts/sqlite-nio/Sources/*/include/*sqlite3.h 2>/dev/null || true)
    # The statements the server logs without a plan are explained by bench/eqp.c, linked with the
    # server's own SQLite (the release build's object), or else by the sqlite3 shell (another version).
    sqlite_o=$(ls .build-release/*/release/VaporCSQLite.build/sqlite_nio_sqlite3.c.o 2>/dev/null | head -n 1 || true)
    # With the server's function and tokenizer, which a head's pages and the ticket search name.
    extensions=$(ls .build-release/*/release/CIDSet.build/id_set.c.o \
      .build-release/*/release/CTicketWordPairs.build/ticket_word_pairs.c.o 2>/dev/null || true)
    if [ -n "$sqlite_o" ] && cc -O1 -DQLCB_EXTENSIONS -I .build-release/checkouts/sqlite-nio/Sources/VaporCSQLite/include \
         -I Sources/CIDSet/include -I Sources/CTicketWordPairs/include \
         -o "$work/eqp" bench/eqp.c "$sqlite_o" $extensions -lm -lpthread -ldl 2>/dev/null; then
      explainer="$work/eqp" explained_by="SQLite ${bundled:-of the server} (\`bench/eqp.c\` linked with the server's copy)"
    else
      explainer="" explained_by="the \`sqlite3\` shell $(sqlite3 --version | awk '{print $1}') (not the server's SQLite ${bundled:-}: a version may choose differently)"
    fi
    LOG_LEVEL=trace LOG_FORMAT=json $BIN serve --hostname 127.0.0.1 --port "$PORT" > "$log" 2>&1 & ;;
  postgres)
    # Loaded without auto_explain (it would explain every INSERT of the demo), then started again with it.
    # shellcheck disable=SC2046
    pg_start $([ -z "${REUSE:-}" ] || echo "$auto_explain")
    load_demo
    if [ -z "${REUSE:-}" ]; then pg_sql qlcb "VACUUM ANALYZE"; pg_stop; pg_start $auto_explain; fi
    pg_version=$(pg_sql qlcb "SELECT version()")
    counts=$(pg_sql qlcb "SELECT (SELECT count(*) FROM agencies) || ' agencies, ' || (SELECT count(*) FROM officers) || ' officers'")
    log="$work/postgres.log" results="bench/results/plans-pg.md" title="PostgreSQL"
    $BIN serve --hostname 127.0.0.1 --port "$PORT" > "$work/serve.log" 2>&1 & ;;
  *) echo "DB must be sqlite or postgres"; exit 2 ;;
esac
server=$!
base="http://127.0.0.1:$PORT"
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
sign_in

# statements LOGPART: the statements of one request's part of the log as a JSON array of
# {sql, binds, plan (lines, or null: explain it here), via, ms (PostgreSQL: actual time)}.
statements() {
  if [ "$DB" = sqlite ]; then
    # A RawRows statement logs "Executing query" (source App), then its "Query plan"; Fluent's log
    # "Executing query" (source SQLiteKit) and no plan. Plans go to the App statements in order.
    jq -R 'fromjson? // empty' "$1" | jq -s '
      reduce .[] as $e ({out: [], pending: []};
        if $e.message == "Executing query" then
          (if $e.source == "App" then .pending += [.out | length] else . end)
          | .out += [{sql: $e.sql, via: $e.source, plan: null,
                      binds: (($e.binds // []) | map(if $e.source == "App" and test("^\".*\"$") then .[1:-1] else . end))}]
        elif $e.message == "Query plan" and (.pending | length) > 0 then
          .out[.pending[0]].plan = $e.plan | .pending |= .[1:]
        else . end) | .out'
  else
    # auto_explain: "LOG:  duration: 0.050 ms  plan:", then lines starting with a tab: "Query Text:
    # …" (more lines if the statement has them), then the plan from its first "(cost=…" line.
    awk '
      function flush() { if (inplan) printf "%s\037%s\037%s\036", ms, text, plan; inplan = 0 }
      /LOG:  duration: [0-9.]+ ms  plan:$/ {
        flush(); inplan = 1; inquery = 1; text = ""; plan = ""
        ms = $0; sub(/.*duration: /, "", ms); sub(/ ms.*/, "", ms); next }
      /^\t/ && inplan {
        line = substr($0, 2)
        if (inquery && line ~ /^Query Text: /) { text = substr(line, 13); next }
        if (inquery && line !~ /\(cost=[0-9]/) { text = text "\n" line; next }
        inquery = 0; plan = (plan == "" ? line : plan "\n" line); next }
      { flush() }
      END { flush() }' "$1" |
      jq -Rs 'split("\u001e") | map(select(length > 0) | split("\u001f")
              | {sql: .[1], via: "auto_explain", plan: (.[2] | split("\n")), binds: [], ms: (.[0] | tonumber)})'
  fi
}

# distinct: the same statement run again counted once (count, ms summed), in the order first run.
distinct='to_entries | group_by(.value.sql)
  | map(.[0].value + {first: .[0].key, count: length, ms: (map(.value.ms // 0) | add)}) | sort_by(.first)'

# Shortened SQL: whitespace collapsed, a list of four or more quoted columns (Fluent's SELECT) or of
# four or more placeholders (IN …) cut to its first item and "…".
shorten='gsub("\\s+"; " ")
  | gsub("(?<c>(\"[A-Za-z0-9_]+\"\\.)?\"[A-Za-z0-9_]+\"( AS \"[A-Za-z0-9_]+\")?)(, (\"[A-Za-z0-9_]+\"\\.)?\"[A-Za-z0-9_]+\"( AS \"[A-Za-z0-9_]+\")?){3,}"; "\(.c), …")
  | gsub("(?<p>[?$][0-9]+)(, ?[?$][0-9]+){3,}"; "\(.p), …")'

# The binds as SQL literals in place of ?1, ?2, … (numbers as they are, true/false as 1/0, the rest
# as text, dates too: the plan does not depend on them).
fill='def literal: if test("^-?[0-9]+(\\.[0-9]+)?$") then . elif . == "true" then "1" elif . == "false" then "0"
                  elif . == "nil" or . == "null" then "NULL" else "\u0027" + gsub("\u0027"; "\u0027\u0027") + "\u0027" end;
  (.binds | map(literal)) as $lits | .sql | gsub("\\?(?<n>[0-9]+)"; $lits[(.n | tonumber) - 1] // "NULL")'

# The binds as the file shows them: at most eight, a long one cut (a token's hash), a session's
# key and data never (they would sign a request in while the session lasts).
shown='def one: if test("^Session(ID|Data)\\(") then "(session)" elif . == "" then "\"\"" elif length > 40 then .[:16] + "…" else . end;
  if (.binds | length) > 0 then "; binds: " + (.binds[:8] | map(tostring | one) | join(", ")) + (if (.binds | length) > 8 then ", …" else "" end) else "" end'

# render FILE: each statement of the JSON array FILE, its shortened SQL and its plan, in Markdown;
# the plan lines also go to $work/plan-lines (the summary counts scans and sorts in them).
render() {
  local i=0 s sql plan how binds
  while read -r s; do
    i=$((i + 1))
    plan=$(jq -r '.plan // empty | .[]' <<< "$s")
    case "$(jq -r .via <<< "$s")" in
      App) how="plan logged by the server (RawRows)" ;;
      auto_explain) how="$(jq -r '(.ms * 1000 | round) / 1000' <<< "$s") ms$(jq -r 'if .count > 1 then " in all" else "" end' <<< "$s") (auto_explain, EXPLAIN ANALYZE)" ;;
      *) how="plan from EXPLAIN QUERY PLAN here, binds filled in (Fluent/SQLKit)" ;;
    esac
    if [ -z "$plan" ] && [ "$DB" = sqlite ]; then
      sql=$(jq -r "$fill" <<< "$s")
      if [ -n "$explainer" ]; then plan=$("$explainer" "$db" "$sql" 2>&1) || true
      else plan=$(sqlite3 -readonly "$db" "EXPLAIN QUERY PLAN $sql" 2>&1 | sed '/^QUERY PLAN$/d') || true; fi
      [ "$(jq -r .via <<< "$s")" != App ] || how="plan from EXPLAIN QUERY PLAN here (none logged), binds filled in"
    fi
    binds=$(jq -r "$shown" <<< "$s")
    echo "**$i.** $how$(jq -r 'if .count > 1 then ", ran \(.count)×" else "" end' <<< "$s")${binds}"
    echo
    echo '```sql'
    jq -r ".sql | $shorten" <<< "$s"
    echo '```'
    echo '```text'
    echo "${plan:-(no plan)}"
    echo '```'
    echo
    echo "$plan" >> "$work/plan-lines"
  done < <(jq -c '.[]' "$1")
}

sections="$work/sections.md" summary="$work/summary.md"
: > "$sections"; : > "$summary"
n=0
# explain_routes ROUTE…: each route's statements and plans, appended to $sections and $summary.
explain_routes() {
for route in "$@"; do
  IFS='|' read -r name path kind <<< "$route"
  n=$((n + 1))
  for pass in 1 2; do
    from=$(stat -c %s "$log")
    status=$(curl -s -o /dev/null -w '%{http_code}' -H "$(route_header "$kind")" "$base$path")
    sleep 0.5  # the last lines of the request (PostgreSQL's plans at the end of each statement) reach the log
    to=$(stat -c %s "$log")
    tail -c +"$((from + 1))" "$log" | head -c "$((to - from))" > "$work/r$n.$pass.log"
    statements "$work/r$n.$pass.log" | jq "$distinct" > "$work/r$n.$pass.json"
  done
  jq --slurpfile warm "$work/r$n.2.json" '[.[] | select(.sql as $s | $warm[0] | map(.sql) | index($s) | not)]' \
    "$work/r$n.1.json" > "$work/r$n.first.json"
  : > "$work/plan-lines"
  {
    echo "### $name — \`$path\`"
    echo
    ran=$(jq 'map(.count) | add // 0' "$work/r$n.2.json")
    echo "HTTP $status; the second request ran $ran statement(s), $(jq length "$work/r$n.2.json") distinct:"
    echo
    render "$work/r$n.2.json"
  } >> "$sections"
  # Full scans and sorts of the second request (what wrk measures).
  if [ "$DB" = sqlite ]; then
    scans=$(grep -E '(^|--)SCAN ' "$work/plan-lines" | grep -vc 'SCAN CONSTANT ROW' || true)
    sorts=$(grep -c 'USE TEMP B-TREE' "$work/plan-lines" || true)
  else
    scans=$(grep -c 'Seq Scan on' "$work/plan-lines" || true)
    sorts=$(grep -cE '(^|-> +)(Incremental )?Sort  \(' "$work/plan-lines" || true)
  fi
  first=$(jq length "$work/r$n.first.json")
  sql_ms=$([ "$DB" = sqlite ] && echo "—" || jq 'map(.ms) | add // 0 | . * 1000 | round / 1000' "$work/r$n.2.json")
  if [ "$first" -gt 0 ]; then
    { echo "Only the first request (caches cold) also ran:"; echo; render "$work/r$n.first.json"; } >> "$sections"
  fi
  echo "| $name | \`$path\` | $status | $ran ($(jq length "$work/r$n.2.json")) | $sql_ms | $first | $scans | $sorts |" >> "$summary"
done
}
explain_routes "${registry_routes[@]}"
# The district head's lists, as bench/run.sh measures them after the authority's.
signed_in=("${cookie#qlcb_session=}" "$token")
sign_in thutruong2
signed_in+=("${cookie#qlcb_session=}" "$token")
explain_routes "${head_routes[@]}"

{
  echo "## Query plans of the registry lists (issue 14), $title"
  echo
  echo "Written by \`bench/explain.sh\`$([ "$DB" = sqlite ] || echo " (\`DB=postgres\`)") on $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo
  if [ "$DB" = sqlite ]; then
    echo "- Data: \`qlcb demo --agencies $AGENCIES --officers $OFFICERS\` on SQLite (WAL): $counts, ${loaded}."
    echo "- Plans: the statements read through RawRows with the plan the server logged (\`LOG_LEVEL=trace\`: \`EXPLAIN QUERY PLAN\` on its own connection, its bundled SQLite${bundled:+ $bundled}); the others (Fluent/SQLKit, logged at debug) explained here with \`EXPLAIN QUERY PLAN\` by $explained_by on the same file and its statistics (drawn as a tree), the logged binds in place of the placeholders (dates as text)."
  else
    echo "- Database: $pg_version; the throw-away cluster of \`DB=postgres bench/run.sh\`."
    echo "- Data: \`qlcb demo --agencies $AGENCIES --officers $OFFICERS\` on PostgreSQL: $counts, ${loaded}; \`ANALYZE\` after loading."
    echo "- Plans: \`auto_explain\` (\`log_min_duration=0\`, \`log_analyze=on\`, text) for this run only: each statement's plan with its actual rows and time, on a server otherwise idle. auto_explain does not log a statement's parameters (before PostgreSQL 16), but these are custom plans: the values show in their conditions (a session's key replaced)."
  fi
  echo "- Each list route of \`bench/run.sh\` requested twice with curl, signed in as run.sh signs in (\`sotttt\`, then the district head \`thutruong2\` for the rows marked head: session cookie for the pages, bearer token for the API). Shown: the statements of the second request (what wrk measures, caches warm) in the order they first ran, a statement run again counted once; then those only the first request ran."
  echo "- SQL shortened: whitespace collapsed; a list of four or more quoted columns or placeholders cut to its first item and \"…\"."
  [ "$DB" = sqlite ] || echo "- Time in them: the statements' actual times as auto_explain logged them (with its own timing overhead), the second request."
  echo "- Full scans: $([ "$DB" = sqlite ] && echo "\`SCAN\` lines: a whole table, or a whole index in its order (a LIMIT may stop it early; a CTE counts too)" || echo "\`Seq Scan\` nodes"); sorts: $([ "$DB" = sqlite ] && echo "\`USE TEMP B-TREE\`" || echo "\`Sort\` nodes"); in the second request's plans."
  echo
  echo "| route | path | HTTP | statements run (distinct) | time in them (ms) | first request only | full scans | sorts |"
  echo "|---|---|---|---|---|---|---|---|"
  cat "$summary"
  echo
  cat "$sections"
} > "$results"
# PostgreSQL's plans show the values a statement ran with: the sessions' keys (and the tokens, were
# they ever there) are replaced, so the file never holds what signs a request in.
# A bind is shown cut to its first 16 characters and "…": those go too.
for secret in "${signed_in[@]}"; do
  sed -i -e "s|$secret|<signed in>|g" -e "s|${secret:0:16}…|<signed in>|g" "$results"
done
echo "==> $results"
bench/combine.sh
