#!/usr/bin/env bash
# bench/RESULTS.md = every section in bench/results/, newest measurements as written by each script.
cd "$(dirname "$0")"
{ echo "# Benchmark results"; echo; echo "Each section is written by its script (\`make bench\`: run.sh, then worklog.sh); never by a test."; echo
  for f in results/*.md; do cat "$f"; echo; done; } > RESULTS.md
echo "==> bench/RESULTS.md"
