#!/usr/bin/env bash
# Load measurements with wrk against the real application (Release build, SQLite, demo data).
#   bench/load.sh            # 15 s per endpoint, 2 threads, 16 connections
#   DURATION=30s bench/load.sh
# Needs: the .NET SDK, wrk (apt-get install wrk), curl. Prints one wrk summary per endpoint.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-15s}"
PORT="${PORT:-5299}"
work="$(mktemp -d /tmp/egi-bench.XXXXXX)"
trap 'kill "${app_pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }
dotnet publish src/Egi.Web -c Release -o "$work/app" -v q -nologo >/dev/null

ASPNETCORE_ENVIRONMENT=Production dotnet "$work/app/Egi.Web.dll" --urls "http://127.0.0.1:$PORT" \
  --Egi:DataFolder="$work/data" --Egi:SeedDemo=true --Egi:DemoScenario=true --Egi:StartupBanner=false \
  --Logging:LogLevel:Default=Warning --Mail:WorkerEnabled=false --Scheduler:Enabled=false > "$work/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$PORT/health" >/dev/null || { cat "$work/app.log"; exit 1; }

# Sign in as Talento Humano through the real form (antiforgery token + cookies).
jar="$work/cookies"
token=$(curl -s -c "$jar" "http://127.0.0.1:$PORT/Account/Login" | sed -n 's/.*name="__RequestVerificationToken" type="hidden" value="\([^"]*\)".*/\1/p' | head -1)
curl -s -b "$jar" -c "$jar" -o /dev/null "http://127.0.0.1:$PORT/Account/Login" \
  --data-urlencode "Input.Email=talento.humano@egi-demo.gov.co" --data-urlencode "Input.Password=Egi.Demo2026" \
  --data-urlencode "__RequestVerificationToken=$token"
cookie=$(sed 's/^#HttpOnly_//' "$jar" | awk '!/^#/ && NF>=7 {printf "%s=%s; ", $6, $7}')

check() {
  local code
  code=$(curl -s -o /dev/null -w "%{http_code}" -H "Cookie: $cookie" "http://127.0.0.1:$PORT$1")
  [ "$code" = "200" ] || { echo "Signed-in request to $1 answered $code, not 200: sign-in failed" >&2; exit 1; }
}

run() {
  local name="$1" path="$2" auth="${3:-}"
  echo "== $name ($path)"
  if [ -n "$auth" ]; then
    wrk -t2 -c16 -d"$DURATION" --latency -H "Cookie: $cookie" "http://127.0.0.1:$PORT$path" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx"
  else
    wrk -t2 -c16 -d"$DURATION" --latency "http://127.0.0.1:$PORT$path" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx"
  fi
}
check /Directory/Servants
run "Health (database ping)" /health
run "Sign-in page (anonymous)" /Account/Login
run "Home of Talento Humano" / auth
run "Directory: servants list, page 1" /Directory/Servants auth
run "Directory: search by document" "/Directory/Servants?q=1.022.345.987" auth
check /Dashboard
run "Dashboard: four SVG charts of the open period" /Dashboard auth
run "Control points: late list of the first follow-up" "/Control?etapa=3" auth
run "Annual report (activity 16) on screen" /Reports/Annual auth
run "Improvement plans of the period (Talento Humano)" /Improvement auth
