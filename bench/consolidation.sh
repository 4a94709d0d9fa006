#!/usr/bin/env bash
# The last day of a window, mixed: evaluados on their «Mis pendientes» (LIGHT) while Talento Humano refreshes a
# consolidation page (HEAVY) from many connections — does the light page keep its speed? Two variants of runtime or
# application settings (A, B: environment assignments, as bench/ab.sh), by default the consolidation pages' turns off
# (A: RateLimits:Consolidation:Concurrent=10000, every view at once) and on (B: as configured, twice the processors),
# one process each, in alternating order over ROUNDS. Per variant and round: the light page alone, then the light
# page while the heavy one is under load, and the heavy one (req/s, p50, p99).
#   bench/consolidation.sh                                      # DATA: SQLite entity (generated into it once)
#   HEAVY=/Dashboard LIGHT_C=8 HEAVY_C=24 bench/consolidation.sh
#   PROVIDER=Postgres bench/consolidation.sh                    # as root: a private PostgreSQL 15 (bench/lib.sh)
# Settings: A, B, APP (a published folder; default: this checkout, published once), ROUNDS (2), DURATION (8s), LIGHT
# (/Pending, evaluados), HEAVY (/Reports/Stage1, Talento Humano), LIGHT_C (8) and HEAVY_C (24) connections, USERS (8
# evaluados, 4 of Talento Humano), SERVANTS (5000), SEED, DATA, PROVIDER (Sqlite | Postgres), PORT (5296), PGPORT (55436).
# Writes bench/results/<date>-consolidation-<provider>[-TAG].md.
set -euo pipefail
cd "$(dirname "$0")/.."
A="${A-RateLimits__Consolidation__Concurrent=10000}"
B="${B-}"
ROUNDS="${ROUNDS:-2}"
DURATION="${DURATION:-8s}"
LIGHT="${LIGHT:-/Pending}"
HEAVY="${HEAVY:-/Reports/Stage1}"
LIGHT_C="${LIGHT_C:-8}"
HEAVY_C="${HEAVY_C:-24}"
USERS="${USERS:-8}"
SERVANTS="${SERVANTS:-5000}"
SEED="${SEED:-2026}"
PROVIDER="${PROVIDER:-Sqlite}"
PORT="${PORT:-5296}"
PGPORT="${PGPORT:-55436}"
WARMUP="${WARMUP:-5s}"
THREADS=1
PASSWORD="Egi.Bench2026"
BASE="http://127.0.0.1:$PORT"
work="$(mktemp -d /tmp/egi-consolidation.XXXXXX)"
pgdir=""
# shellcheck source=bench/lib.sh
source bench/lib.sh
cleanup() { stop_app; stop_postgres; rm -rf "$work"; }
trap cleanup EXIT
command -v wrk >/dev/null || fail "wrk is missing: apt-get install wrk"

if [ -z "${APP:-}" ]; then
  echo "== Publishing this checkout (bench/publish.sh)"
  bench/publish.sh "$work/app" > /dev/null
fi
APP="$(realpath "${APP:-$work/app}")"
prepare_entity

# wrk's output → "req/s · p50 · p99"
summary() {
  echo "$(echo "$1" | awk '/Requests\/sec/ {printf "%.0f", $2}') · $(to_ms "$(echo "$1" | awk '$1=="50%" {print $2}')") · $(to_ms "$(echo "$1" | awk '$1=="99%" {print $2}')")"
}
sessions() { # role count path → page.lua lines
  awk -F'\t' -v r="$1" '$1 == r {print $2}' "$data/accounts.tsv" | head -"$2" |
    while read -r email; do printf '%s\t%s\n' "$(sign_in "$BASE" "$email")" "$3"; done
}

results="$work/results.tsv"; : > "$results"
run_variant() {
  local name="$1" environment="$2" kv alone light heavy hp
  echo "== Variant $name: ${environment:-(as configured)}"
  for kv in $environment; do export "${kv?}"; done
  APP_DIR="$APP" launch_app "$data" "${app_args[@]}"
  for kv in $environment; do unset "${kv%%=*}"; done
  wait_healthy "$BASE" "$work/app.log"
  for kv in $environment; do tr '\0' '\n' < "/proc/$app_pid/environ" | grep -qxF "$kv" || fail "the application did not get $kv"; done
  sessions evaluado "$USERS" "$LIGHT" | lua_get "$work/light.lua"
  sessions talento_humano 4 "$HEAVY" | lua_get "$work/heavy.lua"
  [ -s "$work/light.lua" ] && [ -s "$work/heavy.lua" ] || fail "no sessions"
  warm_up_until_jit_idle "$app_pid" "$WARMUP" 2s 40s 40 -t1 -c8 -s "$work/light.lua" "$BASE$LIGHT" > /dev/null
  warm_up_until_jit_idle "$app_pid" "$WARMUP" 2s 40s 40 -t1 -c8 -s "$work/heavy.lua" "$BASE$HEAVY" > /dev/null
  alone=$(wrk -t1 -c"$LIGHT_C" -d"$DURATION" --timeout 120s --latency -s "$work/light.lua" "$BASE$LIGHT")
  # The heavy page's load first; the light page measured inside it (a second shorter, starting half a second later).
  wrk -t1 -c"$HEAVY_C" -d"$DURATION" --timeout 120s --latency -s "$work/heavy.lua" "$BASE$HEAVY" > "$work/heavy.out" &
  hp=$!
  sleep 0.5
  light=$(wrk -t1 -c"$LIGHT_C" -d"$(( $(seconds_of "$DURATION") - 1 ))s" --timeout 120s --latency -s "$work/light.lua" "$BASE$LIGHT")
  wait "$hp"
  heavy=$(cat "$work/heavy.out")
  for out in "$alone" "$light" "$heavy"; do
    if echo "$out" | grep -q "Non-2xx"; then fail "a page answered other than 200 in variant $name"; fi
  done
  printf '%s\t%s\t%s\t%s\n' "$name" "$(summary "$alone")" "$(summary "$light")" "$(summary "$heavy")" | tee -a "$results"
  stop_app
}

for round in $(seq 1 "$ROUNDS"); do
  echo "== Round $round"
  if [ $((round % 2)) = 1 ]; then run_variant A "$A"; run_variant B "$B"
  else run_variant B "$B"; run_variant A "$A"; fi
done

md="bench/results/$(date +%Y-%m-%d)-consolidation-$(echo "$PROVIDER" | tr '[:upper:]' '[:lower:]')${TAG:+-$TAG}.md"
{
  echo "# Mixed load on $PROVIDER, $SERVANTS servants, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo
  echo "- A: ${A:-(as configured)}; B: ${B:-(as configured)}; $ROUNDS rounds in alternating order, wrk 1 thread per load, $DURATION"
  echo "- Evaluados' $LIGHT on $LIGHT_C connections ($USERS sessions); Talento Humano's $HEAVY on $HEAVY_C connections (4 sessions)"
  echo "- Each cell: req/s · p50 ms · p99 ms, one line per round"
  echo
  echo "| Variant | $LIGHT alone | $LIGHT while $HEAVY is under load | $HEAVY |"
  echo "|---|---|---|---|"
  awk -F'\t' '{ k = $1; if (!(k in seen)) { seen[k] = 1; order[++n] = k }
      for (c = 2; c <= 4; c++) cell[k, c] = cell[k, c] (cell[k, c] == "" ? "" : "<br>") $c }
    END { for (i = 1; i <= n; i++) printf "| %s | %s | %s | %s |\n", order[i], cell[order[i], 2], cell[order[i], 3], cell[order[i], 4] }' "$results"
} > "$md"
cat "$md"
echo "Written to $md"
