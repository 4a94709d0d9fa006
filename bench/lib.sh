# Shell functions shared by the bench scripts (sourced, not run). They use $work (a private temporary folder),
# $PASSWORD, $THREADS, $CONNECTIONS and $DURATION of the script that sources them.
PGBIN="${PGBIN:-/usr/lib/postgresql/15/bin}"

fail() { echo "$(basename "$0"): $*" >&2; exit 1; }

# start_postgres <port>: initdb + pg_ctl as the postgres user (needs root) in a folder under /tmp; sets $pgdir and
# $conn; $PG_OPTIONS (e.g. "-c shared_preload_libraries=…") is added to the server's options. stop_postgres (from the
# script's EXIT trap) stops it and deletes the folder.
start_postgres() {
  local port="$1"
  [ "$(id -u)" = 0 ] || fail "a private PostgreSQL is started with runuser: run as root"
  [ -x "$PGBIN/initdb" ] || fail "PostgreSQL 15 binaries not found in $PGBIN"
  pgdir="$(mktemp -d /tmp/egi-pg.XXXXXX)"
  chown postgres: "$pgdir"
  runuser -u postgres -- "$PGBIN/initdb" -D "$pgdir/data" -U postgres -A trust -E UTF8 >/dev/null
  runuser -u postgres -- "$PGBIN/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w \
    -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c max_connections=300 ${PG_OPTIONS:-}" start >/dev/null
  conn="Host=127.0.0.1;Port=$port;Database=egi;Username=postgres"
}
stop_postgres() {
  if [ -n "${pgdir:-}" ]; then
    # PG_LOG=<file> keeps the server's log (e.g. with PG_OPTIONS="-c log_min_duration_statement=100").
    [ -z "${PG_LOG:-}" ] || cp "$pgdir/log" "$PG_LOG" 2>/dev/null || true
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$pgdir"
  fi
}

# pg_cpu_ms: CPU time (user + system, in ms) the private PostgreSQL has used so far: the postmaster with the children it
# has reaped, and its live children (the backends of the pooled connections).
pg_cpu_ms() {
  local pm
  pm=$(head -1 "$pgdir/data/postmaster.pid")
  {
    awk '{print $14 + $15 + $16 + $17}' "/proc/$pm/stat"
    for c in $(pgrep -P "$pm"); do awk '{print $14 + $15}' "/proc/$c/stat" 2>/dev/null || true; done
  } | awk -v hz="$(getconf CLK_TCK)" '{ s += $1 } END { printf "%.0f", s * 1000 / hz }'
}

# proc_cpu_ms <pid>: CPU time (user + system, in ms) that one process (the application) has used so far.
proc_cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.0f", ($14 + $15) * 1000 / hz }' "/proc/$1/stat"; }

# The runtime's background JIT (tiered compilation: the thread ".NET Tiered Compilation Worker", whose name the kernel
# cuts to 15 characters) in process $1: one line per such thread, its id and CPU in ms. The runtime ends that thread
# when it has nothing to compile and starts a new one later, so compare two readings with jit_spent.
jit_threads() {
  local t hz; hz=$(getconf CLK_TCK)
  for t in /proc/"$1"/task/*; do
    [ "$(cat "$t/comm" 2>/dev/null)" = ".NET Tiered Com" ] || continue
    awk -v id="${t##*/}" -v hz="$hz" '{ s = substr($0, index($0, ") ") + 2); split(s, f, " "); printf "%s %.0f\n", id, (f[12] + f[13]) * 1000 / hz }' "$t/stat"
  done
}

# jit_spent <jit_threads before> <jit_threads after>: the JIT's CPU (ms) in between — what each thread alive at the
# end spent since the first reading (all of it for a thread started since); a thread that ended in between was idle.
jit_spent() {
  awk 'NR == FNR { if (NF == 2) before[$1] = $2; next } NF == 2 { d += $2 - (($1 in before) ? before[$1] : 0) } END { print d + 0 }' \
    <(printf '%s\n' "$1") <(printf '%s\n' "$2")
}

# warm_up_until_jit_idle <pid> <first> <slice> <most> <idle ms> <wrk arguments but -d…>: serves the page with wrk for
# <first>, then in slices of <slice> until the runtime's background JIT spent at most <idle ms> of CPU in a slice, or
# <most> in all (durations as wrk takes them: 5s, 1m). Prints the seconds it took, with «+» when the JIT was still
# busy at <most>, and the JIT's milliseconds in the last slice.
warm_up_until_jit_idle() {
  local pid="$1" first="$2" slice="$3" most="$4" idle="$5" before after waited spent
  shift 5
  before=$(jit_threads "$pid")
  wrk -d"$first" "$@" > /dev/null
  waited=$(seconds_of "$first")
  while :; do
    after=$(jit_threads "$pid")
    spent=$(jit_spent "$before" "$after")
    if [ "$spent" -le "$idle" ]; then echo "$waited $spent"; return; fi
    if [ "$waited" -ge "$(seconds_of "$most")" ]; then echo "$waited+ $spent"; return; fi
    before="$after"
    wrk -d"$slice" "$@" > /dev/null
    waited=$(( waited + $(seconds_of "$slice") ))
  done
}

# wrk durations in seconds ("10s", "1m", "0" → 10, 60, 0).
seconds_of() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /m$/) n *= 60; else if (v ~ /h$/) n *= 3600; print int(n) }'; }

# per_request <CPU ms before> <CPU ms after> <requests>: CPU ms per request, "-" when nothing completed.
per_request() { awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { if (n > 0) printf "%.2f", (b - a) / n; else print "-" }'; }

# Bytes the application allocates per request (dotnet-counters' allocation rate, one sample a second): unlike CPU time,
# it does not move with other work on the machine, so it tells whether a change made a page lighter. alloc_watch
# <pid> <seconds> starts it in the background beside a wrk run of that length; alloc_kb_per_request <req/s> then prints
# the median rate over the requests per second, in KB, or "-" without dotnet-counters (dotnet tool install -g dotnet-counters).
COUNTERS="$(command -v dotnet-counters || echo "$HOME/.dotnet/tools/dotnet-counters")"
alloc_watch() {
  rm -f "$work/alloc.csv"
  alloc_pid=""
  [ -x "$COUNTERS" ] || return 0
  "$COUNTERS" collect -p "$1" --counters 'System.Runtime[dotnet.gc.heap.total_allocated]' --refresh-interval 1 \
    --duration "00:00:00:$(printf '%02d' "$2")" --format csv -o "$work/alloc.csv" > /dev/null 2>&1 &
  alloc_pid=$!
}
alloc_kb_per_request() {
  # (called inside $(…), where wait cannot reach the background job: poll it)
  while [ -n "${alloc_pid:-}" ] && kill -0 "$alloc_pid" 2>/dev/null; do sleep 0.2; done
  [ -s "$work/alloc.csv" ] || { echo "-"; return 0; }
  awk -F, -v rps="$1" '/total_allocated/ { v[n++] = $NF }
    END { if (n == 0 || rps + 0 == 0) { print "-"; exit }
          for (i = 0; i < n; i++) for (j = i + 1; j < n; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
          printf "%.0f", v[int(n / 2)] / rps / 1024 }' "$work/alloc.csv"
}

# launch_app <data folder> [more arguments]: the application published in $work/app (or $APP_DIR), in Production on $BASE, with the
# bench's settings (no demo data, no banner, logging Warning, mail worker and scheduler off, sign-in limits raised for
# the many sign-ins from one address: README «Seguridad»); sets $app_pid and returns at once. start_app does the same
# and waits for /health. stop_app (from the script's EXIT trap) stops it.
launch_app() {
  local data="$1"
  shift
  ASPNETCORE_ENVIRONMENT=Production dotnet "${APP_DIR:-$work/app}/Egi.Web.dll" --urls "$BASE" --Egi:DataFolder="$data" \
    --Egi:SeedDemo=false --Egi:StartupBanner=false --Mail:BaseUrl="$BASE" --RateLimits:SignIn:PerIp:PermitLimit=100000 \
    --RateLimits:SignIn:PerAccount:PermitLimit=100000 --Logging:LogLevel:Default=Warning --Mail:WorkerEnabled=false \
    --Scheduler:Enabled=false "$@" > "$work/app.log" 2>&1 &
  app_pid=$!
}
start_app() {
  launch_app "$@"
  wait_healthy "$BASE" "$work/app.log"
}
stop_app() {
  { [ -z "${app_pid:-}" ] || kill "$app_pid"; } 2>/dev/null || true
  { [ -z "${app_pid:-}" ] || wait "$app_pid"; } 2>/dev/null || true
}

# wait_healthy <base url> <log file>: up to two minutes for /health.
wait_healthy() {
  for _ in $(seq 1 240); do curl -fs "$1/health" >/dev/null 2>&1 && return 0; sleep 0.5; done
  cat "$2" >&2
  fail "the application at $1 did not start"
}

# Signs in through the real form (antiforgery token + cookie jar) at <base url>; prints the Cookie header of the session.
token_of() { sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1; }
sign_in() { # base email
  local base="$1" email="$2" jar token
  mkdir -p "$work/jars"
  jar="$work/jars/$email"
  token=$(curl -s -c "$jar" "$base/Account/Login" | token_of)
  curl -s -b "$jar" -c "$jar" -o /dev/null "$base/Account/Login" \
    --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=$PASSWORD" --data-urlencode "__RequestVerificationToken=$token"
  grep -q 'egi\.auth' "$jar" || fail "sign-in of $email at $base failed (no egi.auth cookie)"
  sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF>=7 {printf "%s=%s; ", $6, $7}'
}

# http_code <base url> <path> <cookie>
http_code() { curl -s -o /dev/null -m 300 -w "%{http_code}" -H "Cookie: $3" "$1$2"; }

# A wrk Lua script of GETs rotating over "cookie<TAB>path" lines (stdin), each thread from its own entry.
lua_get() {
  {
    echo "local entries = {"
    while IFS=$'\t' read -r cookie path; do printf '  {c="%s", p="%s"},\n' "$cookie" "$path"; done
    cat <<LUA
}
local count = 0
function setup(thread) count = count + 1; thread:set("tid", count) end
function init(args) i = tid - 1 end
function request()
  local e = entries[(i % #entries) + 1]
  i = i + $THREADS
  return wrk.format("GET", e.p, {["Cookie"] = e.c})
end
LUA
  } > "$1"
}

to_ms() { # wrk latency (e.g. 812.33us, 1.20ms, 3.41s, 1.02m) → milliseconds; "-" when nothing completed
  awk -v v="$1" 'BEGIN { if (v == "") { print "-"; exit } n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000; printf "%.1f", n }'
}

# wrk_row <label> <url> [lua file]: runs wrk and appends "label, req/s, p50, p99, errors" (tab-separated) to $results,
# and with a private PostgreSQL ($pgdir) its CPU: ms per request and cores busy on average.
wrk_row() {
  local label="$1" url="$2" lua="${3:-}" out rps p50 p99 errors cpu0 cpu1 requests seconds db_ms="-" db_cores="-"
  echo "-- $label"
  [ -n "${pgdir:-}" ] && cpu0=$(pg_cpu_ms)
  if [ -n "$lua" ]; then out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 120s --latency -s "$lua" "$url")
  else out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 120s --latency "$url"); fi
  echo "$out" | grep -E "Requests/sec|requests in|Non-2xx|Socket errors" | sed 's/^/   /'
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(to_ms "$(echo "$out" | awk '$1=="50%" {print $2}')")
  p99=$(to_ms "$(echo "$out" | awk '$1=="99%" {print $2}')")
  errors=$(echo "$out" | awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}')
  if awk -v r="$rps" 'BEGIN { exit !(r + 0 == 0) }'; then p50="-"; p99="-"; errors="$errors (no request completed within $DURATION)"; fi
  if [ -n "${pgdir:-}" ]; then
    cpu1=$(pg_cpu_ms)
    requests=$(echo "$out" | awk '/requests in/ {print $1}')
    seconds=$(echo "$out" | awk '/requests in/ {gsub(/s,/, "", $4); print $4}')
    db_ms=$(per_request "$cpu0" "$cpu1" "$requests")
    db_cores=$(awk -v a="$cpu0" -v b="$cpu1" -v t="$seconds" 'BEGIN { if (t > 0) printf "%.2f", (b - a) / 1000 / t; else print "-" }')
    echo "   PostgreSQL CPU: $db_ms ms per request, $db_cores cores busy"
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$rps" "$p50" "$p99" "$errors" "$db_ms" "$db_cores" >> "$results"
}

# prepare_entity: the generated entity the page measurements run on (PROVIDER, SERVANTS, SEED, DATA, PGPORT, $work).
# PostgreSQL: a private server on PGPORT (start_postgres) with SERVANTS generated into it. SQLite: DATA, generated
# into once and reused afterwards. Sets $data (the entity's folder: accounts.tsv) and $app_args (the provider's settings).
prepare_entity() {
  dotnet build bench/Egi.Generator -c Release -v q -nologo > /dev/null
  local generator=bench/Egi.Generator/bin/Release/net10.0/Egi.Generator.dll
  app_args=()
  if [ "$PROVIDER" = Postgres ]; then
    start_postgres "$PGPORT"
    data="$work/data"
    echo "== Generating $SERVANTS servants into PostgreSQL"
    dotnet "$generator" --servants "$SERVANTS" --seed "$SEED" --reset --provider Postgres --connection "$conn" --out "$data" > /dev/null
    app_args=(--Database:Provider=Postgres "--ConnectionStrings:Postgres=$conn")
  else
    data="${DATA:-$work/data}"
    if [ ! -f "$data/egi.db" ]; then
      echo "== Generating $SERVANTS servants into $data"
      dotnet "$generator" --servants "$SERVANTS" --seed "$SEED" --reset --provider Sqlite --out "$data" > /dev/null
    fi
  fi
}
