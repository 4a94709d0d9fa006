#!/usr/bin/env bash
# Times the annual report's .xlsx (issue 11: 5 000 servants under 2 s, under 200 MB peak, within 1.5× of MiniExcel
# writing the same rows from memory) through the real page of the application (Release build, Production) on a
# generated entity, for every period the report offers; then the same sheets written by MiniExcel from memory.
#   bench/xlsx.sh                                   # SQLite, 5 000 servants generated in a temporary folder
#   PROVIDER=Postgres bench/xlsx.sh                 # a private PostgreSQL 15 (run as root), torn down at the end
#   DATA=/tmp/big SERVANTS=5000 bench/xlsx.sh       # reuse (or generate once into) DATA
#   REPORT=Stage1 bench/xlsx.sh                     # another consolidation report (Stage1, Stage2, Annual)
#   RUNS=10 bench/xlsx.sh                           # measured downloads, and MiniExcel's writes, per period (default 5)
#                                                   # (RUNS=60 compares warm code: the runtime keeps re-compiling both
#                                                   # sides, optimized, for dozens of runs — bench/HISTORY.md)
#   REPORT=Records HANDLER=Goals bench/xlsx.sh      # a record of the «Reporte Excel del sistema» (Goals,
#                                                   # SelfEvaluations, Competencies)
# Peak memory: the application's VmHWM after the download, reset just before it (/proc/PID/clear_refs), against its
# resident memory before. Needs: the .NET SDK, curl. Writes bench/results/<date>-xlsx-<report>.md.
set -euo pipefail
cd "$(dirname "$0")/.."
SERVANTS="${SERVANTS:-5000}"
SEED="${SEED:-2026}"
PORT="${PORT:-5297}"
PGPORT="${PGPORT:-55433}"
PROVIDER="${PROVIDER:-Sqlite}"
REPORT="${REPORT:-Annual}"
RUNS="${RUNS:-5}"
HANDLER="${HANDLER:-Xlsx}"
PASSWORD="Egi.Bench2026"
BASE="http://127.0.0.1:$PORT"
work="$(mktemp -d /tmp/egi-xlsx.XXXXXX)"
data="${DATA:-$work/data}"
pgdir=""

cleanup() {
  { [ -z "${app_pid:-}" ] || kill "$app_pid"; } 2>/dev/null || true
  { [ -z "${app_pid:-}" ] || wait "$app_pid"; } 2>/dev/null || true
  stop_postgres
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=bench/lib.sh
source bench/lib.sh

echo "== Building (Release, the production profile: bench/publish.sh)"
dotnet build bench/Egi.Generator -c Release -v q -nologo >/dev/null
bench/publish.sh "$work/app"
generator=bench/Egi.Generator/bin/Release/net10.0/Egi.Generator.dll

app_args=()
gen_args=(--provider Sqlite --out "$data")
case "$PROVIDER" in
  Sqlite|sqlite|SQLite) PROVIDER=Sqlite ;;
  Postgres|postgres|PostgreSQL)
    PROVIDER=Postgres
    [ -z "${DATA:-}" ] || fail "DATA (reusing a generated entity) is for SQLite only"
    echo "== Starting a private PostgreSQL 15 on port $PGPORT"
    start_postgres "$PGPORT"
    gen_args=(--provider Postgres --connection "$conn" --out "$data")
    app_args=(--Database:Provider=Postgres "--ConnectionStrings:Postgres=$conn")
    ;;
  *) fail "PROVIDER must be Sqlite or Postgres" ;;
esac

if [ "$PROVIDER" = Sqlite ] && [ -f "$data/egi.db" ] && [ -f "$data/accounts.tsv" ]; then
  echo "== Reusing the entity in $data"
else
  echo "== Generating $SERVANTS servants (seed $SEED, $PROVIDER) into $data"
  dotnet "$generator" --servants "$SERVANTS" --seed "$SEED" --reset "${gen_args[@]}" | grep -vE '^    [^ ]+@' | sed 's/^/   /'
fi

echo "== Starting the application (Release, Production)"
ASPNETCORE_ENVIRONMENT=Production dotnet "$work/app/Egi.Web.dll" --urls "$BASE" --Egi:DataFolder="$data" \
  --Egi:SeedDemo=false --Egi:StartupBanner=false --Mail:BaseUrl="$BASE" \
  --Logging:LogLevel:Default=Warning --Mail:WorkerEnabled=false --Scheduler:Enabled=false "${app_args[@]}" > "$work/app.log" 2>&1 &
app_pid=$!
wait_healthy "$BASE" "$work/app.log"
cookie=$(sign_in "$BASE" "$(awk -F'\t' '$1=="talento_humano" {print $2; exit}' "$data/accounts.tsv")")

kb() { awk -v k="$1" '$1 == k":" {print $2}' "/proc/$app_pid/status"; }
page="$work/page.html"
curl -s -H "Cookie: $cookie" "$BASE/Reports/$REPORT" > "$page"
periods=$(sed -n '/name="vigencia"/,/<\/select>/p' "$page" | sed -n 's/.*<option[^>]*value="\([0-9]*\)"[^>]*>\([^<]*\)<.*/\1\t\2/p')
[ -n "$periods" ] || fail "no period offered by /Reports/$REPORT"
results="$work/results.tsv"; : > "$results"
echo "== Downloading /Reports/$REPORT?handler=$HANDLER .xlsx"
while IFS=$'\t' read -r id name; do
  token=$(curl -s -H "Cookie: $cookie" "$BASE/Reports/$REPORT?vigencia=$id" | token_of)
  # Warm: the first download compiles the code path.
  curl -s -H "Cookie: $cookie" -o /dev/null "$BASE/Reports/$REPORT?handler=$HANDLER" --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "vigencia=$id"
  # $RUNS measured downloads, the peak reset just before each: the best time and the highest peak.
  rss=$(kb VmRSS); time=""; peak=0
  for _ in $(seq 1 "$RUNS"); do
    echo 5 > "/proc/$app_pid/clear_refs"
    t=$(curl -s -H "Cookie: $cookie" -o "$work/$id.xlsx" -w "%{time_total}" "$BASE/Reports/$REPORT?handler=$HANDLER" \
      --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "vigencia=$id")
    p=$(kb VmHWM); [ "$p" -gt "$peak" ] && peak=$p
    if [ -z "$time" ] || awk -v a="$t" -v b="$time" 'BEGIN { exit !(a < b) }'; then time=$t; fi
  done
  size=$(stat -c %s "$work/$id.xlsx")
  baseline=$(dotnet "$generator" --xlsx-baseline "$work/$id.xlsx" --xlsx-runs "$RUNS")
  rows=$(echo "$baseline" | sed -n 's/.* \([0-9]*\) rows.*/\1/p')
  floor=$(echo "$baseline" | sed -n 's/.*best of [0-9]*: \([0-9]*\) ms/\1/p')
  ms=$(awk -v t="$time" 'BEGIN { printf "%.0f", t * 1000 }')
  ratio=$(awk -v a="$ms" -v b="$floor" 'BEGIN { printf "%.2f", (b > 0) ? a / b : 0 }')
  growth=$(( (peak - rss) / 1024 ))
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$rows" "$((size / 1024))" "$ms" "$floor" "$ratio" "$((peak / 1024))" "$growth" >> "$results"
  echo "   $name: $rows rows, $((size / 1024)) KB in $ms ms (MiniExcel from memory: $floor ms, ×$ratio); peak RSS $((peak / 1024)) MB (+$growth MB over the $((rss / 1024)) MB before)"
done <<< "$periods"

mkdir -p bench/results
name="$REPORT"; [ "$HANDLER" = Xlsx ] || name="$REPORT-$HANDLER"
suffix=""; [ "$PROVIDER" = Sqlite ] || suffix="-postgres"
md="bench/results/$(date +%Y-%m-%d)-xlsx-$(echo "$name" | tr '[:upper:]' '[:lower:]')$suffix${TAG:+-$TAG}.md"
{
  echo "# /Reports/$REPORT?handler=$HANDLER .xlsx, $PROVIDER, $(($(wc -l < "$data/accounts.tsv") - 1)) accounts' entity"
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- Machine: $(nproc) cores, $(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
  echo "- The download through the real page (curl, signed in as Talento Humano), the best of $RUNS downloads after a warm-up one (the highest peak of them); MiniExcel from memory: the same sheets read back from that file and written again (best of $RUNS)"
  echo
  echo "| Period | rows | size (KB) | download (ms) | MiniExcel from memory (ms) | ratio | peak RSS (MB) | RSS growth (MB) |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7, $8 }' "$results"
} > "$md"
echo "== Written to $md"
