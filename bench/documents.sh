#!/usr/bin/env bash
# Documents benchmark (issue 5): release build, a demo province with ~100–150 tickets per officer and
# year, then: one Form 3 PDF and the whole work log of an officer-year (~150 tickets) through the API
# under wrk at one connection, and the XLSX export of one year's tickets (~200,000 rows) with the
# server's peak memory before and after (constant-memory writer: it must not grow with the rows).
set -euo pipefail
cd "$(dirname "$0")/.."
OFFICERS=${OFFICERS:-2000}
AGENCIES=${AGENCIES:-1000}
TICKETS=${TICKETS:-100}
DURATION=${DURATION:-10s}
CONNECTIONS=1
PORT=${PORT:-8094}
work=$(mktemp -d /tmp/qlcb-doc.XXXXXX)
# REUSE=/path/documents.sqlite measures a database kept by an earlier run (KEEP=1) without reloading it.
db="${REUSE:-$work/documents.sqlite}"
export DATABASE_URL="sqlite://$db" LOG_LEVEL=error QLCB_CLOCK=2026-11-29T12:00:00+07:00

. bench/lib.sh
load_demo
sqlite3 "$db" "PRAGMA optimize;"
year=2026
ticket=$(sqlite3 "$db" "SELECT t.id FROM work_tickets t JOIN users u ON u.officer_id = t.officer_id WHERE u.username = 'canbo' AND t.status = 'confirmed' LIMIT 1;")
book=$(sqlite3 -separator ' ' "$db" "SELECT t.officer_id, COUNT(*) c FROM work_tickets t JOIN work_logs l ON l.officer_id = t.officer_id AND l.year = t.year AND l.received_at IS NOT NULL WHERE t.year = $year GROUP BY t.officer_id ORDER BY c DESC LIMIT 1;")
book_officer=${book% *}; book_tickets=${book#* }
year_rows=$(sqlite3 "$db" "SELECT COUNT(*) FROM work_tickets t JOIN work_logs l ON l.officer_id = t.officer_id AND l.year = t.year AND l.received_at IS NOT NULL WHERE t.year = $year;")

$BIN serve --hostname 127.0.0.1 --port "$PORT" > "$work/serve.log" 2>&1 &
server=$!
# The server is waited for before its folder goes: it still writes its files while it stops.
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$work"' EXIT
base="http://127.0.0.1:$PORT"
for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
officer_token=$($BIN token create --user canbo --name bench | tail -n 1)
authority_token=$($BIN token create --user sotttt --name bench | tail -n 1)
jar="$work/cookies"
csrf=$(curl -s -c "$jar" "$base/dang-nhap" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
curl -s -b "$jar" -c "$jar" -o /dev/null -d "_csrf=$csrf&username=sotttt&password=qlcb-demo&next=/" "$base/dang-nhap"

rows="$work/rows.md"
measure "Form 3, one confirmed ticket" "/api/v1/tickets/$ticket/form.pdf" "Authorization: Bearer $officer_token"
measure "whole work log, $book_tickets tickets (Forms 1, 2, 3)" "/api/v1/officers/$book_officer/work-logs/$year/book.pdf" "Authorization: Bearer $authority_token"
pages=$(curl -s -H "Authorization: Bearer $authority_token" "$base/api/v1/officers/$book_officer/work-logs/$year/book.pdf" -o "$work/book.pdf" && pdfinfo "$work/book.pdf" | awk '/^Pages:/ {print $2}')

# Memory of the server's own (anonymous) pages, sampled every 20 ms during an export: the memory map
# of the database file adds the file's cached pages to the RSS (shared and reclaimable, up to the
# pages the export touched), so the whole RSS says nothing about what the export holds.
anon() { awk '/RssAnon/ {print $2}' "/proc/$server/status"; }
hwm() { awk '/VmHWM/ {print $2}' "/proc/$server/status"; }
export_run() {  # $1 = query → "seconds rows peak-anon-KiB peak-rss-KiB"
  local t0 t1 peak=0 sample curl_pid
  t0=$(date +%s.%N)
  curl -s -b "$jar" "$base/phieu?format=xlsx&$1" -o "$work/export.xlsx" &
  curl_pid=$!
  while kill -0 $curl_pid 2>/dev/null; do
    sample=$(anon); [ "$sample" -gt "$peak" ] && peak=$sample
    sleep 0.02
  done
  wait $curl_pid
  t1=$(date +%s.%N)
  echo "$(echo "$t1 - $t0" | bc) $(.venv/bin/python -c "import sys; from openpyxl import load_workbook; print(load_workbook(sys.argv[1], read_only=True).active.max_row - 1)" "$work/export.xlsx") $peak $(hwm)"
}
before=$(anon)
small=$(export_run "year=$year&group=websiteAdministration")
large=$(export_run "year=$year")

cpu=$(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ //')
{
  echo "## Documents (issue 5)"
  echo
  echo "Written by \`bench/documents.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores ($cpu), $(free -h | awk '/Mem:/ {print $2}')."
  echo
  echo "- Data: \`qlcb demo --agencies $AGENCIES --officers $OFFICERS --tickets-per-officer-year $TICKETS\`, ${loaded}; year $year has $year_rows tickets in submitted logs."
  echo "- PDFs through the API (release build, SQLite), \`wrk -t1 -c1 -d$DURATION --latency\`: the time includes loading the records and HTTP."
  echo "- Targets (issue 5): one Form 3 under 10 ms; the work log of an officer-year with 150 tickets under 300 ms; an XLSX of 200,000 tickets under 5 s with memory that does not grow with the row count."
  echo
  echo "| what | path | p50 | p99 | requests/s | non-2xx |"
  echo "|---|---|---|---|---|---|"
  cat "$rows"
  echo
  echo "The work log PDF has $pages pages."
  echo
  echo "| XLSX export (\`/phieu?format=xlsx\`, authority) | seconds | rows (read back with openpyxl) | server's own memory, peak during (RssAnon) | peak RSS with the mapped file (VmHWM) |"
  echo "|---|---|---|---|---|"
  echo "| before any export | | | $(( before / 1024 )) MiB | |"
  read -r s r m h <<< "$small"; echo "| year $year, one task group | $s | $r | $(( m / 1024 )) MiB | $(( h / 1024 )) MiB |"
  read -r s r m h <<< "$large"; echo "| year $year, every ticket | $s | $r | $(( m / 1024 )) MiB | $(( h / 1024 )) MiB |"
} > bench/results/documents.md
cat bench/results/documents.md
bench/combine.sh
