# Shared by the benchmark scripts: one wrk run → one Markdown row appended to $rows.
# measure NAME PATH HEADER
measure() {
  local out p50 p99 rps non2xx
  out=$(wrk -t"$(( CONNECTIONS < 2 ? CONNECTIONS : 2 ))" -c"$CONNECTIONS" -d"$DURATION" --latency -H "$3" "$base$2")
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  echo "| $1 | \`$2\` | $p50 | $p99 | $rps | ${non2xx:-0} |" | tee -a "$rows"
}

# load_demo: release build (unless SKIP_BUILD), BIN, and the demo province at the scale of
# $AGENCIES/$OFFICERS/$TICKETS loaded into $db — or $REUSE, a database kept by an earlier run with
# KEEP=1. Sets load_s (seconds) and loaded (the sentence the results print).
load_demo() {
  [ -n "${SKIP_BUILD:-}" ] || swift build -c release --product qlcb --scratch-path .build-release
  BIN=.build-release/release/qlcb
  local start
  start=$(date +%s)
  [ -n "${REUSE:-}" ] || $BIN demo --agencies "$AGENCIES" --officers "$OFFICERS" --tickets-per-officer-year "$TICKETS" > "$work/demo.log"
  load_s=$(( $(date +%s) - start ))
  loaded="loaded in ${load_s} s"
  [ -z "${REUSE:-}" ] || loaded="loaded by an earlier run and kept with KEEP=1"
}
