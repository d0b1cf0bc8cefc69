#!/usr/bin/env bash
# PostgreSQL at 10x (issue 14): 200,000 officers and about 19 M tickets on a throw-away cluster (as
# bench/run.sh makes it), then Form 2 of every officer, the year-end run and the registry lists.
#
# The demo makes the province (AGENCIES, OFFICERS, TICKETS per officer-year) and its grades get ten
# years as bench/yearend.sh gives them; then SQL copies it: each officer SCALE times in the same
# agency with their tickets, work logs, grades, events, initiatives and counters (the copy k of an
# id is md5(id || ':' || k), so an officer's rows follow them), and each ticket TICKET_COPIES times
# within its officer's year (numbers offset by 10,000). The copied names are the same names: the
# searches find ten times as many. Secondary indexes of the tickets are dropped during the copy and
# made again after it; VACUUM ANALYZE last.
# KEEP=1 keeps the cluster (printed); REUSE=/tmp/qlcb-scale.*/pgdata measures it again;
# LIST_CONNECTIONS (default "8 64", empty for none) are the bench/run.sh runs of the lists.
set -euo pipefail
cd "$(dirname "$0")/.."
AGENCIES=${AGENCIES:-10000}
OFFICERS=${OFFICERS:-20000}
TICKETS=${TICKETS:-3}
SCALE=${SCALE:-10}
TICKET_COPIES=${TICKET_COPIES:-10}
YEAR=2026
work=$(mktemp -d /tmp/qlcb-scale.XXXXXX)
. bench/lib.sh
cleanup() {
  pg_stop
  if [ -n "${KEEP:-}" ]; then echo "==> kept $work (REUSE=${pgdata:-})"; else rm -rf "$work"; fi
}
trap cleanup EXIT
export LOG_LEVEL=error QLCB_CLOCK=2026-11-29T12:00:00+07:00
pg_start
load_demo
psql_file() { "$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -d qlcb -X -q -v ON_ERROR_STOP=1 "$@"; }

if [ -z "${REUSE:-}" ]; then
  start=$(date +%s)
  psql_file -v scale="$SCALE" -v copies="$TICKET_COPIES" -o /dev/null <<'SQL'
-- Ten years of grades, as bench/yearend.sh gives them on SQLite.
INSERT INTO grades (id, officer_id, year, grade, reason, comment, entered_by, updated_at, criteria_notes)
SELECT md5(o.id::text || ':grade:' || y)::uuid, o.id, y,
       (ARRAY['D','C','C','C','A','A','B','B','B','B','B','B','B','B','B','B','B','B','B','B'])[1 + floor(random() * 20)::int],
       'evaluated', '', 'bench', NULL, ''
FROM officers o, generate_series(2017, 2023) y;

-- Every column of a table, with its id and officer_id replaced by their copy k.
CREATE FUNCTION pg_temp.copy_officer_rows(tbl text, copies int) RETURNS void AS $$
DECLARE cols text; picked text;
BEGIN
  SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position),
         string_agg(CASE column_name WHEN 'id' THEN 'md5(id::text || '':'' || k)::uuid'
                                     WHEN 'officer_id' THEN 'md5(officer_id::text || '':'' || k)::uuid'
                                     ELSE quote_ident(column_name) END, ', ' ORDER BY ordinal_position)
    INTO cols, picked FROM information_schema.columns WHERE table_schema = 'public' AND table_name = tbl;
  EXECUTE format('INSERT INTO %I (%s) SELECT %s FROM %I, generate_series(1, %s) k', tbl, cols, picked, tbl, copies - 1);
END $$ LANGUAGE plpgsql;

SELECT set_config('bench.copies', :'copies', false);

-- The tickets' secondary indexes are made again after the copy (faster than kept up row by row).
CREATE TEMP TABLE dropped AS SELECT indexname, indexdef FROM pg_indexes
  WHERE schemaname = 'public' AND tablename = 'work_tickets'
    AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = 'work_tickets'::regclass);
DO $$ DECLARE i record; BEGIN FOR i IN SELECT indexname FROM dropped LOOP EXECUTE format('DROP INDEX %I', i.indexname); END LOOP; END $$;

SELECT pg_temp.copy_officer_rows(t, :scale)
FROM unnest(ARRAY['officers', 'work_tickets', 'work_logs', 'grades', 'officer_events', 'initiatives', 'ticket_counters']) t;

DO $$
DECLARE cols text; picked text;
BEGIN
  SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position),
         string_agg(CASE column_name WHEN 'id' THEN 'md5(id::text || ''#'' || j)::uuid'
                                     WHEN 'number' THEN 'number + 10000 * j'
                                     ELSE quote_ident(column_name) END, ', ' ORDER BY ordinal_position)
    INTO cols, picked FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'work_tickets';
  EXECUTE format('INSERT INTO work_tickets (%s) SELECT %s FROM work_tickets, generate_series(1, %s) j',
                 cols, picked, current_setting('bench.copies')::int - 1);
END $$;
UPDATE ticket_counters c SET last_number = m.n
FROM (SELECT officer_id, year, max(number) AS n FROM work_tickets GROUP BY officer_id, year) m
WHERE m.officer_id = c.officer_id AND m.year = c.year;

DO $$ DECLARE i record; BEGIN FOR i IN SELECT indexdef FROM dropped LOOP EXECUTE i.indexdef; END LOOP; END $$;
SQL
  pg_sql qlcb "VACUUM ANALYZE"
  scaled_s=$(( $(date +%s) - start ))
fi
counts=$(pg_sql qlcb "SELECT (SELECT count(*) FROM officers) || ' officers, ' || (SELECT count(*) FROM work_tickets) || ' tickets (' || (SELECT count(*) FROM work_tickets WHERE year = $YEAR) || ' in $YEAR), ' || (SELECT count(*) FROM grades) || ' grades'")
size=$(pg_sql qlcb "SELECT pg_size_pretty(pg_database_size('qlcb'))")
echo "==> $counts; $size"

# Form 2 of every officer: the command's own timing, three runs, next to the same GROUP BY in psql.
form2=(); psql_ms=()
sql="SELECT officer_id, task_group, SUM(CASE WHEN status IN ('requested','inProgress') THEN 1 ELSE 0 END), COUNT(*) FROM work_tickets WHERE year = $YEAR AND officer_id IS NOT NULL GROUP BY officer_id, task_group"
for _ in 1 2 3; do
  form2+=("$($BIN work-log-summary --year $YEAR | sed -E 's/.* ([0-9.]+) giây.*/\1/')")
  psql_ms+=("$(printf '\\timing on\n%s;\n' "$sql" | psql_file -o /dev/null | sed -nE 's/^Time: ([0-9.]+) ms.*/\1/p')")
done
median() { printf '%s\n' "$@" | sort -n | sed -n 2p; }

# The year-end run: two dry runs, then the real one that writes the automatic D with their audit entries.
yearend() {
  local t0 t1 out
  t0=$(date +%s.%N); out=$($BIN evaluate --year $YEAR "$@"); t1=$(date +%s.%N)
  echo "$(echo "$out" | sed -nE 's/.*Thời gian chạy: ([0-9.]+) giây.*/\1/p')|$(printf '%.2f' "$(echo "$t1 - $t0" | bc)")|$(echo "$out" | grep -E 'D tự động|16.3.b|khen thưởng' | sed -E 's/^ +//' | paste -sd ';' -)"
}
# On a kept cluster an earlier real run may have written this year's automatic D already.
written=$(pg_sql qlcb "SELECT COUNT(*) FROM grades WHERE year = $YEAR AND reason = 'workLogNotSubmitted'")
dry1=$(yearend --dry-run); dry2=$(yearend --dry-run); real=$(yearend)

cpu=$(awk -F: '/model name/ {print $2; exit}' /proc/cpuinfo | sed 's/^ //')
pg_version=$(pg_sql qlcb "SELECT version()")
{
  echo "## PostgreSQL at 10x (issue 14)"
  echo
  echo "Written by \`bench/scale-pg.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores ($cpu), $(free -h | awk '/Mem:/ {print $2}'); $pg_version, a throw-away cluster as the tests use."
  echo
  echo "- Data: \`qlcb demo --agencies $AGENCIES --officers $OFFICERS --tickets-per-officer-year $TICKETS\` (${loaded}), grades over ten years, then every officer copied ${SCALE}x with their rows and every ticket ${TICKET_COPIES}x within its officer's year, in SQL${scaled_s:+ (${scaled_s} s with the indexes and VACUUM ANALYZE)}: $counts; $size on disk."
  [ "$written" -eq 0 ] || echo "- Measured again on a kept cluster: an earlier real run wrote $written automatic D of $YEAR, so the real run below writes none (it reads, decides and finds them written)."
  echo "- Target (issue 14): Form 2 of every officer and the year-end run under 10 s at this size."
  echo
  echo "| Form 2 of every officer, year $YEAR | median | runs |"
  echo "|---|---|---|"
  echo "| \`qlcb work-log-summary --year $YEAR\` (in process) | $(median "${form2[@]}") s | ${form2[*]} |"
  echo "| the same GROUP BY in \`psql\` (server time) | $(median "${psql_ms[@]}") ms | ${psql_ms[*]} |"
  echo
  echo "| \`qlcb evaluate --year $YEAR\` | in process (s) | whole command (s) | report |"
  echo "|---|---|---|---|"
  for r in "dry run (first)|$dry1" "dry run (again)|$dry2" "real run (writes the automatic D)|$real"; do
    IFS='|' read -r what inproc wall summary <<< "$r"; echo "| $what | $inproc | $wall | $summary |"
  done
} > bench/results/scale-pg.md
cat bench/results/scale-pg.md

# The registry lists at this size, by bench/run.sh on the same cluster.
pg_stop
for c in ${LIST_CONNECTIONS-8 64}; do
  KEEP= DB=postgres REUSE="$pgdata" LABEL=x10 CONNECTIONS=$c SKIP_BUILD=1 AGENCIES=$AGENCIES OFFICERS=$OFFICERS \
    DATA="the cluster bench/scale-pg.sh made" bash bench/run.sh
done
bench/combine.sh
