#!/usr/bin/env bash
# Where each list's time goes (issue 14): for every registry route of bench/run.sh (the authority's,
# then the district head's), the server's CPU per request and the shares of it that LeafKit's
# rendering, our page encoder and SQLite's engine take, from `perf`. Not a test; not run in CI.
#
# Each route: one wrk run at 8 connections (the targets' load) with the server's CPU time read from
# /proc before and after (CPU per request), then a second run under `perf record` for the shares.
# From the CPU per request t on 2 cores, Little's law bounds the mean latency with C connections
# always waiting: mean ≥ C·t / cores (wrk's own CPU left out, so the bound is low). The columns
# "8 conn." and "64 conn." give that bound for t, and for Leaf's share of t alone.
#
# REUSE=/path/bench.sqlite (a database kept by bench/run.sh with KEEP=1) skips loading the demo;
# SKIP_BUILD=1 BIN=path uses a release binary already built.
set -euo pipefail
cd "$(dirname "$0")/.."
AGENCIES=${AGENCIES:-10000}
OFFICERS=${OFFICERS:-20000}
TICKETS=${TICKETS:-1}
DURATION=${DURATION:-5s}
PORT=${PORT:-8093}
command -v perf > /dev/null || { echo "perf not found (apt-get install linux-perf)"; exit 1; }
work=$(mktemp -d /tmp/qlcb-where.XXXXXX)
server=""
. bench/lib.sh
trap stop_all EXIT
db="${REUSE:-$work/bench.sqlite}"
export DATABASE_URL="sqlite://$db" LOG_LEVEL=error
[ -z "${REUSE:-}" ] || export QLCB_AUDIT_KEY_FILE="$(dirname "$REUSE")/audit.key"
if [ -n "${SKIP_BUILD:-}" ] && [ -n "${BIN:-}" ]; then
  loaded="loaded by an earlier run and kept with KEEP=1"
  [ -n "${REUSE:-}" ] || { $BIN demo --agencies "$AGENCIES" --officers "$OFFICERS" > "$work/demo.log"; loaded="loaded"; }
else
  load_demo
fi
$BIN migrate --yes > /dev/null
serve
rows="$work/rows.md"
ticks=$(getconf CLK_TCK)
cores=$(nproc)

# cpu_ticks: the server's user + system time so far, in clock ticks.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$server/stat"; }

# share FILE PATTERN: the percentage of samples whose stack holds a symbol matching PATTERN, from
# `perf report --children` (the first matching line: the outermost frame of that name).
share() {
  awk -v p="$2" '$0 ~ p {gsub("%", "", $1); print $1; exit}' "$1"
}

for user in sotttt thutruong2; do
  sign_in "$user"
  if [ "$user" = sotttt ]; then set -- "${registry_routes[@]}"; else set -- "${head_routes[@]}"; fi
  for r in "$@"; do
    IFS='|' read -r name path kind <<< "$r"
    header=$(route_header "$kind")
    curl -s -o /dev/null -H "$header" "$base$path"
    before=$(cpu_ticks)
    out=$(wrk -t2 -c8 -d"$DURATION" -H "$header" "$base$path")
    after=$(cpu_ticks)
    requests=$(echo "$out" | awk '/requests in/ {print $1}')
    rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
    cpu_ms=$(echo "($after - $before) * 1000 / $ticks / $requests" | bc -l)
    perf record -F 999 -g -p "$server" -o "$work/perf.data" -- sleep 4 > /dev/null 2>&1 &
    recording=$!
    wrk -t2 -c8 -d4s -H "$header" "$base$path" > /dev/null
    wait "$recording" || true
    perf report -i "$work/perf.data" --children --sort symbol --stdio -g none 2> /dev/null > "$work/report.txt"
    leaf=$(share "$work/report.txt" 'LeafKit0A8RendererC9serialize')
    encoder=$(share "$work/report.txt" 's3App8PageDataO4data')
    sqlite=$(share "$work/report.txt" 'sqlite_nio_sqlite3_step')
    leaf_ms=$(echo "${leaf:-0} * $cpu_ms / 100" | bc -l)
    printf '| %s | `%s` | %.0f | %.2f | %s %% (%.2f ms) | %s %% | %s %% | %.0f / %.0f ms | %.0f / %.0f ms |\n' \
      "$name" "$path" "$rps" "$cpu_ms" "${leaf:-0}" "$leaf_ms" "${encoder:-0}" "${sqlite:-0}" \
      "$(echo "8 * $cpu_ms / $cores" | bc -l)" "$(echo "8 * $leaf_ms / $cores" | bc -l)" \
      "$(echo "64 * $cpu_ms / $cores" | bc -l)" "$(echo "64 * $leaf_ms / $cores" | bc -l)" | tee -a "$rows"
  done
done

cpu=$(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ //')
{
  echo "## Where each list's time goes (issue 14)"
  echo
  echo "Written by \`bench/where.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'); $cores cores ($cpu), $(free -h | awk '/Mem:/ {print $2}'); \`swift build -c release\`, $(swift --version 2>&1 | head -n 1)."
  echo
  echo "- Data: \`qlcb demo --agencies $AGENCIES --officers $OFFICERS\` on SQLite, ${loaded}."
  echo "- Each route: \`wrk -t2 -c8 -d$DURATION\` (the 8 connections of the first target) with the server's CPU time from \`/proc\` before and after: CPU per request. Then 4 s more under \`perf record -F 999 -g\`: the share of the server's samples inside LeafKit's rendering (\`LeafRenderer.serialize\`), our page encoder (\`PageData.data\`) and SQLite's engine (\`sqlite3_step\`)."
  echo "- The last two columns: Little's law with C connections always waiting on $cores cores, mean latency ≥ C × CPU per request ÷ $cores (wrk's own CPU left out, so the bound is low); first for the whole request, then for Leaf's part alone. The targets are p99 < 20 ms at 8 connections and < 100 ms at 64, and a p99 is never below the mean."
  echo
  echo "| what | path | req/s, 8 conn. | server CPU per request (ms) | Leaf | page encoder | SQLite engine | mean ≥, 8 conn. (all / Leaf) | mean ≥, 64 conn. (all / Leaf) |"
  echo "|---|---|---|---|---|---|---|---|---|"
  cat "$rows"
} > bench/results/where.md
bench/combine.sh
