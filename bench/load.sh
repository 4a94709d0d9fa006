#!/usr/bin/env bash
# Load measurements with wrk against the real application (Release build) on a generated entity of $SERVANTS servants
# (bench/Egi.Generator), signed in as many different users of each role.
#   bench/load.sh                                  # SQLite, 5 000 servants, 10 s per page, 2 threads, 32 connections
#   DURATION=30s SERVANTS=2000 bench/load.sh
#   PROVIDER=Postgres bench/load.sh                # a private PostgreSQL 15 (run as root), torn down at the end
#   WRITES=0 bench/load.sh                         # reads only (READS=0: /health and the writes only)
#   CONSOLIDATION=0 bench/load.sh                  # without Talento Humano's pages, the forms and the plans' pages
#                                                  # (the evaluado's and the jefe's pages, and the floor)
#   DATA=/tmp/big50k SERVANTS=50000 bench/load.sh   # SQLite: generate into DATA once, reuse it on later runs
#                                                  # (the write mix changes it: use WRITES=0 to keep it as generated)
# WARMUP (5s): each page is first served that long unmeasured (0: none), then in slices of WARMUP_SLICE (2s) until the
# runtime's background JIT used at most JIT_IDLE_MS (40) ms of CPU in a slice, or WARMUP_MAX (40s) in all.
# Other settings: CONNECTIONS, THREADS, SEED, PORT, PGPORT, EVALUADOS (16), JEFES (16), TALENTO (4); CONN_EXTRA
# (PostgreSQL): appended to the application's connection string, e.g. CONN_EXTRA='Max Auto Prepare=0'; TAG: a suffix
# of the results file's name (bench/results/<date>-<provider>-<TAG>.md), so that a comparison keeps both runs.
# Needs: the .NET SDK, wrk (installed with apt-get when missing and running as root), curl; dotnet-counters for the
# allocated column (dotnet tool install -g dotnet-counters; "-" without it).
# Prints a table (page, req/s, p50, p99, ratio to /health, the application's CPU per request and, on PostgreSQL, the
# database server's) and writes it to bench/results/<date>-<provider>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-5s}"
WARMUP_SLICE="${WARMUP_SLICE:-2s}"
WARMUP_MAX="${WARMUP_MAX:-40s}"
JIT_IDLE_MS="${JIT_IDLE_MS:-40}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
SERVANTS="${SERVANTS:-5000}"
SEED="${SEED:-2026}"
PROVIDER="${PROVIDER:-Sqlite}"
PORT="${PORT:-5299}"
PGPORT="${PGPORT:-55432}"
EVALUADOS="${EVALUADOS:-16}"
JEFES="${JEFES:-16}"
TALENTO="${TALENTO:-4}"
WRITES="${WRITES:-1}"
READS="${READS:-1}"
CONSOLIDATION="${CONSOLIDATION:-1}"
PASSWORD="Egi.Bench2026"
BASE="http://127.0.0.1:$PORT"
work="$(mktemp -d /tmp/egi-bench.XXXXXX)"
pgdir=""

# shellcheck source=bench/lib.sh
source bench/lib.sh

cleanup() { stop_app; stop_postgres; rm -rf "$work"; }
trap cleanup EXIT

if ! command -v wrk >/dev/null; then
  [ "$(id -u)" = 0 ] || fail "wrk is missing: apt-get install wrk"
  apt-get install -y wrk >/dev/null 2>&1 || fail "wrk is missing and apt-get install wrk failed"
fi

echo "== Building (Release, the production profile: bench/publish.sh)"
dotnet build bench/Egi.Generator -c Release -v q -nologo >/dev/null
bench/publish.sh "$work/app"

app_args=()
case "$PROVIDER" in
  Sqlite|sqlite|SQLite)
    PROVIDER=Sqlite
    data="${DATA:-$work/data}"
    gen_args=(--provider Sqlite --out "$data")
    ;;
  Postgres|postgres|PostgreSQL)
    PROVIDER=Postgres
    [ -z "${DATA:-}" ] || fail "DATA (reusing a generated entity) is for SQLite only"
    echo "== Starting a private PostgreSQL 15 on port $PGPORT"
    start_postgres "$PGPORT"
    data="$work/data"
    gen_args=(--provider Postgres --connection "$conn" --out "$data")
    app_args=(--Database:Provider=Postgres "--ConnectionStrings:Postgres=$conn${CONN_EXTRA:+;$CONN_EXTRA}")
    ;;
  *) fail "PROVIDER must be Sqlite or Postgres" ;;
esac

gen_start=$(date +%s%N)
if [ -n "${DATA:-}" ] && [ -f "$data/egi.db" ] && [ -f "$data/accounts.tsv" ]; then
  echo "== Reusing the entity generated in $data"
  gen_seconds="(reused from $data)"
else
echo "== Generating $SERVANTS servants (seed $SEED, $PROVIDER)"
gen_start=$(date +%s%N)
dotnet bench/Egi.Generator/bin/Release/net10.0/Egi.Generator.dll --servants "$SERVANTS" --seed "$SEED" --reset "${gen_args[@]}" \
  | grep -vE '^    [^ ]+@' | sed 's/^/   /'
gen_seconds=$(awk -v a="$gen_start" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
fi
accounts="$data/accounts.tsv"

echo "== Starting the application (Release, Production)"
# The bench signs in 36 people from this one address within a minute, and signs each role in again before each of its
# pages (some people hold two roles): start_app (bench/lib.sh) raises the per-IP and per-account sign-in limits.
start_app "$data" "${app_args[@]}"
# role → lines "email<TAB>evaluation id" from accounts.tsv, at most $2 of them.
accounts_of() { awk -F'\t' -v r="$1" -v n="$2" '$1==r && c<n {print $2 "\t" $3; c++}' "$accounts"; }

echo "== Signing in $EVALUADOS evaluados, $JEFES jefes, $TALENTO of Talento Humano"
declare -a ev_cookie ev_eval jefe_cookie th_cookie form_cookie form_eval approver_cookie approver_eval
# sign_in_role ev|jefe|th|form|approver: (again) signs in that role's users, so their sessions are fresh. form: evaluados
# formulating their goals (their form); approver: jefes with goals to approve (the approval form of each).
sign_in_role() {
  case "$1" in
    ev) ev_cookie=(); ev_eval=()
        while IFS=$'\t' read -r email id; do ev_cookie+=("$(sign_in "$BASE" "$email")"); ev_eval+=("$id"); done < <(accounts_of evaluado "$EVALUADOS") ;;
    form) form_cookie=(); form_eval=()
        while IFS=$'\t' read -r email id; do form_cookie+=("$(sign_in "$BASE" "$email")"); form_eval+=("$id"); done < <(accounts_of evaluado_submit "$EVALUADOS") ;;
    approver) approver_cookie=(); approver_eval=()
        while IFS=$'\t' read -r email id; do approver_cookie+=("$(sign_in "$BASE" "$email")"); approver_eval+=("$id"); done < <(accounts_of jefe_approve "$JEFES") ;;
    jefe) jefe_cookie=()
        while IFS=$'\t' read -r email _; do jefe_cookie+=("$(sign_in "$BASE" "$email")"); done < <(accounts_of jefe "$JEFES") ;;
    th) th_cookie=()
        while IFS=$'\t' read -r email _; do th_cookie+=("$(sign_in "$BASE" "$email")"); done < <(accounts_of talento_humano "$TALENTO") ;;
  esac
}
sign_in_role ev; sign_in_role jefe; sign_in_role th
# Sessions kept aside for the rows «Session checked» (after the pages below): past a minute, each request checks them.
due_signed_in=$(date +%s); due_cookie=()
while IFS=$'\t' read -r email _; do due_cookie+=("$(sign_in "$BASE" "$email")"); done < <(accounts_of evaluado "$EVALUADOS")
[ "${#ev_cookie[@]}" -gt 0 ] && [ "${#jefe_cookie[@]}" -gt 0 ] && [ "${#th_cookie[@]}" -gt 0 ] || fail "accounts.tsv lacks users of some role"

check() { # cookie path [expected code, 200 by default]
  local cookie="$1" path="$2" expected="${3:-200}" code
  code=$(http_code "$BASE" "$path" "$cookie")
  [ "$code" = "$expected" ] || fail "signed-in request to $path answered $code, not $expected"
}
echo "== Checking that every page answers 200"
for i in "${!ev_cookie[@]}"; do check "${ev_cookie[$i]}" "/Evaluations/Details/${ev_eval[$i]}"; done
check "${ev_cookie[0]}" /Pending
# «Mi evaluación» sends an evaluado with an evaluation in the open period on to it (302 to /Evaluations/Details/{id}).
check "${ev_cookie[0]}" /Evaluations/Mine 302
check "${jefe_cookie[0]}" /Pending
check "${jefe_cookie[0]}" /Evaluations/ToApprove
for p in /Dashboard "/Control?etapa=1" /Reports/Stage1 /Reports/Stage2 /Reports/Annual /Directory/Servants /Plans /Plans/Coverage; do check "${th_cookie[0]}" "$p"; done
sign_in_role form; sign_in_role approver
check "${form_cookie[0]}" "/Evaluations/Goals/${form_eval[0]}"
check "${approver_cookie[0]}" "/Evaluations/Approval/${approver_eval[0]}"

# A wrk Lua script that rotates over entries "cookie<TAB>path[<TAB>form body]" (stdin): each thread starts at its own
# entry and steps by the number of threads, so one-shot writes never repeat until the list is exhausted.
lua_of() {
  local file="$1"
  {
    echo "local entries = {"
    while IFS=$'\t' read -r cookie path body; do
      if [ -n "${body:-}" ]; then printf '  {c="%s", p="%s", b="%s"},\n' "$cookie" "$path" "$body"
      else printf '  {c="%s", p="%s"},\n' "$cookie" "$path"; fi
    done
    cat <<LUA
}
local threads = {}
local count = 0
function setup(thread) count = count + 1; thread:set("tid", count); table.insert(threads, thread) end
function init(args) i = tid - 1; ok = 0; refused = 0 end
function request()
  local e = entries[(i % #entries) + 1]
  i = i + $THREADS
  if e.b then
    return wrk.format("POST", e.p, {["Cookie"] = e.c, ["Content-Type"] = "application/x-www-form-urlencoded"}, e.b)
  end
  return wrk.format("GET", e.p, {["Cookie"] = e.c})
end
LUA
    if [ "${2:-}" = writes ]; then
      cat <<'LUA'
function response(status, headers, body)
  if status == 302 then ok = ok + 1 else refused = refused + 1 end
end
function done(summary, latency, requests)
  local a, b = 0, 0
  for _, t in ipairs(threads) do a = a + t:get("ok"); b = b + t:get("refused") end
  io.write(string.format("WRITES saved=%d other=%d\n", a, b))
end
LUA
    fi
  } > "$file"
}

results="$work/results.tsv"
: > "$results"
# measure <label> <lua file or "-"> <path> [writes]: the same requests unmeasured until the page runs warm (not for the
# one-shot writes, see warm_up), then DURATION measured. A server on the last day of a window runs warm: without the
# warm-up, the measured seconds would carry the runtime's compilation of the page's code (tiered JIT).
# The CPU the application (and a private PostgreSQL) spent in the measured seconds, divided by the requests served,
# tells which of the two bounds a page; with wrk itself they share the machine's cores.
measure() {
  local label="$1" lua="$2" path="$3" out rps p50 p99 errors requests app0 app1 db0 db1 app_ms db_ms="-" alloc_kb warmed
  echo "-- $label"
  warmed="-"
  [ "${4:-}" = writes ] || [ "$WARMUP" = 0 ] || warm_up "$lua" "$path"
  app0=$(proc_cpu_ms "$app_pid"); [ -z "$pgdir" ] || db0=$(pg_cpu_ms)
  alloc_watch "$app_pid" "$(seconds_of "$DURATION")"
  if [ "$lua" = "-" ]; then
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 120s --latency "$BASE$path")
  else
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 120s --latency -s "$lua" "$BASE$path")
  fi
  app1=$(proc_cpu_ms "$app_pid"); [ -z "$pgdir" ] || db1=$(pg_cpu_ms)
  echo "$out" | grep -E "Requests/sec|requests in|Non-2xx|Socket errors|WRITES" | sed 's/^/   /'
  requests=$(echo "$out" | awk '/requests in/ {print $1}')
  app_ms=$(per_request "$app0" "$app1" "$requests")
  [ -z "$pgdir" ] || db_ms=$(per_request "$db0" "$db1" "$requests")
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  alloc_kb=$(alloc_kb_per_request "$rps")
  echo "   per request: application CPU $app_ms ms, PostgreSQL CPU $db_ms ms, allocated $alloc_kb KB"
  p50=$(to_ms "$(echo "$out" | awk '$1=="50%" {print $2}')")
  p99=$(to_ms "$(echo "$out" | awk '$1=="99%" {print $2}')")
  errors=$(echo "$out" | awk '/Non-2xx/ {n += $NF} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}')
  if [ "${4:-}" = writes ]; then
    local refused; refused=$(echo "$out" | awk '/Non-2xx/ {print $NF}')
    errors="$(echo "$out" | sed -n 's/^WRITES saved=\([0-9]*\) other=\([0-9]*\)/\1 saved, \2 other/p')${refused:+ ($refused of them not 2xx or 3xx)}"
  fi
  if awk -v r="$rps" 'BEGIN { exit !(r + 0 == 0) }'; then p50="-"; p99="-"; fi
  [ "$p50" = "-" ] && errors="$errors (no request completed within $DURATION)"
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$rps" "$p50" "$p99" "$errors" "$app_ms" "$db_ms" "$alloc_kb" "$warmed" >> "$results"
}

# warm_up <lua file or "-"> <path>: WARMUP of the page unmeasured, then more slices of WARMUP_SLICE until the runtime's
# background JIT spent at most JIT_IDLE_MS in one slice, or WARMUP_MAX in all (warm_up_until_jit_idle). A fixed 5 s was
# not enough: the tiered-compilation thread still took 2.4 of the 7.5 CPU seconds of a report page's next 5 s, and
# 1.9 of 9.8 s of /health's (SQLite, 05/12/2026), so the ceiling and the pages were measured while the runtime
# compiled. Sets warmed to the seconds it took («+»: the JIT was still busy at WARMUP_MAX).
warm_up() {
  local lua="$1" path="$2" script=() spent
  [ "$lua" = "-" ] || script=(-s "$lua")
  read -r warmed spent < <(warm_up_until_jit_idle "$app_pid" "$WARMUP" "$WARMUP_SLICE" "$WARMUP_MAX" "$JIT_IDLE_MS" \
    -t"$THREADS" -c"$CONNECTIONS" --timeout 120s "${script[@]}" "$BASE$path")
  echo "   warm after $warmed s (the JIT's CPU in the last slice: $spent ms)"
}

# A page's sessions must stay fresh (below): its warm-up and measure under a minute.
if [ $(( $(seconds_of "$WARMUP_MAX") + $(seconds_of "$WARMUP_SLICE") + $(seconds_of "$DURATION") )) -ge 55 ]; then
  echo "load.sh: WARMUP_MAX + WARMUP_SLICE + DURATION reach a minute: the sessions will be re-checked on every request past it (see page())" >&2
fi
echo "== Measuring: $DURATION per page, $THREADS threads, $CONNECTIONS connections"
measure "/health (ceiling)" - /health

# The application re-checks a session against its account once a minute (ServiceRegistration.SecurityStampInterval)
# and renews its cookie then; a browser keeps the renewed cookie, wrk cannot, so every request after a session's first
# minute would be re-checked (a user look-up and a new cookie: 7–17 % of a report's time, measured). Each page is therefore measured
# on sessions signed in just before it (the warm-up and DURATION under a minute).
# page <label> <role> <path>; in the path, {eval} is each evaluado's evaluation.
page() {
  local label="$1" role="$2" path="$3" lua="$work/page.lua" i
  sign_in_role "$role"
  case "$role" in
    ev) for i in "${!ev_cookie[@]}"; do printf '%s\t%s\n' "${ev_cookie[$i]}" "${path//\{eval\}/${ev_eval[$i]}}"; done ;;
    jefe) for i in "${!jefe_cookie[@]}"; do printf '%s\t%s\n' "${jefe_cookie[$i]}" "$path"; done ;;
    th) for i in "${!th_cookie[@]}"; do printf '%s\t%s\n' "${th_cookie[$i]}" "$path"; done ;;
    form) for i in "${!form_cookie[@]}"; do printf '%s\t%s\n' "${form_cookie[$i]}" "${path//\{eval\}/${form_eval[$i]}}"; done ;;
    approver) for i in "${!approver_cookie[@]}"; do printf '%s\t%s\n' "${approver_cookie[$i]}" "${path//\{eval\}/${approver_eval[$i]}}"; done ;;
  esac | lua_of "$lua"
  measure "$label" "$lua" "${path%%\{eval\}*}"
}
if [ "$READS" = 1 ]; then
# The floor under every page: «Ayuda» has no query of its own. Anonymous, it is the layout and static text; signed in,
# it adds what every signed-in page pays (the session cookie, the menu's query, the sign-out form's antiforgery
# token). No signed-in page that shows the layout can reach a larger share of the ceiling than the second row.
measure "Floor: /Help anonymous (layout, no query)" - /Help
page "Floor: /Help signed in (layout, cookie, menu's query)" ev /Help
page "Evaluado: /Pending" ev /Pending
page "Evaluado: /Evaluations/Mine (302 to Details)" ev /Evaluations/Mine
page "Evaluado: /Evaluations/Details/{id}" ev "/Evaluations/Details/{eval}"
page "Jefe: /Pending" jefe /Pending
page "Jefe: /Evaluations/ToApprove" jefe /Evaluations/ToApprove
if [ "$CONSOLIDATION" = 1 ]; then
for p in /Dashboard "/Control?etapa=1" /Reports/Stage1 /Reports/Stage2 /Reports/Annual /Directory/Servants; do
  page "Talento Humano: $p" th "$p"
done
# The goal forms (the evaluado's, the jefe's approval) and the plans' pages: what the entity's institutional plans weigh.
page "Evaluado: goal form /Evaluations/Goals/{id}" form "/Evaluations/Goals/{eval}"
page "Jefe: approval form /Evaluations/Approval/{id}" approver "/Evaluations/Approval/{eval}"
page "Talento Humano: /Plans" th /Plans
page "Talento Humano: /Plans/Coverage" th /Plans/Coverage
fi
# A person's first page after a minute of reading: the session is checked against its account (the account, its roles
# and claims: ServiceRegistration.SecurityStampInterval) and its cookie renewed. wrk keeps sending the old cookie, so
# here every request is such a first page. The sessions were signed in at the start; the rows wait until they are due.
due_page() {
  local label="$1" path="$2" lua="$work/due.lua" i wait
  wait=$(( due_signed_in + 62 - $(date +%s) )); [ "$wait" -le 0 ] || sleep "$wait"
  for i in "${!due_cookie[@]}"; do printf '%s\t%s\n' "${due_cookie[$i]}" "$path"; done | lua_of "$lua"
  measure "$label" "$lua" "$path"
}
due_page "Session checked: /Help, signed in over a minute before" /Help
due_page "Session checked: evaluado /Pending, signed in over a minute before" /Pending
fi

if [ "$WRITES" = 1 ]; then
  # One-shot writes, each on its own evaluation: evaluados submit their goals, jefes approve goals waiting for them.
  # Every user opens the form first (antiforgery token for that user + the evaluation's version).
  year=$(date +%Y)
  version_of() { sed -n 's/.*name="Version" value="\([^"]*\)".*/\1/p' | head -1; }
  echo "== Preparing the write mix (signing in and opening each form)"
  submits="$work/submits.tsv"; approvals="$work/approvals.tsv"
  : > "$submits"; : > "$approvals"
  goal="Goals%5B0%5D.Description=Elaborar+los+informes+de+gestion+de+la+dependencia&Goals%5B0%5D.Weight=100"
  goal="$goal&Goals%5B0%5D.ExpectedEvidence=Informes+radicados&Goals%5B0%5D.AgreedFirstFollowUpPercent=50&Goals%5B0%5D.DueDate=$year-12-15"
  while IFS=$'\t' read -r email id; do
    cookie=$(sign_in "$BASE" "$email")
    page=$(curl -s -m 300 -H "Cookie: $cookie" "$BASE/Evaluations/Goals/$id")
    printf '%s\t%s\t%s\n' "$cookie" "/Evaluations/Goals/$id?handler=Submit" \
      "__RequestVerificationToken=$(echo "$page" | token_of)&Version=$(echo "$page" | version_of)&$goal" >> "$submits"
  done < <(accounts_of evaluado_submit 48)
  while IFS=$'\t' read -r email id; do
    cookie=$(sign_in "$BASE" "$email")
    page=$(curl -s -m 300 -H "Cookie: $cookie" "$BASE/Evaluations/Approval/$id")
    printf '%s\t%s\t%s\n' "$cookie" "/Evaluations/Approval/$id?handler=Approve" \
      "__RequestVerificationToken=$(echo "$page" | token_of)&Version=$(echo "$page" | version_of)&Comment=De+acuerdo" >> "$approvals"
  done < <(accounts_of jefe_approve 48)
  lua_of "$work/submit.lua" writes < "$submits"
  lua_of "$work/approve.lua" writes < "$approvals"
  measure "Write: evaluado submits goals (POST)" "$work/submit.lua" /Evaluations/Goals writes
  measure "Write: jefe approves goals (POST)" "$work/approve.lua" /Evaluations/Approval writes
fi

# The table, on screen and as Markdown.
health=$(awk -F'\t' 'NR==1 {print $2}' "$results")
mkdir -p bench/results
size=""; [ "$SERVANTS" = 5000 ] || size="-$SERVANTS"
md="bench/results/$(date +%Y-%m-%d)-$(echo "$PROVIDER" | tr '[:upper:]' '[:lower:]')$size${TAG:+-$TAG}.md"
cpu=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)
{
  echo "# Load measurements, $PROVIDER, $SERVANTS servants"
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "- Machine: $(nproc) cores, $cpu (shared with other work during the run)"
  echo "- Entity: bench/Egi.Generator --servants $SERVANTS --seed $SEED, generated in $gen_seconds s"
  echo "- wrk: $THREADS threads, $CONNECTIONS connections, $WARMUP or more unmeasured (until the runtime's JIT idled: at most $JIT_IDLE_MS ms of its CPU in $WARMUP_SLICE, or $WARMUP_MAX; the last column) then $DURATION measured per page, each on sessions signed in just before it; signed in as ${#ev_cookie[@]} evaluados," \
    "${#jefe_cookie[@]} jefes and ${#th_cookie[@]} Talento Humano users, the Cookie header (and the evaluation page) rotating among them"
  echo "- Application: published by bench/publish.sh$([ -n "${JIT:-}" ] && echo ' (JIT=1: plain Release)' || echo ' (Release, ReadyToRun)'), ASPNETCORE_ENVIRONMENT=Production, logging Warning, mail worker and scheduler off"
  [ -n "${CONN_EXTRA:-}" ] && echo "- Connection string: the generated one plus \`$CONN_EXTRA\`"
  echo
  echo "- CPU per request: the application's process and (PostgreSQL) the database server's processes, over the measured seconds;"
  echo "  allocated: the application's bytes allocated per request (dotnet-counters, median of one-second samples), which other work on the machine does not move"
  echo
  echo "| Page | req/s | p50 (ms) | p99 (ms) | ratio to /health | errors / writes | app CPU ms/req | DB CPU ms/req | allocated KB/req | warm-up (s) |"
  echo "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|"
  awk -F'\t' -v h="$health" '{ r = (h > 0) ? $2 / h : 0; printf "| %s | %s | %s | %s | %.4f | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, r, $5, $6, $7, $8, $9 }' "$results"
} > "$md"
echo
awk -F'\t' -v h="$health" 'BEGIN { printf "%-46s %10s %10s %10s %9s %8s %8s %8s %6s  %s\n", "page", "req/s", "p50 ms", "p99 ms", "ratio", "app ms", "db ms", "KB", "warm s", "errors / writes" }
  { r = (h > 0) ? $2 / h : 0; printf "%-46s %10s %10s %10s %9.4f %8s %8s %8s %6s  %s\n", $1, $2, $3, $4, r, $6, $7, $8, $9, $5 }' "$results"
# What the application logged as errors or worse during the run (Logging Warning: a 500 logs «fail:»).
logged=$(grep -cE '^(fail|crit):' "$work/app.log" || true)
if [ "${logged:-0}" -gt 0 ]; then
  echo "== The application logged $logged errors; the first ones:"
  grep -A8 -m3 -E '^(fail|crit):' "$work/app.log" | tee -a "$md"
fi
# Kestrel's heartbeat, late by a second or more, is how a starved thread pool shows (a pause of every request).
starved=$(grep -c 'heartbeat has been running' "$work/app.log" || true)
if [ "${starved:-0}" -gt 0 ]; then
  echo "== Kestrel's heartbeat ran late $starved times (thread pool starvation?); the first ones:"
  grep -m3 -A1 'heartbeat has been running' "$work/app.log" | tee -a "$md"
fi
# APP_LOG=<file> keeps the application's log of the run.
[ -z "${APP_LOG:-}" ] || cp "$work/app.log" "$APP_LOG"
echo
echo "Written to $md"
