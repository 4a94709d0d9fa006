#!/usr/bin/env bash
# What a write costs the server: the application's CPU (user + system) per saved transition, one request at a time,
# each on its own evaluation — evaluados submitting their goals, then jefes approving goals that wait for them — on a
# copy of a generated entity (the original is left as it was), against /health of the same run. Counted per thread
# (/proc/PID/task): the runtime's tiered compilation, which re-compiles a new code path in the background during its
# first hundreds of requests (two thirds of the CPU of 110 goal submissions), is shown apart, not charged to the write.
#   DATA=/tmp/big bench/writes.sh                 # the working tree's code
#   DATA=/tmp/big REF=e04fe05 bench/writes.sh     # the code of another commit, on the same entity (its own copy)
# Settings: DATA (required: egi.db and accounts.tsv, from bench/load.sh DATA=… or bench/Egi.Generator --out …),
# REF, COUNT (writes of each kind, at most what accounts.tsv lists: 120), WARM (the first 10 of each kind are not
# measured: the first requests of a code path compile it), PORT. Needs: the .NET SDK, wrk, curl, git.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="${DATA:?set DATA to a generated entity (egi.db and accounts.tsv)}"
COUNT="${COUNT:-120}"
WARM="${WARM:-10}"
PORT="${PORT:-5295}"
PASSWORD="Egi.Bench2026"
BASE="http://127.0.0.1:$PORT"
work="$(mktemp -d /tmp/egi-writes.XXXXXX)"
cleanup() {
  { [ -z "${app_pid:-}" ] || kill "$app_pid"; } 2>/dev/null || true
  { [ -z "${app_pid:-}" ] || wait "$app_pid"; } 2>/dev/null || true
  [ -n "${REF:-}" ] && git worktree remove --force "$work/src" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=bench/lib.sh
source bench/lib.sh
[ -f "$DATA/egi.db" ] && [ -f "$DATA/accounts.tsv" ] || fail "no entity in $DATA"

src=.
if [ -n "${REF:-}" ]; then
  git worktree add --detach "$work/src" "$REF" >/dev/null 2>&1 || fail "cannot check out $REF"
  src="$work/src"
fi
echo "== Building $(git -C "$src" rev-parse --short HEAD)$( [ -z "${REF:-}" ] && git diff --quiet HEAD -- src || echo ' (+ working tree)') (Release, the production profile: bench/publish.sh)"
bench/publish.sh "$work/app" "$src"
mkdir -p "$work/data"
cp "$DATA/egi.db" "$DATA/accounts.tsv" "$work/data/"
[ -d "$DATA/keys" ] && cp -r "$DATA/keys" "$work/data/"

ASPNETCORE_ENVIRONMENT=Production dotnet "$work/app/Egi.Web.dll" --urls "$BASE" --Egi:DataFolder="$work/data" \
  --Egi:SeedDemo=false --Egi:StartupBanner=false --Mail:BaseUrl="$BASE" --RateLimits:SignIn:PerIp:PermitLimit=100000 \
  --Logging:LogLevel:Default=Warning --Mail:WorkerEnabled=false --Scheduler:Enabled=false > "$work/app.log" 2>&1 &
app_pid=$!
wait_healthy "$BASE" "$work/app.log"
ticks() { awk '{print $14 + $15}' "/proc/$app_pid/stat"; }
# Every thread's CPU ticks: "<tid> <name> <ticks>".
threads() { for t in /proc/"$app_pid"/task/*; do printf '%s %s %s\n' "${t##*/}" "$(tr ' ' _ < "$t/comm")" "$(sed 's/.*) //' "$t/stat" | awk '{print $12 + $13}')"; done; }
hz=$(getconf CLK_TCK)

year=$(date +%Y)
version_of() { sed -n 's/.*name="Version" value="\([^"]*\)".*/\1/p' | head -1; }
goal="Goals%5B0%5D.Description=Elaborar+los+informes+de+gestion+de+la+dependencia&Goals%5B0%5D.Weight=100"
goal="$goal&Goals%5B0%5D.ExpectedEvidence=Informes+radicados&Goals%5B0%5D.AgreedFirstFollowUpPercent=50&Goals%5B0%5D.DueDate=$year-12-15"
echo "== Signing in and opening the forms ($COUNT of each kind)"
# forms <accounts.tsv role> <page> <handler> <fields>: for COUNT accounts of the role, signs in, opens the page of the
# account's evaluation and prints "cookie<TAB>path?handler=…<TAB>body" with that form's antiforgery token and version.
forms() {
  while IFS=$'\t' read -r email id; do
    cookie=$(sign_in "$BASE" "$email")
    page=$(curl -s -m 300 -H "Cookie: $cookie" "$BASE/Evaluations/$2/$id")
    printf '%s\t%s\t%s\n' "$cookie" "/Evaluations/$2/$id?handler=$3" \
      "__RequestVerificationToken=$(echo "$page" | token_of)&Version=$(echo "$page" | version_of)&$4"
  done < <(awk -F'\t' -v r="$1" -v n="$COUNT" '$1==r && c<n {print $2 "\t" $3; c++}' "$work/data/accounts.tsv")
}
forms evaluado_submit Goals Submit "$goal" > "$work/submits.tsv"
forms jefe_approve Approval Approve "Comment=De+acuerdo" > "$work/approvals.tsv"

# The ceiling of this run: /health, warmed, then measured like cpu.sh.
wrk -t1 -c2 -d5s "$BASE/health" > /dev/null
t0=$(ticks); n=$(wrk -t1 -c2 -d4s "$BASE/health" | awk '/requests in/ {print $1}'); t1=$(ticks)
health=$(awk -v n="$n" -v d=$((t1 - t0)) -v hz="$hz" 'BEGIN { printf "%.2f", d * 1000 / hz / n }')

echo "| Write | saved | refused | CPU per write (ms) | × /health | mean latency (ms) | tiered compilation meanwhile (ms per write) |"
echo "|---|---:|---:|---:|---:|---:|---:|"
echo "| /health (ceiling) | | | $health | 1 | | |"
post() { # cookie path body: prints the HTTP code and the seconds it took
  curl -s -o /dev/null -m 300 -w "%{http_code} %{time_total}\n" -H "Cookie: $1" -H "Content-Type: application/x-www-form-urlencoded" \
    --data "$3" "$BASE$2"
}
run() { # label file
  local ok=0 bad=0 total=0 code t
  head -n "$WARM" "$2" | while IFS=$'\t' read -r cookie path body; do post "$cookie" "$path" "$body" > /dev/null; done
  threads > "$work/before"
  while IFS=$'\t' read -r cookie path body; do
    read -r code t < <(post "$cookie" "$path" "$body")
    # A saved transition redirects (302); a refusal shows the form again with its message (200).
    if [ "$code" = 302 ]; then ok=$((ok + 1)); else bad=$((bad + 1)); fi
    total=$(awk -v a="$total" -v b="$t" 'BEGIN { print a + b }')
  done < <(tail -n +"$((WARM + 1))" "$2")
  threads > "$work/after"
  local count=$((ok + bad)) ms jit
  # Per thread: after - before (a thread started meanwhile counts from zero); the tiered compiler's apart.
  read -r ms jit < <(awk -v c="$count" -v hz="$hz" 'FNR == NR { a[$1] = $3; next }
    { d = $3 - a[$1]; if ($2 ~ /Tiered/) j += d; else w += d }
    END { printf "%.1f %.1f\n", (c > 0) ? w * 1000 / hz / c : 0, (c > 0) ? j * 1000 / hz / c : 0 }' "$work/before" "$work/after")
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$ok" "$bad" "$ms" \
    "$(awk -v a="$ms" -v h="$health" 'BEGIN { printf "%.1f", a / h }')" "$(awk -v s="$total" -v c="$count" 'BEGIN { printf "%.0f", (c > 0) ? s * 1000 / c : 0 }')" "$jit"
}
run "evaluado submits goals" "$work/submits.tsv"
run "jefe approves goals" "$work/approvals.tsv"
