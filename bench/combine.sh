#!/usr/bin/env bash
# bench/RESULTS.md = every section in bench/results/, newest measurements as written by each script;
# the query plans (bench/explain.sh: plans-*.md) come last, after the measurements.
cd "$(dirname "$0")"
{ echo "# Benchmark results"; echo; echo "Each section is written by its script (\`make bench\`: run.sh on SQLite, where.sh, run.sh on PostgreSQL, worklog.sh, documents.sh, yearend.sh, text-pg.sh, then explain.sh on both databases; \`make bench-scale\`: scale-pg.sh, PostgreSQL at 10x); never by a test."; echo
  for f in results/*.md; do case "$f" in results/plans-*) ;; *) cat "$f"; echo ;; esac; done
  for f in results/plans-sqlite.md results/plans-pg.md; do [ -e "$f" ] || continue; cat "$f"; echo; done; } > RESULTS.md
echo "==> bench/RESULTS.md"
