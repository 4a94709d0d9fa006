#!/usr/bin/env bash
# What a fresh process costs: the time from launch to the first /health answer, then the first request of a few pages
# (each compiles its code and EF Core's queries on first use), on a copy of a generated entity, RUNS times.
#   DATA=/tmp/big bench/startup.sh          # the production build (bench/publish.sh: ReadyToRun)
#   DATA=/tmp/big JIT=1 bench/startup.sh    # plain Release, compiled at run time, to compare
# Settings: DATA (required: egi.db and accounts.tsv, from bench/load.sh DATA=… or bench/Egi.Generator --out …), RUNS (3),
# PORT. Needs: the .NET SDK, curl.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${DATA:?set DATA to a generated entity (egi.db and accounts.tsv)}"
RUNS="${RUNS:-3}"
PORT="${PORT:-5294}"
PASSWORD="Egi.Bench2026"
BASE="http://127.0.0.1:$PORT"
work="$(mktemp -d /tmp/egi-startup.XXXXXX)"
# shellcheck source=bench/lib.sh
source bench/lib.sh
cleanup() { stop_app; rm -rf "$work"; }
trap cleanup EXIT
[ -f "$DATA/egi.db" ] && [ -f "$DATA/accounts.tsv" ] || fail "no entity in $DATA"

echo "== Building"
bench/publish.sh "$work/app"
ms_since() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }
th=$(awk -F'\t' '$1=="talento_humano" {print $2; exit}' "$DATA/accounts.tsv")
evaluado=$(awk -F'\t' '$1=="evaluado" {print $2; exit}' "$DATA/accounts.tsv")
evaluation=$(awk -F'\t' '$1=="evaluado" {print $3; exit}' "$DATA/accounts.tsv")

echo "| run | start to /health | sign-in | /Dashboard | /Reports/Annual | /Directory/Servants | evaluation page | evaluado /Pending | CPU |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for run in $(seq 1 "$RUNS"); do
  # A fresh copy each run: the application migrates and places what it opens.
  rm -rf "$work/data"; mkdir -p "$work/data"
  cp "$DATA/egi.db" "$DATA/accounts.tsv" "$work/data/"
  [ -d "$DATA/keys" ] && cp -r "$DATA/keys" "$work/data/"
  t0=$(date +%s%N)
  launch_app "$work/data"
  # Polled every 50 ms (start_app's wait polls every half second: too coarse for this measure).
  for _ in $(seq 1 1200); do curl -fs "$BASE/health" >/dev/null 2>&1 && break; sleep 0.05; done
  curl -fs "$BASE/health" >/dev/null || { cat "$work/app.log"; fail "the application did not start"; }
  row="| $run | $(ms_since "$t0") ms"
  t=$(date +%s%N); cookie=$(sign_in "$BASE" "$th"); row="$row | $(ms_since "$t") ms"
  for path in /Dashboard /Reports/Annual /Directory/Servants; do
    t=$(date +%s%N); code=$(http_code "$BASE" "$path" "$cookie")
    [ "$code" = 200 ] || fail "$path answered $code"
    row="$row | $(ms_since "$t") ms"
  done
  cookie=$(sign_in "$BASE" "$evaluado")
  for path in "/Evaluations/Details/$evaluation" /Pending; do
    t=$(date +%s%N); code=$(http_code "$BASE" "$path" "$cookie")
    [ "$code" = 200 ] || fail "$path answered $code"
    row="$row | $(ms_since "$t") ms"
  done
  echo "$row | $(awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f s", ($14 + $15) / hz }' "/proc/$app_pid/stat") |"
  stop_app; app_pid=""
done
