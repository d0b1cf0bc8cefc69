#!/usr/bin/env bash
# Year-end benchmark (issue 4): release build, SQLite, 20,000 officers with about 2,000,000 tickets
# (demo at scale), grade history extended to 10 years with sqlite3, then the year-end run of
# `qlcb evaluate` (automatic D, discipline patterns over every officer's history, reward candidates,
# efficiency): dry run, then the real run that writes the automatic D.
set -euo pipefail
cd "$(dirname "$0")/.."
OFFICERS=${OFFICERS:-20000}
AGENCIES=${AGENCIES:-10000}
TICKETS=${TICKETS:-31}
work=$(mktemp -d /tmp/qlcb-ye.XXXXXX)
# REUSE=/path/yearend.sqlite measures a database kept by an earlier run (KEEP=1) without reloading it.
db="${REUSE:-$work/yearend.sqlite}"
export DATABASE_URL="sqlite://$db" LOG_LEVEL=error QLCB_CLOCK=2026-11-29T12:00:00+07:00
trap '[ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT

. bench/lib.sh
load_demo
# Ten years of history: grades for 2017–2023 for every officer, besides the demo's 2024–2026.
[ -n "${REUSE:-}" ] || sqlite3 "$db" <<'SQL'
WITH RECURSIVE years(y) AS (SELECT 2017 UNION ALL SELECT y + 1 FROM years WHERE y < 2023)
INSERT INTO grades (id, officer_id, year, grade, reason, comment, entered_by, updated_at, criteria_notes)
SELECT upper(substr(h, 1, 8) || '-' || substr(h, 9, 4) || '-4' || substr(h, 14, 3) || '-A' || substr(h, 18, 3) || '-' || substr(h, 21, 12)),
       officer_id, y, grade, 'evaluated', '', 'bench', NULL, ''
FROM (SELECT lower(hex(randomblob(16))) AS h, o.id AS officer_id, years.y AS y,
             CASE abs(random()) % 20 WHEN 0 THEN 'D' WHEN 1 THEN 'C' WHEN 2 THEN 'C' WHEN 3 THEN 'C' WHEN 4 THEN 'A' WHEN 5 THEN 'A' ELSE 'B' END AS grade
      FROM officers o, years);
PRAGMA optimize;
SQL
tickets=$(sqlite3 "$db" "SELECT COUNT(*) FROM work_tickets;")
officers=$(sqlite3 "$db" "SELECT COUNT(*) FROM officers;")
grades=$(sqlite3 "$db" "SELECT COUNT(*) FROM grades;")
years=$(sqlite3 "$db" "SELECT COUNT(DISTINCT year) FROM grades;")

run() {  # $@ = extra flags → "in-process seconds|wall seconds|summary"
  local t0 t1 out
  t0=$(date +%s.%N)
  out=$($BIN evaluate --year 2026 "$@")
  t1=$(date +%s.%N)
  echo "$(echo "$out" | sed -nE 's/.*Thời gian chạy: ([0-9.]+) giây.*/\1/p')|$(echo "$t1 - $t0" | bc)|$(echo "$out" | grep -E 'D tự động|16.3.b|khen thưởng' | sed -E 's/^ +//' | paste -sd ';' -)"
}
dry1=$(run --dry-run); dry2=$(run --dry-run); real=$(run)

cpu=$(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ //')
row() { IFS='|' read -r inproc wall summary <<< "$2"; echo "| $1 | $inproc | $wall | $summary |"; }
{
  echo "## Year-end run (issue 4)"
  echo
  echo "Written by \`bench/yearend.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores ($cpu), $(free -h | awk '/Mem:/ {print $2}')."
  echo
  echo "- Data: \`qlcb demo --agencies $AGENCIES --officers $OFFICERS --tickets-per-officer-year $TICKETS\` (${loaded}), then grades for 2017–2023 added with sqlite3: $officers officers, $grades grades over $years years, $tickets tickets."
  echo "- Command: \`qlcb evaluate --year 2026\` (release build, SQLite). \"In process\" is the run itself as the command reports it; \"wall\" includes starting the process."
  echo "- Target (issue 4): the year-end run under 2 s."
  echo
  echo "| run | in process (s) | wall (s) | result |"
  echo "|---|---|---|---|"
  row "dry run (first)" "$dry1"
  row "dry run (again)" "$dry2"
  row "real run (writes the automatic D)" "$real"
} > bench/results/yearend.md
cat bench/results/yearend.md
bench/combine.sh
