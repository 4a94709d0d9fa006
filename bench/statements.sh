#!/usr/bin/env bash
# What each page asks of PostgreSQL: the statements it sends, how often per page, and the server's time on each
# (pg_stat_statements, planning included), on a generated entity. bench/load.sh tells how much of a page's CPU is the
# database server's; this tells which statement it is.
#   sudo bench/statements.sh                          # 5 000 servants, 100 requests per page, one after another
#   REQUESTS=300 SERVANTS=2000 bench/statements.sh
# Each page is first requested WARMUP (20) times unmeasured: automatic preparation (Npgsql's Max Auto Prepare) and
# PostgreSQL's choice between a custom and a generic plan both settle in the first requests.
# Settings: SERVANTS (5000), SEED (2026), PORT (5295), PGPORT (55433), REQUESTS (100), WARMUP (20), TOP (6 statements per
# page), PLANS and SLOW_MS (see below), CONN_EXTRA (appended to the application's connection string, e.g. 'No Reset On Close=false'), TAG (a suffix of
# the results file's name).
# Needs: root (a private PostgreSQL 15 started with runuser), the .NET SDK, curl. Writes bench/results/<date>-statements[-TAG].md.
set -euo pipefail
cd "$(dirname "$0")/.."
SERVANTS="${SERVANTS:-5000}"
SEED="${SEED:-2026}"
PORT="${PORT:-5295}"
PGPORT="${PGPORT:-55433}"
REQUESTS="${REQUESTS:-100}"
WARMUP="${WARMUP:-20}"
TOP="${TOP:-6}"
PASSWORD="Egi.Bench2026"
BASE="http://127.0.0.1:$PORT"
work="$(mktemp -d /tmp/egi-statements.XXXXXX)"
# shellcheck source=bench/lib.sh
source bench/lib.sh
cleanup() { stop_app; stop_postgres; rm -rf "$work"; }
trap cleanup EXIT

echo "== Building (bench/publish.sh) and starting a private PostgreSQL with pg_stat_statements on port $PGPORT"
dotnet build bench/Egi.Generator -c Release -v q -nologo >/dev/null
bench/publish.sh "$work/app"
PG_OPTIONS="-c shared_preload_libraries=pg_stat_statements,auto_explain -c pg_stat_statements.track_planning=on"
# PLANS=<file>: the plan of every statement slower than SLOW_MS (1) with its timings (auto_explain), copied there at the end.
[ -z "${PLANS:-}" ] || PG_OPTIONS="$PG_OPTIONS -c auto_explain.log_min_duration=${SLOW_MS:-1} -c auto_explain.log_analyze=on -c auto_explain.sample_rate=0.05"
start_postgres "$PGPORT"
sql() { runuser -u postgres -- "$PGBIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -X -q -A -t -F $'\t' -c "$1"; }
sql "CREATE EXTENSION pg_stat_statements"

echo "== Generating $SERVANTS servants (seed $SEED)"
dotnet bench/Egi.Generator/bin/Release/net10.0/Egi.Generator.dll --servants "$SERVANTS" --seed "$SEED" --reset \
  --provider Postgres --connection "$conn" --out "$work/data" | grep -vE '^    [^ ]+@' | sed 's/^/   /'
accounts="$work/data/accounts.tsv"

start_app "$work/data" --Database:Provider=Postgres "--ConnectionStrings:Postgres=$conn${CONN_EXTRA:+;$CONN_EXTRA}"
first() { awk -F'\t' -v r="$1" '$1 == r {print $2 "\t" $3; exit}' "$accounts"; }
IFS=$'\t' read -r ev_email ev_eval < <(first evaluado)
ev=$(sign_in "$BASE" "$ev_email"); jefe=$(sign_in "$BASE" "$(first jefe | cut -f1)"); th=$(sign_in "$BASE" "$(first talento_humano | cut -f1)")

md="bench/results/$(date +%Y-%m-%d)-statements${TAG:+-$TAG}.md"
mkdir -p bench/results
{
  echo "# The statements of each page on PostgreSQL, $SERVANTS servants"
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
  echo "- $REQUESTS requests per page one after another (after $WARMUP unmeasured), signed in as one user of each role;"
  echo "  server time = planning + execution (pg_stat_statements), per page request; the application's own CPU is not here"
  echo "  (bench/load.sh's «app CPU» column)"
  [ -z "${CONN_EXTRA:-}" ] || echo "- Connection string: the generated one plus \`$CONN_EXTRA\`"
} > "$md"
for spec in "ev /health" "ev /Pending" "ev /Evaluations/Details/$ev_eval" "jefe /Pending" "jefe /Evaluations/ToApprove" \
    "th /Dashboard" "th /Control?etapa=1" "th /Reports/Stage1" "th /Reports/Annual" "th /Directory/Servants"; do
  set -- $spec
  case $1 in ev) cookie=$ev ;; jefe) cookie=$jefe ;; *) cookie=$th ;; esac
  for _ in $(seq "$WARMUP"); do curl -fs -o /dev/null -H "Cookie: $cookie" "$BASE$2"; done
  sql "SELECT pg_stat_statements_reset()" >/dev/null
  for _ in $(seq "$REQUESTS"); do curl -fs -o /dev/null -H "Cookie: $cookie" "$BASE$2"; done
  stats=$(sql "SELECT count(*), round(sum(calls)::numeric / $REQUESTS, 1), round(sum(total_plan_time + total_exec_time)::numeric / $REQUESTS, 3)
               FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'")
  IFS=$'\t' read -r kinds calls ms <<< "$stats"
  echo "-- $1 $2: $calls statements per request ($kinds kinds), $ms ms of the server per request"
  {
    echo
    echo "## $1 $2: $calls statements per request, $ms ms of the server"
    echo
    echo "| calls per request | plan ms | exec ms | rows per call | statement |"
    echo "|---:|---:|---:|---:|---|"
    sql "SELECT round(calls::numeric / $REQUESTS, 2), round(total_plan_time::numeric / calls, 3), round(total_exec_time::numeric / calls, 3),
                round(rows::numeric / calls, 1), replace(left(regexp_replace(query, '\s+', ' ', 'g'), 220), '|', '\|')
         FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'
         ORDER BY total_plan_time + total_exec_time DESC LIMIT $TOP" | awk -F'\t' '{ printf "| %s | %s | %s | %s | `%s` |\n", $1, $2, $3, $4, $5 }'
  } >> "$md"
done
[ -z "${PLANS:-}" ] || { cp "$pgdir/log" "$PLANS"; echo "Plans of the statements slower than ${SLOW_MS:-1} ms: $PLANS"; }
echo "Written to $md"
