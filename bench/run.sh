#!/usr/bin/env bash
# Benchmark (not a test): release build, `qlcb demo --agencies 10000 --officers 20000` on SQLite,
# then wrk against the agency list, officer search, staffing page and their API twins, next to a
# bare route, all in one run. Writes bench/RESULTS.md. Run with `make bench`.
set -euo pipefail
cd "$(dirname "$0")/.."
AGENCIES=${AGENCIES:-10000}
OFFICERS=${OFFICERS:-20000}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-8}
PORT=${PORT:-8091}
TICKETS=${TICKETS:-1}
work=$(mktemp -d /tmp/qlcb-bench.XXXXXX)
# REUSE=/path/bench.sqlite measures a database kept by an earlier run (KEEP=1) without reloading it.
db="${REUSE:-$work/bench.sqlite}"
export DATABASE_URL="sqlite://$db" LOG_LEVEL=error

. bench/lib.sh
load_demo
$BIN serve --hostname 127.0.0.1 --port "$PORT" > "$work/serve.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
base="http://127.0.0.1:$PORT"
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done

# A signed-in session for the pages, a bearer token for the API (both as provincial authority staff).
jar="$work/cookies"
csrf=$(curl -s -c "$jar" "$base/dang-nhap" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
curl -s -b "$jar" -c "$jar" -o /dev/null -d "_csrf=$csrf&username=sotttt&password=qlcb-demo&next=/" "$base/dang-nhap"
cookie=$(awk '$6 == "qlcb_session" {print "qlcb_session=" $7}' "$jar")
token=$($BIN token create --user sotttt --name bench | tail -n 1)

rows="$work/rows.md"
measure "bare route" "/healthz" "X-Bench: 1"
measure "agency list (page 1)" "/co-quan" "Cookie: $cookie"
measure "agency list (page 200)" "/co-quan?page=200" "Cookie: $cookie"
measure "agency search, no diacritics" "/co-quan?q=truong+tieu+hoc+phu+cuong" "Cookie: $cookie"
measure "officer search, no diacritics" "/can-bo?q=nguyen+van+hung" "Cookie: $cookie"
measure "officer list (page 100)" "/can-bo?page=100" "Cookie: $cookie"
measure "staffing page (all agencies assessed)" "/bien-che" "Cookie: $cookie"
measure "API agency search" "/api/v1/agencies?q=tram+y+te&per=25" "Authorization: Bearer $token"
measure "API officer search" "/api/v1/officers?q=tran+thi&per=25" "Authorization: Bearer $token"
measure "API staffing (page 1, 25 agencies)" "/api/v1/staffing" "Authorization: Bearer $token"
measure "API staffing (page 200)" "/api/v1/staffing?page=200&per=25" "Authorization: Bearer $token"
measure "API staffing search" "/api/v1/staffing?q=truong+tieu+hoc" "Authorization: Bearer $token"

cpu=$(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ //')
mem=$(free -h | awk '/Mem:/ {print $2}')
{
  echo "## Registry (issue 2), $CONNECTIONS connection(s)"
  echo
  echo "Written by \`bench/run.sh\` (\`make bench\`) on $(date -u '+%Y-%m-%d %H:%M UTC')."
  echo
  echo "- Machine: $(nproc) cores ($cpu), $mem memory, $(uname -sr); server and wrk on the same machine."
  echo "- Build: \`swift build -c release\`, $(swift --version 2>/dev/null | head -n 1)."
  echo "- Data: \`qlcb demo --agencies $AGENCIES --officers $OFFICERS\` on SQLite (WAL), ${loaded}."
  echo "- Load: \`wrk -c$CONNECTIONS -d$DURATION --latency\` (threads: up to 2), signed in as provincial authority staff (sees everything)."
  echo "- Target (issue 14): every list p99 under 20 ms at 8 connections and under 100 ms at 64; requests/s also as a share of the bare route's in the same run."
  echo
  echo "| what | path | p50 | p99 | requests/s | share of bare | non-2xx |"
  echo "|---|---|---|---|---|---|---|"
  # The share: this row's requests/s over the bare route's (the first row), in per cent.
  awk -F' \\| ' 'NR == 1 {bare = $5} {printf "%s | %s | %s | %s | %s | %.1f %% | %s\n", $1, $2, $3, $4, $5, 100 * $5 / bare, $6}' "$rows"
} > "bench/results/registry-c$CONNECTIONS.md"
bench/combine.sh
