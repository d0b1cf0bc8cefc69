# Shared by the benchmark scripts: one wrk run → one Markdown row appended to $rows. One request
# first, not counted: a cache made on first use (the staffing report after a start) is timed apart
# (`first_request`), not folded into the steady state's p99.
# measure NAME PATH HEADER
measure() {
  local out p50 p99 rps non2xx
  settle
  curl -s -o /dev/null -H "$3" "$base$2"
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

# The registry lists bench/run.sh measures and bench/explain.sh explains, one per line:
# "what|path|page or api" (a page is read with the session cookie, the API with the bearer token).
registry_routes=(
  "agency list (page 1)|/co-quan|page"
  "agency list (page 200)|/co-quan?page=200|page"
  "agency search, no diacritics|/co-quan?q=truong+tieu+hoc+phu+cuong|page"
  "officer search, no diacritics|/can-bo?q=nguyen+van+hung|page"
  "officer list (page 100)|/can-bo?page=100|page"
  "staffing page (all agencies assessed)|/bien-che|page"
  "evaluation year list (50 officers a page)|/danh-gia/2025|page"
  "API agency search|/api/v1/agencies?q=tram+y+te&per=25|api"
  "API officer search|/api/v1/officers?q=tran+thi&per=25|api"
  "API staffing (page 1, 25 agencies)|/api/v1/staffing|api"
  "API staffing (page 200)|/api/v1/staffing?page=200&per=25|api"
  "API staffing search|/api/v1/staffing?q=truong+tieu+hoc|api"
  "submission overview (50 officers a page)|/nop-so|page"
  "training and meetings|/tap-huan|page"
  "efficiency of each agency (100 a page)|/danh-gia/2025/hieu-qua|page"
  "new officer form (its choice of agency)|/can-bo/moi|page"
  "evaluation year list, not yet graded|/danh-gia/2025?loc=chua|page"
  "results of an evaluation year (each list 50 a page)|/danh-gia/2025/ket-qua|page"
)

# The lists a district head reads (`thutruong2`, head of Ủy ban nhân dân thành phố Dĩ An, who sees
# every agency below it: 1,291 of the 10,000), measured by bench/run.sh after the authority's rows.
head_routes=(
  "head: agency list|/co-quan|page"
  "head: officer list|/can-bo|page"
  "head: officer search|/can-bo?q=nguyen+van|page"
  "head: agency search, none in reach|/co-quan?q=truong+tieu+hoc+phu+cuong|page"
  "head: ticket list|/phieu|page"
  "head: ticket list, one task group|/phieu?group=networkMaintenance|page"
  "head: dashboard|/|page"
  "head: staffing page|/bien-che|page"
  "head: evaluation year list|/danh-gia/2025|page"
  "head: API agencies|/api/v1/agencies?per=25|api"
  "head: API officers|/api/v1/officers?per=25|api"
  "head: API staffing|/api/v1/staffing|api"
  "head: API tickets|/api/v1/tickets?per=25|api"
  "head: submission overview|/nop-so|page"
  "head: efficiency of their agencies|/danh-gia/2025/hieu-qua|page"
  "head: new officer form|/can-bo/moi|page"
  "head: tickets waiting for confirmation|/phieu?status=done|page"
)

# sign_in [username]: a signed-in session for the pages ($cookie) and a bearer token for the API
# ($token), both as that demo account (default: provincial authority staff, who sees everything).
# Needs $base, $work and $BIN.
sign_in() {
  local jar="$work/cookies" csrf user="${1:-sotttt}"
  rm -f "$jar"
  csrf=$(curl -s -c "$jar" "$base/dang-nhap" | grep -o 'name="_csrf" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
  curl -s -b "$jar" -c "$jar" -o /dev/null -d "_csrf=$csrf&username=$user&password=qlcb-demo&next=/" "$base/dang-nhap"
  cookie=$(awk '$6 == "qlcb_session" {print "qlcb_session=" $7}' "$jar")
  token=$($BIN token create --user "$user" --name bench | tail -n 1)
}

# route_header page|api: the header that signs a request of that kind in.
route_header() { if [ "$1" = api ]; then echo "Authorization: Bearer $token"; else echo "Cookie: $cookie"; fi; }

# PostgreSQL (DB=postgres): a throw-away cluster on 127.0.0.1:$PGTEST_PORT (default 55481), made
# and started as scripts/with-postgres.sh makes the tests' one (same initdb, same server settings:
# fsync, synchronous commit and full-page writes off), with its data directory $pgdata = $REUSE (a
# directory kept by an earlier run with KEEP=1) or $work/pgdata, its log in $work/postgres.log and
# its socket in $work.
# pg_start [server option…]: initdb and CREATE DATABASE qlcb unless $pgdata holds a cluster already,
# then start it with the extra options (e.g. "-c shared_preload_libraries=auto_explain"). Exports
# DATABASE_URL and QLCB_AUDIT_KEY_FILE: the audit key lives next to the data directory, as SQLite's
# audit.key lives next to its file, so a kept cluster is reused with the key that sealed its chain
# (the server's default would be data/audit.key of the working copy).
pg_start() {
  pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -x "$pgbin/initdb" ] || { echo "PostgreSQL not found (initdb): apt-get install postgresql"; exit 1; }
  pgport=${PGTEST_PORT:-55481}
  pgdata="${REUSE:-$work/pgdata}"
  [ "$(id -u)" -ne 0 ] || chown postgres "$work"
  local fresh=""
  if [ ! -f "$pgdata/PG_VERSION" ]; then
    as_pg "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fresh=1
  fi
  as_pg "$pgbin/pg_ctl" -D "$pgdata" -l "$work/postgres.log" -w \
    -o "-h 127.0.0.1 -p $pgport -k $work -c max_connections=600 -c fsync=off -c synchronous_commit=off -c full_page_writes=off $*" start >/dev/null
  [ -z "$fresh" ] || pg_sql postgres "CREATE DATABASE qlcb"
  export DATABASE_URL="postgres://postgres@127.0.0.1:$pgport/qlcb"
  export QLCB_AUDIT_KEY_FILE="$(dirname "$pgdata")/audit.key"
  [ -f "$QLCB_AUDIT_KEY_FILE" ] || (umask 077; openssl rand -hex 32 > "$QLCB_AUDIT_KEY_FILE")
}

# pg_stop: stops the cluster if pg_start started it (the data directory stays; $work goes unless KEEP).
pg_stop() { [ -z "${pgdata:-}" ] || as_pg "$pgbin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null 2>&1 || true; }

# pg_sql DATABASE SQL: one statement through psql, its rows unaligned (e.g. SELECT version()).
pg_sql() { "$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -d "$1" -X -q -A -t -v ON_ERROR_STOP=1 -c "$2"; }

as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# first_request PATH HEADER: seconds the first request took (a fresh server: caches empty).
first_request() { curl -s -o /dev/null -w '%{time_total}' -H "$2" "$base$1"; }

# staffing_warmed: seconds from the server's start until it had computed this year's staffing report
# (ADR 0016, forty-third part: `qlcb serve` computes it as it starts), watched on /metrics; at most 60 s.
staffing_warmed() {
  for _ in $(seq 1200); do
    if curl -s "$base/metrics" | grep -q '^qlcb_staffing_computations_total{kind="whole"} [1-9]'; then
      awk -v now="$(date +%s.%N)" -v then="$started_at" 'BEGIN { printf "%.2f", now - then }'; return 0
    fi
    sleep 0.05
  done
  echo "not within 60"
}

# serve: the release server on 127.0.0.1:$PORT, its log in $work/serve.log, waited for until it
# answers; sets server (its pid) and base.
serve() {
  started_at=$(date +%s.%N)
  $BIN serve --hostname 127.0.0.1 --port "$PORT" > "$work/serve.log" 2>&1 &
  server=$!
  base="http://127.0.0.1:$PORT"
  for _ in $(seq 100); do curl -sf "$base/healthz" >/dev/null && break; sleep 0.1; done
}

# settle: waits until the server is idle (under 2 ticks of CPU in 0.2 s, at most 10 s). wrk stops
# with a request in flight on each connection, and the server finishes those after their client has
# gone: measured at once, the next route's first requests waited behind them, up to 0.8 s at 64
# connections — the 99th percentile of a slow list (8,000 requests in 10 s) was that wait.
settle() {
  local before after
  for _ in $(seq 50); do
    before=$(awk '{print $14 + $15}' "/proc/$server/stat")
    sleep 0.2
    after=$(awk '{print $14 + $15}' "/proc/$server/stat")
    [ $((after - before)) -ge 2 ] || return 0
  done
}

# median VALUE…: the middle value (the lower middle of an even count).
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR] = $0} END {print v[int((NR + 1) / 2)]}'; }

# writer_start RATE: the demo's IT officer (canbo) records tickets through the API, RATE a second
# (`curl --rate`, one process), until writer_stop. Each ticket appends its audit entry and moves the
# audit head, so every page kept at the head is read again after it (ADR 0020): the lists measured
# while the province writes. The answers' status codes go to $work/writes, one a line.
writer_start() {
  local wtoken
  wtoken=$($BIN token create --user canbo --name bench-writer | tail -n 1)
  curl -s --rate "$1/s" -o /dev/null -w '%{stderr}%{http_code}\n' -H "Authorization: Bearer $wtoken" \
    -H 'Content-Type: application/json' "$base/api/v1/tickets?n=[1-10000000]" \
    -d '{"taskGroup":"equipmentMaintenance","details":"Bảo trì máy trạm phòng một cửa","requesterUnit":"Văn phòng",
         "requesterName":"Nguyễn Văn An","requestedOn":"2026-11-27","workKind":"maintenance"}' 2> "$work/writes" &
  writer=$!
}

# writer_stop: stops the writer; sets written to "N written, M refused" (refused: not a 201).
writer_stop() {
  [ -n "${writer:-}" ] || return 0
  kill "$writer" 2>/dev/null || true; wait "$writer" 2>/dev/null || true; writer=""
  written="$(grep -c '^201$' "$work/writes" || true) written, $(grep -vc '^201$' "$work/writes" || true) refused"
}

# stop_all: for `trap stop_all EXIT`: the server if started, the cluster if started, then $work
# removed (kept with KEEP=1).
stop_all() {
  writer_stop
  [ -z "${server:-}" ] || { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; }
  pg_stop
  if [ -n "${KEEP:-}" ]; then echo "==> kept $work"; else rm -rf "$work"; fi
}
