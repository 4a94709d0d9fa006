#!/usr/bin/env bash
# Times the import of servants through the real pages (upload → preview, then confirmation) of the application
# (Release build) on a generated entity of $SERVANTS servants, with an .xlsx of $ROWS new servants written by
# bench/Egi.Generator (--import-file): groups of 25, a jefe from the directory and 24 servants under a jefe of the file.
#   bench/import.sh                        # SQLite, 5 000 rows
#   ROWS=50000 bench/import.sh
#   PROVIDER=Postgres bench/import.sh      # a private PostgreSQL 15 (run as root), torn down at the end
# IMPORTS=2 (default) imports a second file of $ROWS other new servants in the same process, timed apart: the first
# import after a start also compiles its code; the second is what a server that has been up does.
# TRACE_OUT=FILE keeps dotnet-trace's sampled thread stacks of the last import's confirmation there (the methods
# longest on the stack are printed too). APP=FOLDER runs an application published there (bench/publish.sh) instead of
# this checkout's, to compare two builds run after run on the same machine. Other settings: SERVANTS (500), SEED, PORT, PGPORT. Needs: the .NET SDK, curl
# (and dotnet-trace for TRACE_OUT).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${ROWS:-5000}"
SERVANTS="${SERVANTS:-500}"
IMPORTS="${IMPORTS:-2}"
SEED="${SEED:-2026}"
PROVIDER="${PROVIDER:-Sqlite}"
PORT="${PORT:-5298}"
PGPORT="${PGPORT:-55433}"
PASSWORD="Egi.Bench2026"
PGBIN=/usr/lib/postgresql/15/bin
BASE="http://127.0.0.1:$PORT"
work="$(mktemp -d /tmp/egi-import.XXXXXX)"
pgdir=""

cleanup() {
  { [ -z "${app_pid:-}" ] || kill "$app_pid"; } 2>/dev/null || true
  { [ -z "${app_pid:-}" ] || wait "$app_pid"; } 2>/dev/null || true
  if [ -n "$pgdir" ]; then
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$pgdir"
  fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "import.sh: $*" >&2; exit 1; }
now() { date +%s%N; }
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b - a) / 1e9 }'; }
# CPU seconds the application has used so far (user + system): on a shared machine, what a phase cost it.
cpu_of() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.1f", ($14 + $15) / hz }' "/proc/$app_pid/stat"; }
cpu_delta() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

echo "== Building (Release, the production profile: bench/publish.sh)"
dotnet build bench/Egi.Generator -c Release -v q -nologo >/dev/null
if [ -n "${APP:-}" ]; then cp -r "$APP" "$work/app"; else bench/publish.sh "$work/app"; fi

case "$PROVIDER" in
  Sqlite|sqlite|SQLite)
    PROVIDER=Sqlite
    gen_args=(--provider Sqlite --out "$work/data")
    app_args=(--Egi:DataFolder="$work/data")
    ;;
  Postgres|postgres|PostgreSQL)
    PROVIDER=Postgres
    [ "$(id -u)" = 0 ] || fail "PROVIDER=Postgres starts a private PostgreSQL with runuser: run as root"
    echo "== Starting a private PostgreSQL 15 on port $PGPORT"
    pgdir="$(mktemp -d /tmp/egi-pg.XXXXXX)"
    chown postgres: "$pgdir"
    runuser -u postgres -- "$PGBIN/initdb" -D "$pgdir/data" -U postgres -A trust -E UTF8 >/dev/null
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w \
      -o "-p $PGPORT -k $pgdir -c listen_addresses=127.0.0.1" start >/dev/null
    conn="Host=127.0.0.1;Port=$PGPORT;Database=egi;Username=postgres"
    gen_args=(--provider Postgres --connection "$conn" --out "$work/data")
    app_args=(--Egi:DataFolder="$work/data" --Database:Provider=Postgres "--ConnectionStrings:Postgres=$conn")
    ;;
  *) fail "PROVIDER must be Sqlite or Postgres" ;;
esac

generator=bench/Egi.Generator/bin/Release/net10.0/Egi.Generator.dll
echo "== Generating $SERVANTS servants and a file of $ROWS new ones ($PROVIDER)"
dotnet "$generator" --servants "$SERVANTS" --seed "$SEED" --reset "${gen_args[@]}" >/dev/null
dotnet "$generator" "${gen_args[@]}" --import-file "$work/servidores.xlsx" --import-rows "$ROWS" | sed 's/^/   /'
[ "$IMPORTS" -ge 2 ] && dotnet "$generator" "${gen_args[@]}" --import-file "$work/servidores-2.xlsx" --import-rows "$ROWS" --import-from "$ROWS" >/dev/null
echo "   $(du -h "$work/servidores.xlsx" | cut -f1) on disk"

echo "== Starting the application (Release, Production)"
ASPNETCORE_ENVIRONMENT=Production dotnet "$work/app/Egi.Web.dll" --urls "$BASE" "${app_args[@]}" \
  --Egi:SeedDemo=false --Egi:StartupBanner=false --Mail:BaseUrl="$BASE" \
  --Logging:LogLevel:Default=Warning --Logging:LogLevel:Egi.Web.Features.Directory.Import.ServantImporter=Information \
  --Logging:LogLevel:Egi.Web.Features.Directory.Jobs.DirectoryJobRunner=Information --Mail:WorkerEnabled=false --Scheduler:Enabled=false > "$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 240); do curl -fs "$BASE/health" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "$BASE/health" >/dev/null || { cat "$work/app.log"; fail "the application did not start"; }

jar="$work/jar"
token_of() { sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1; }
field_of() { sed -n "s/.*name=\"$1\" value=\"\([^\"]*\)\".*/\1/p" | head -1; }
email=$(awk -F'\t' '$1=="talento_humano" {print $2; exit}' "$work/data/accounts.tsv")
token=$(curl -s -c "$jar" "$BASE/Account/Login" | token_of)
curl -s -b "$jar" -c "$jar" -o /dev/null "$BASE/Account/Login" \
  --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=$PASSWORD" --data-urlencode "__RequestVerificationToken=$token"
grep -q 'egi\.auth' "$jar" || fail "sign-in of $email failed"
count() { curl -s -b "$jar" "$BASE/Directory/Servants" | sed -n 's/.*encontraron \([0-9]*\) servidores.*/\1/p' | head -1; }

# One import through the pages: upload (preview), then confirmation; prints both times and the worker's own steps.
import_file() { # FILE ROWS_BEFORE LABEL
  local file="$1" before="$2" label="$3"
  echo "== $label"
  token=$(curl -s -b "$jar" -c "$jar" "$BASE/Directory/Import" | token_of)
  c0=$(cpu_of); t0=$(now)
  curl -s -b "$jar" -c "$jar" -m 900 -o "$work/preview.html" "$BASE/Directory/Import" \
    -F "__RequestVerificationToken=$token" -F "Upload=@$file;type=application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
  t1=$(now); c1=$(cpu_of)
  grep -q "Confirmar importación" "$work/preview.html" || { sed 's/<[^>]*>//g' "$work/preview.html" | grep -v '^\s*$' | head -40; fail "the preview offers no confirmation"; }
  created=$(sed -n 's/.*id="cuenta-crear">\([0-9]*\)<.*/\1/p' "$work/preview.html" | head -1)
  [ "$created" = "$ROWS" ] || fail "the preview plans $created creations, not $ROWS"
  echo "   Preview of $ROWS rows: $(seconds "$t0" "$t1") s (application CPU $(cpu_delta "$c0" "$c1") s)"

  import_token=$(field_of Token < "$work/preview.html")
  fingerprint=$(field_of Fingerprint < "$work/preview.html")
  token=$(token_of < "$work/preview.html")
  if [ -n "${TRACE_OUT:-}" ] && [ "$label" = "$last_label" ]; then
    "$TRACE" collect -p "$app_pid" --profile dotnet-sampled-thread-time --duration 00:00:00:"$TRACE_SECONDS" -o "$TRACE_OUT" > /dev/null &
    trace_pid=$!
    sleep 1
  fi
  c2=$(cpu_of); t2=$(now)
  location=$(curl -s -b "$jar" -c "$jar" -m 900 -o "$work/confirm.html" -w "%{redirect_url}" "$BASE/Directory/Import?handler=Confirm" \
    --data-urlencode "__RequestVerificationToken=$token" --data-urlencode "Token=$import_token" --data-urlencode "Fingerprint=$fingerprint")
  # A large import runs in the background: its page shows the progress, read here from the JSON the page polls.
  if [[ "$location" == *"handler=Progress"* ]]; then
    id="${location##*id=}"
    while :; do
      status=$(curl -s -b "$jar" "$BASE/Directory/Import?handler=Status&id=$id")
      [[ "$status" == *'"done":true'* ]] && break
      sleep 0.2
    done
    [[ "$status" == *'"succeeded":true'* ]] || fail "the import failed: $status"
  elif [ -z "$location" ]; then
    sed 's/<[^>]*>//g' "$work/confirm.html" | grep -v '^\s*$' | head -40; fail "the confirmation did not redirect"
  fi
  t3=$(now); c3=$(cpu_of)
  echo "   Confirmation of $ROWS rows: $(seconds "$t2" "$t3") s (application CPU $(cpu_delta "$c2" "$c3") s; load average $(cut -d' ' -f1 /proc/loadavg))"
  if [ -n "${trace_pid:-}" ]; then
    wait "$trace_pid"; trace_pid=""
    echo "   Traced into $TRACE_OUT; the methods longest on the stack, inclusive:"
    "$TRACE" report "$TRACE_OUT" topN -n 60 --inclusive | sed 's/^/   /'
  fi
  listed=$(count)
  [ "$listed" = "$((before + ROWS))" ] || fail "$listed servants listed after the import, not $((before + ROWS))"
  echo "   Servants listed now: $listed"
  # The worker's own timing of each step (ServantImporter's log line, the last one written).
  sed -n 's/.*Import job [0-9]*: \(the kept file .*\)/   Worker: \1/p' "$work/app.log" | tail -1
  sed -n 's/.*Import of .* applied in \(.*\)/   Applied in \1/p' "$work/app.log" | tail -1
  summary+=("| $PROVIDER | $ROWS rows | $label | preview $(seconds "$t0" "$t1") s (CPU $(cpu_delta "$c0" "$c1") s) | confirm $(seconds "$t2" "$t3") s (CPU $(cpu_delta "$c2" "$c3") s) | total $(seconds "$t0" "$t3") s |")
}

summary=()
last_label="first import after start"
[ "$IMPORTS" -lt 2 ] || last_label="second import, warm process"
TRACE="$(command -v dotnet-trace || echo "$HOME/.dotnet/tools/dotnet-trace")"
TRACE_SECONDS="${TRACE_SECONDS:-08}"
before=$(count)
import_file "$work/servidores.xlsx" "$before" "first import after start"
if [ "$IMPORTS" -ge 2 ]; then
  # The same work again in a process that has run it once (its code compiled and tiered up): a server that has been up.
  import_file "$work/servidores-2.xlsx" "$((before + ROWS))" "second import, warm process"
fi
printf '%s\n' "${summary[@]}"
