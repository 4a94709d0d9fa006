#!/usr/bin/env bash
# A/B: two variants of the application — two sets of runtime settings, or two builds — measured on the same generated
# entity, one after the other, in alternating order, round after round, each page beside /health of the same process.
# A load run (bench/load.sh) answers «where do the pages stand»; this answers «does this change move them», which a
# comparison of two load runs an hour apart cannot (the machine's speed moves more than most changes).
#   bench/ab.sh                                                       # A: as published; B: thread pool without spinning
#   B='DOTNET_gcServer=0' bench/ab.sh                                 # B: any environment (runtime or application settings)
#   APP_B=/tmp/egi-other bench/ab.sh                                  # B: another build (bench/publish.sh /tmp/egi-other)
#   PROVIDER=Postgres PAGES=$'jefe /Evaluations/ToApprove\n' bench/ab.sh
# PAGES: lines "role path [due]" (role: evaluado, jefe or talento_humano; ID in the path: each evaluado's own evaluation;
# due: measured on sessions signed in more than a minute before, each request checked against its account), by default
# the evaluation page, «Por aprobar», the evaluado's «Mis pendientes» and the dashboard. Settings: A, B (environment
# assignments, space-separated), APP_A, APP_B (published folders; default: this checkout, published once), ROUNDS (2;
# the order alternates: AB, BA, …), DURATION (8s), WARMUP (5s, then until the runtime's JIT idles, 40 s at most),
# CONNECTIONS (32), THREADS (2), USERS (8 per role), SERVANTS (5000), SEED, DATA (SQLite: reuse or generate once into
# it), PROVIDER (Sqlite | Postgres: a private PostgreSQL 15, as root), PORT (5293), PGPORT (55435).
# Prints, per page and variant, each round's req/s, p99, the share of /health and the application's (+ PostgreSQL's)
# CPU per request, and writes it to bench/results/<date>-ab-<provider>[-TAG].md.
set -euo pipefail
cd "$(dirname "$0")/.."
A="${A:-}"
B="${B-DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0}"
ROUNDS="${ROUNDS:-2}"
DURATION="${DURATION:-8s}"
WARMUP="${WARMUP:-5s}"
CONNECTIONS="${CONNECTIONS:-32}"
THREADS="${THREADS:-2}"
USERS="${USERS:-8}"
SERVANTS="${SERVANTS:-5000}"
SEED="${SEED:-2026}"
PROVIDER="${PROVIDER:-Sqlite}"
PORT="${PORT:-5293}"
PGPORT="${PGPORT:-55435}"
PAGES="${PAGES:-$'evaluado /Evaluations/Details/ID\njefe /Evaluations/ToApprove\nevaluado /Pending\ntalento_humano /Dashboard\n'}"
PASSWORD="Egi.Bench2026"
BASE="http://127.0.0.1:$PORT"
work="$(mktemp -d /tmp/egi-ab.XXXXXX)"
pgdir=""
# shellcheck source=bench/lib.sh
source bench/lib.sh
cleanup() { stop_app; stop_postgres; rm -rf "$work"; }
trap cleanup EXIT
command -v wrk >/dev/null || fail "wrk is missing: apt-get install wrk"

if [ -z "${APP_A:-}" ] || [ -z "${APP_B:-}" ]; then
  echo "== Publishing this checkout (bench/publish.sh)"
  bench/publish.sh "$work/app" > /dev/null
fi
APP_A="$(realpath "${APP_A:-$work/app}")"; APP_B="$(realpath "${APP_B:-$work/app}")"
prepare_entity

# run_variant <name> <published folder> <environment>: starts that build with that environment, signs in USERS of each
# role and measures /health and every page; appends "page<TAB>variant<TAB>req/s<TAB>p99<TAB>share<TAB>CPU" to $results.
results="$work/results.tsv"; : > "$results"
run_variant() {
  local name="$1" app="$2" environment="$3" role path label lua requests out rps p99 a0 a1 d0 d1 cpu health=""
  echo "== Variant $name: ${environment:-(as published)} ($app)"
  # The variant's environment is exported only while the application is launched (launch_app's process inherits it).
  local kv; for kv in $environment; do export "${kv?}"; done
  APP_DIR="$app" launch_app "$data" "${app_args[@]}"
  for kv in $environment; do unset "${kv%%=*}"; done
  wait_healthy "$BASE" "$work/app.log"
  # (read once it answers: until the launched shell has exec'd dotnet, /proc shows the shell's own environment)
  for kv in $environment; do tr '\0' '\n' < "/proc/$app_pid/environ" | grep -qxF "$kv" || fail "the application did not get $kv"; done
  while IFS=' ' read -r role path due; do
    [ -n "$role" ] || continue
    label="$role $path${due:+ ($due)}"
    awk -F'\t' -v r="$role" '$1 == r {print $2 "\t" $3}' "$data/accounts.tsv" | head -"$USERS" > "$work/users.tsv"
    [ -s "$work/users.tsv" ] || fail "no account of role $role"
    signed_in=$(date +%s)
    while IFS=$'\t' read -r email id; do printf '%s\t%s\n' "$(sign_in "$BASE" "$email")" "${path//ID/$id}"; done < "$work/users.tsv" |
      lua_get "$work/page.lua"
    # «due»: the sessions are past the application's check interval (a minute) when measured, so every request checks
    # its session against the account and renews its cookie (wrk keeps sending the old one), as a person's first page
    # after a minute of reading does.
    if [ "${due:-}" = due ]; then sleep $(( signed_in + 62 - $(date +%s) > 0 ? signed_in + 62 - $(date +%s) : 0 )); fi
    for measured in /health "$label"; do
      if [ "$measured" = /health ]; then lua=(); url="$BASE/health"; else lua=(-s "$work/page.lua"); url="$BASE${path%%ID*}"; fi
      warm_up_until_jit_idle "$app_pid" "$WARMUP" 2s 40s 40 -t"$THREADS" -c"$CONNECTIONS" "${lua[@]}" "$url" > /dev/null
      a0=$(proc_cpu_ms "$app_pid"); [ -z "$pgdir" ] || d0=$(pg_cpu_ms)
      out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 120s --latency "${lua[@]}" "$url")
      a1=$(proc_cpu_ms "$app_pid"); [ -z "$pgdir" ] || d1=$(pg_cpu_ms)
      requests=$(echo "$out" | awk '/requests in/ {print $1}')
      rps=$(echo "$out" | awk '/Requests\/sec/ {printf "%.0f", $2}')
      p99=$(to_ms "$(echo "$out" | awk '$1=="99%" {print $2}')")
      cpu=$(per_request "$a0" "$a1" "$requests"); [ -z "$pgdir" ] || cpu="$cpu + $(per_request "$d0" "$d1" "$requests")"
      if echo "$out" | grep -q "Non-2xx"; then fail "$measured answered other than 200 in variant $name"; fi
      if [ "$measured" = /health ]; then health="$rps"; continue; fi
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$label" "$name" "$rps" "$p99" "$(awk -v a="$rps" -v h="$health" 'BEGIN { printf "%.1f", 100 * a / h }')" "$cpu" "$health" >> "$results"
      printf '   %-40s %s: %6s req/s  p99 %6s ms  %5s %% of /health (%s)  CPU %s ms\n' "$label" "$name" "$rps" "$p99" \
        "$(awk -v a="$rps" -v h="$health" 'BEGIN { printf "%.1f", 100 * a / h }')" "$health" "$cpu"
    done
  done <<< "$PAGES"
  stop_app
}

for round in $(seq 1 "$ROUNDS"); do
  echo "== Round $round"
  if [ $((round % 2)) = 1 ]; then run_variant A "$APP_A" "$A"; run_variant B "$APP_B" "$B"
  else run_variant B "$APP_B" "$B"; run_variant A "$APP_A" "$A"; fi
done

md="bench/results/$(date +%Y-%m-%d)-ab-$(echo "$PROVIDER" | tr '[:upper:]' '[:lower:]')${TAG:+-$TAG}.md"
{
  echo "# A/B on $PROVIDER, $SERVANTS servants, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo
  echo "- A: ${A:-(as published)} ($APP_A); B: ${B:-(as published)} ($APP_B)"
  echo "- $ROUNDS rounds in alternating order; wrk $THREADS threads, $CONNECTIONS connections, $DURATION per page after a warm-up; $USERS users per role"
  echo "- Each cell: req/s · p99 ms · % of /health of the same process · CPU ms per request (application + PostgreSQL), one per round"
  echo
  echo "| Page | A | B |"
  echo "|---|---|---|"
  awk -F'\t' '{ k = $1; if (!(k in seen)) { seen[k] = 1; order[++n] = k }
      cell[k, $2] = cell[k, $2] (cell[k, $2] == "" ? "" : "<br>") sprintf("%s · %s · %s %% · %s", $3, $4, $5, $6) }
    END { for (i = 1; i <= n; i++) printf "| %s | %s | %s |\n", order[i], cell[order[i], "A"], cell[order[i], "B"] }' "$results"
} > "$md"
cat "$md"
echo "Written to $md"
