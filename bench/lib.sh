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
