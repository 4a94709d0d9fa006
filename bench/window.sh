#!/usr/bin/env bash
# The last day of a window: every write the generated entity has waiting sent at once. The evaluados whose goals are
# untouched submit them and the jefes approve the goals waiting for them (accounts.tsv's evaluado_submit and
# jefe_approve: some 500 transitions at 5 000 servants, each on its own evaluation), all signed in and with their
# forms open first, then posted from CONCURRENCY clients at the same time (bench/burst.py), each request once.
#   bench/window.sh                                  # SQLite, 5 000 servants, 32 clients
#   PROVIDER=Postgres bench/window.sh                # a private PostgreSQL 15 (run as root)
#   APP_B=/tmp/egi-other PROVIDER=Postgres bench/window.sh   # and the same burst on another build, on a fresh entity
# Prints, per build: the saves, how long the burst took, saves per second, the latency of the saves (p50, p90, p99,
# max), the application's CPU per save (and of it, the runtime's background JIT's) and PostgreSQL's and, on PostgreSQL, what the server's connections were
# waiting for (pg_stat_activity sampled every 0.1 s: how many were waiting for a lock of each kind, on average).
# Settings: PROVIDER, SERVANTS (5000), SEED, CONCURRENCY (32), WARM (60) / WARM_MOST (half the writes) / JIT_IDLE (40:
# the first writes are sent one at a time, unmeasured, in slices of 20 until a slice costs the runtime's background JIT
# at most JIT_IDLE ms of CPU — at least WARM of them, at most WARM_MOST — so that the burst runs on compiled code as a
# server on the last day does), ROUNDS (1 per build; the entity is generated again for
# each, since the writes change it), APP_A / APP_B (published folders; A defaults to this checkout), PORT (5297),
# PGPORT (55437), CONN_OPTIONS_A / CONN_OPTIONS_B (PostgreSQL: options added to build A's or B's connection string,
# e.g. "Maximum Pool Size=8"), TAG, TRACE (a folder: dotnet-trace samples the application's thread stacks during each burst, for
# TRACE_SECONDS, 10, and prints the methods longest on the stack, as bench/profile.sh does; the .nettrace files are kept
# there). Writes bench/results/<date>-window-<provider>[-TAG].md.
set -euo pipefail
cd "$(dirname "$0")/.."
PROVIDER="${PROVIDER:-Sqlite}"
SERVANTS="${SERVANTS:-5000}"
SEED="${SEED:-2026}"
CONCURRENCY="${CONCURRENCY:-32}"
ROUNDS="${ROUNDS:-1}"
WARM="${WARM:-60}"
JIT_IDLE="${JIT_IDLE:-40}"
PORT="${PORT:-5297}"
PGPORT="${PGPORT:-55437}"
PASSWORD="Egi.Bench2026"
BASE="http://127.0.0.1:$PORT"
THREADS=2; CONNECTIONS=$CONCURRENCY; DURATION=1s
work="$(mktemp -d /tmp/egi-window.XXXXXX)"
pgdir=""
# shellcheck source=bench/lib.sh
source bench/lib.sh
cleanup() { stop_app; stop_postgres; rm -rf "$work"; }
trap cleanup EXIT
case "$PROVIDER" in
  Sqlite|sqlite|SQLite) PROVIDER=Sqlite ;;
  Postgres|postgres|PostgreSQL) PROVIDER=Postgres ;;
  *) fail "PROVIDER must be Sqlite or Postgres" ;;
esac

echo "== Building (bench/publish.sh)"
if [ -z "${APP_A:-}" ]; then bench/publish.sh "$work/app-a"; APP_A="$work/app-a"; fi
variants=(A)
[ -n "${APP_B:-}" ] && variants+=(B)

version_of() { sed -n 's/.*name="Version" value="\([^"]*\)".*/\1/p' | head -1; }
year=$(date +%Y)
goal="Goals%5B0%5D.Description=Elaborar+los+informes+de+gestion+de+la+dependencia&Goals%5B0%5D.Weight=100"
goal="$goal&Goals%5B0%5D.ExpectedEvidence=Informes+radicados&Goals%5B0%5D.AgreedFirstFollowUpPercent=50&Goals%5B0%5D.DueDate=$year-12-15"

# waits_sampler <file>: every 0.1 s, one line per waiting kind ("Lock:advisory 3", "Lock:transactionid 1", …) of the
# application's connections; stopped by killing it.
waits_sampler() {
  while :; do
    runuser -u postgres -- "$PGBIN/psql" -h "$pgdir" -p "$PGPORT" -d egi -Atq -F ' ' -c \
      "SELECT coalesce(wait_event_type,'CPU') || ':' || coalesce(wait_event,'-'), count(*) FROM pg_stat_activity
       WHERE datname = 'egi' AND state <> 'idle' AND pid <> pg_backend_pid() GROUP BY 1" 2>/dev/null || true
    echo "--"
    sleep 0.1
  done > "$1"
}

# PostgreSQL: which statements the burst spent the server's time on (pg_stat_statements, planning included).
sql() { runuser -u postgres -- "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -X -q -A -t -F $'\t' -c "$1"; }
[ "$PROVIDER" = Postgres ] && export PG_OPTIONS="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on"
# prepare_write <role> <email> <evaluation id>: signs in, opens the form (its antiforgery token and the evaluation's
# version) and prints "role<TAB>evaluation id<TAB>cookie<TAB>path<TAB>body" (run by xargs in parallel).
prepare_write() {
  local role="$1" email="$2" id="$3" cookie page
  # A cookie jar of its own (a jefe approves several evaluations, and two of their sign-ins may run at once).
  # Once more after a second when a sign-in fails (said on stderr, so a run shows it): see bench/HISTORY.md «19:30 UTC on 06/12/2026».
  cookie=$(work="$work/$id" sign_in "$BASE" "$email") \
    || { echo "   (the sign-in of $email is tried again)" >&2; sleep 1; cookie=$(work="$work/$id/again" sign_in "$BASE" "$email"); }
  if [ "$role" = evaluado_submit ]; then
    page=$(curl -s -m 300 -H "Cookie: $cookie" "$BASE/Evaluations/Goals/$id")
    printf '%s\t%s\t%s\t%s\t%s\n' "$role" "$id" "$cookie" "/Evaluations/Goals/$id?handler=Submit" \
      "__RequestVerificationToken=$(echo "$page" | token_of)&Version=$(echo "$page" | version_of)&$goal"
  else
    page=$(curl -s -m 300 -H "Cookie: $cookie" "$BASE/Evaluations/Approval/$id")
    printf '%s\t%s\t%s\t%s\t%s\n' "$role" "$id" "$cookie" "/Evaluations/Approval/$id?handler=Approve" \
      "__RequestVerificationToken=$(echo "$page" | token_of)&Version=$(echo "$page" | version_of)&Comment=De+acuerdo"
  fi
}
export -f prepare_write sign_in token_of version_of fail
export BASE PASSWORD work goal

results="$work/results.tsv"
statements="$work/statements.md"
: > "$results"; : > "$statements"
for round in $(seq 1 "$ROUNDS"); do
  for v in "${variants[@]}"; do
    app_dir_var="APP_$v"; APP_DIR="${!app_dir_var}"
    echo "== Round $round, build $v ($APP_DIR): generating the entity"
    stop_app; stop_postgres
    rm -rf "$work/data"
    DATA="$work/data" prepare_entity
    options_var="CONN_OPTIONS_$v"
    if [ "$PROVIDER" = Postgres ] && [ -n "${!options_var:-}" ]; then app_args=(--Database:Provider=Postgres "--ConnectionStrings:Postgres=$conn;${!options_var}"); fi
    start_app "$data" "${app_args[@]}"
    accounts="$data/accounts.tsv"
    requests="$work/requests.tsv"; : > "$requests"
    echo "== Signing in every writer and opening their forms (three at a time)"
    awk -F'\t' '$1=="evaluado_submit" || $1=="jefe_approve" {print $1 " " $2 " " $3}' "$accounts" \
      | xargs -P 3 -L 1 bash -c 'prepare_write "$@"' _ > "$work/prepared.tsv"
    # Submissions and approvals interleaved, as on the day (each kind by evaluation).
    awk -F'\t' '$1=="evaluado_submit"' "$work/prepared.tsv" | sort -t$'\t' -k2,2n | cut -f3- > "$work/submits.tsv"
    awk -F'\t' '$1=="jefe_approve"' "$work/prepared.tsv" | sort -t$'\t' -k2,2n | cut -f3- > "$work/approvals.tsv"
    paste -d'\n' "$work/submits.tsv" "$work/approvals.tsv" | grep -v '^$' > "$requests"
    # A server on the last day of a window has run all day: its code is compiled. The first writes go one at a time,
    # unmeasured, in slices of 20, until a slice costs the runtime's background JIT at most JIT_IDLE ms (at least WARM
    # writes, at most WARM_MOST, half of them by default). With a fixed 60, the JIT was a third of the burst's CPU.
    total=$(wc -l < "$requests"); most="${WARM_MOST:-$((total / 2))}"; warm=0; jit_last="-"
    while [ "$warm" -lt "$most" ]; do
      sed -n "$((warm + 1)),$((warm + 20))p" "$requests" > "$work/warm.tsv"
      before=$(jit_threads "$app_pid")
      python3 bench/burst.py "$BASE" "$work/warm.tsv" 1 > /dev/null
      jit_last=$(jit_spent "$before" "$(jit_threads "$app_pid")")
      warm=$((warm + $(wc -l < "$work/warm.tsv")))
      [ "$warm" -ge "$WARM" ] && [ "$jit_last" -le "$JIT_IDLE" ] && break
    done
    tail -n +"$((warm + 1))" "$requests" > "$work/burst.tsv"
    echo "   $(wc -l < "$work/submits.tsv") submissions, $(wc -l < "$work/approvals.tsv") approvals; the first $warm one at a time, unmeasured (the JIT's CPU in the last 20: $jit_last ms)"
    sleep 2
    if [ "$PROVIDER" = Postgres ]; then sql "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" >/dev/null; sql "SELECT pg_stat_statements_reset()" >/dev/null; fi
    sampler_pid=""
    [ "$PROVIDER" = Postgres ] && { waits_sampler "$work/waits.txt" & sampler_pid=$!; }
    app0=$(proc_cpu_ms "$app_pid"); jit0=$(jit_threads "$app_pid"); db0=0; [ "$PROVIDER" = Postgres ] && db0=$(pg_cpu_ms)
    trace_pid=""
    if [ -n "${TRACE:-}" ]; then
      mkdir -p "$TRACE"
      "$(command -v dotnet-trace || echo "$HOME/.dotnet/tools/dotnet-trace")" collect -p "$app_pid" --profile dotnet-sampled-thread-time \
        --duration "00:00:00:$(printf '%02d' "${TRACE_SECONDS:-10}")" -o "$TRACE/burst-$v-$round.nettrace" > /dev/null &
      trace_pid=$!
      sleep 1
    fi
    line=$(python3 bench/burst.py "$BASE" "$work/burst.tsv" "$CONCURRENCY" --log "$work/log-$v-$round.tsv")
    app1=$(proc_cpu_ms "$app_pid"); jit1=$(jit_threads "$app_pid"); db1=0; [ "$PROVIDER" = Postgres ] && db1=$(pg_cpu_ms)
    [ -n "$sampler_pid" ] && { kill "$sampler_pid"; wait "$sampler_pid" 2>/dev/null || true; }
    if [ -n "$trace_pid" ]; then
      wait "$trace_pid"
      for kind in "" --inclusive; do
        echo "== Build $v, round $round: the methods longest on the stack during the burst ${kind:-(exclusive)}"
        "$(command -v dotnet-trace || echo "$HOME/.dotnet/tools/dotnet-trace")" report "$TRACE/burst-$v-$round.nettrace" topN -n "${TOP:-40}" $kind
      done
    fi
    saved=$(echo "$line" | cut -f2)
    app_ms=$(per_request "$app0" "$app1" "$saved")
    jit_ms=$(per_request 0 "$(jit_spent "$jit0" "$jit1")" "$saved")
    db_ms="-"; waits="-"
    if [ "$PROVIDER" = Postgres ]; then
      db_ms=$(per_request "$db0" "$db1" "$saved")
      waits=$(awk '$0 == "--" { samples++; next } { n[$1] += $2 } END { for (k in n) if (k !~ /^CPU/ && k != "Client:ClientRead") printf "%s %.1f; ", k, n[k] / samples }' "$work/waits.txt")
      waits="${waits:-none}"
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$v" "$round" "$warm ($jit_last)" "$line" "$app_ms" "$jit_ms" "$db_ms" "$waits" | tee -a "$results"
    if [ "$PROVIDER" = Postgres ] && [ "$saved" -gt 0 ]; then
      {
        echo
        echo "### Build $v, round $round: the statements of the burst that took most of the server's time"
        echo
        echo "| calls per save | server ms per save | mean ms | statement |"
        echo "|---:|---:|---:|---|"
        sql "SELECT round(calls::numeric / $saved, 2), round(((total_plan_time + total_exec_time) / $saved)::numeric, 3),
                    round(((total_plan_time + total_exec_time) / calls)::numeric, 3),
                    replace(left(regexp_replace(query, '\s+', ' ', 'g'), 220), '|', '\|')
             FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = 'egi')
             ORDER BY total_plan_time + total_exec_time DESC LIMIT ${TOP:-10}" | awk -F'\t' '{ printf "| %s | %s | %s | `%s` |\n", $1, $2, $3, $4 }'
      } >> "$statements"
    fi
  done
done

mkdir -p bench/results
md="bench/results/$(date +%Y-%m-%d)-window-$(echo "$PROVIDER" | tr '[:upper:]' '[:lower:]')${TAG:+-$TAG}.md"
{
  echo "# The last day of a window: every waiting write at once, $PROVIDER, $SERVANTS servants"
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "- Machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- \`bench/window.sh\`: the generated entity's untouched goal formulations submitted and its goals waiting for approval approved,"
  echo "  each once: the first ones one at a time, unmeasured, until the runtime's background JIT idles (column «warm»), and the rest from $CONCURRENCY clients at the same time (\`bench/burst.py\`); A: ${APP_A_LABEL:-this checkout}${APP_B:+; B: ${APP_B_LABEL:-$APP_B}}"
  echo "- Latencies are of the saved writes (a 302 after the save); waits: PostgreSQL's connections waiting for each kind of lock, on average over the burst"
  echo
  echo "| build | round | warm (JIT ms in its last 20) | requests | saved | other | seconds | saves/s | p50 ms | p90 ms | p99 ms | max ms | app CPU ms/save | of it, JIT | DB CPU ms/save | waiting (PostgreSQL) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16 }' "$results"
  cat "$statements"
} > "$md"
echo
cat "$md"
