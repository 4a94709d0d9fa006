#!/usr/bin/env bash
# test.sh — build, formatting check and all tests of Egi (used by CI through .ci/run).
#
# Usage:
#   ./test.sh                     # everything
#   ./test.sh 'FullyQualifiedName~Inscripcion'
#                                 # optional: the first argument is passed as
#                                 # `--filter` to every `dotnet test` (VSTest syntax)
#
# What it does:
#   1. Installs with apt-get whatever is missing: postgresql (15) and chromium.
#   2. Starts a throw-away PostgreSQL in a `mktemp -d` folder on a free port
#      (55432 or the next free one) and exports:
#        EGI_TEST_PG="Host=127.0.0.1;Port=PORT;Username=egi;Database=postgres"
#        EGI_CHROMIUM=/usr/bin/chromium
#      An EXIT trap always stops it and removes the folder (also on error/Ctrl-C).
#   3. dotnet tool restore / restore / build (Release). The build is the code-style
#      and analyzer check: it runs with EnforceCodeStyleInBuild and every warning as
#      an error, so it reports what `dotnet format style`/`analyzers` would.
#   4. At the same time: `dotnet format whitespace --verify-no-changes`, dotnet test
#      of Egi.Domain.Tests and of Egi.Web.Tests; then dotnet test of
#      Egi.BrowserTests. Each phase writes its own log, printed whole, in that order,
#      once they have finished. EGI_TEST_PARALLEL=1 also runs the browser tests
#      beside the others; EGI_TEST_SERIAL=1 runs every phase one after the other.
#      Carries on after a failure and exits non-zero at the end if anything failed,
#      with a summary table that gives each phase's time.
set -euo pipefail

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"

FILTER="${1:-}"
PG_BIN=/usr/lib/postgresql/15/bin
CHROMIUM=/usr/bin/chromium
PG_PORT_FIRST=55432
PG_PORT_TRIES=100

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

START_TIME=$SECONDS
# Colours only on a terminal (CI logs stay clean).
if [[ -t 1 ]]; then B=$'\033[1m' R=$'\033[31m' G=$'\033[32m' Y=$'\033[33m' N=$'\033[0m'; else B='' R='' G='' Y='' N=''; fi
log() { printf '\n%s==> %s%s\n' "$B" "$*" "$N"; }
die() { printf '\n%sERROR: %s%s\n' "$R" "$*" "$N" >&2; exit 1; }

if [[ $(id -u) -eq 0 ]]; then IS_ROOT=1; SUDO=(); else IS_ROOT=0; SUDO=(sudo); fi

declare -a SUMMARY_NAMES=() SUMMARY_RESULTS=() SUMMARY_TIMES=()
FAILED=0
# record NAME RESULT SECONDS
record() { SUMMARY_NAMES+=("$1"); SUMMARY_RESULTS+=("$2"); SUMMARY_TIMES+=("$3"); [[ $2 == OK ]] || FAILED=1; }
duration() { printf '%dm%02ds' $(($1 / 60)) $(($1 % 60)); }

print_summary() {
  local i c elapsed=$((SECONDS - START_TIME))
  log "Summary"
  for i in "${!SUMMARY_NAMES[@]}"; do
    if [[ ${SUMMARY_RESULTS[$i]} == OK ]]; then c=$G; else c=$R; fi
    printf '  %-28s %s%-6s%s %8s\n' "${SUMMARY_NAMES[$i]}" "$c" "${SUMMARY_RESULTS[$i]}" "$N" "$(duration "${SUMMARY_TIMES[$i]}")"
  done
  printf '  Total time: %s%s\n' "$(duration "$elapsed")" "${PARALLEL_NOTE:-}"
  printf '  Load average at the end: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
}

# ---------------------------------------------------------------------------
# 1. System dependencies
# ---------------------------------------------------------------------------
apt_get() {
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get -o DPkg::Lock::Timeout=300 -o Acquire::Retries=3 "$@"
}

install_missing() {
  local pkgs=()
  [[ -x $PG_BIN/initdb && -x $PG_BIN/pg_ctl ]] || pkgs+=(postgresql)
  [[ -x $CHROMIUM ]] || pkgs+=(chromium)
  [[ ${#pkgs[@]} -eq 0 ]] && return 0
  if [[ $IS_ROOT -eq 0 ]] && ! command -v sudo >/dev/null; then
    die "missing ${pkgs[*]} and sudo is not available to install them"
  fi
  log "Installing ${pkgs[*]} (apt-get)"
  INSTALLED="${pkgs[*]}"
  if ! apt_get install -y -q "${pkgs[@]}"; then
    # Usually the package lists are empty/out of date: update and retry.
    apt_get update -q
    apt_get install -y -q "${pkgs[@]}"
  fi
  [[ -x $PG_BIN/initdb ]] || die "$PG_BIN/initdb is still missing after installing postgresql"
  [[ -x $CHROMIUM ]] || die "$CHROMIUM is still missing after installing chromium"
}
PHASE_START=$SECONDS
install_missing
[[ -n ${INSTALLED:-} ]] && record "apt-get (${INSTALLED})" OK $((SECONDS - PHASE_START))

# ---------------------------------------------------------------------------
# 2. Throw-away PostgreSQL
# ---------------------------------------------------------------------------
# As root, PostgreSQL must run as `postgres` (initdb refuses root).
if [[ $IS_ROOT -eq 1 ]]; then AS_PG=(runuser -u postgres --); else AS_PG=(); fi

PG_BASE=""
PG_DATA=""
RESULTS=""
PG_STARTED=0
PIDS=()

cleanup() {
  local rc=$? pid
  trap - EXIT INT TERM HUP
  # Phases still running in the background (Ctrl-C, a signal): end them and what they started.
  for pid in "${PIDS[@]:-}"; do
    [[ -n $pid ]] || continue
    pkill -TERM -P "$pid" 2>/dev/null || true
    kill -TERM "$pid" 2>/dev/null || true
  done
  if [[ -n $PG_DATA && -f $PG_DATA/postmaster.pid ]]; then
    "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  if [[ -n $PG_BASE && -d $PG_BASE ]]; then
    rm -rf -- "$PG_BASE" || true
  fi
  [[ -n ${RESULTS:-} && -d $RESULTS ]] && rm -rf -- "$RESULTS"
  [[ $PG_STARTED -eq 1 ]] && echo "PostgreSQL stopped and $PG_BASE removed." >&2
  [[ $rc -ne 0 ]] && printf '%stest.sh: finished with code %d.%s\n' "$R" "$rc" "$N" >&2
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Folders left over by runs that were killed with SIGKILL (no trap): if the
# script that created them is no longer alive, stop their PostgreSQL and
# delete them. Folders of other live runs are left alone.
reap_stale() {
  local d owner
  for d in /tmp/egi-test-pg.*; do
    [[ -d $d && -f $d/owner.pid ]] || continue
    owner=$(cat "$d/owner.pid" 2>/dev/null || true)
    [[ $owner =~ ^[0-9]+$ ]] || continue
    kill -0 "$owner" 2>/dev/null && continue
    [[ -O $d || $IS_ROOT -eq 1 ]] || continue
    if [[ -f $d/data/postmaster.pid ]]; then
      "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$d/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf -- "$d" 2>/dev/null || true
  done
}
reap_stale

port_in_use() {
  # Something answers on 127.0.0.1:$1?
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start_postgres() {
  log "Starting temporary PostgreSQL"
  # Always under /tmp: the `postgres` user must be able to reach it, and the
  # Unix socket path must stay short.
  PG_BASE=$(mktemp -d /tmp/egi-test-pg.XXXXXXXX)
  echo $$ >"$PG_BASE/owner.pid"
  PG_DATA=$PG_BASE/data
  mkdir -m 700 "$PG_DATA"
  [[ $IS_ROOT -eq 1 ]] && chown -R postgres:postgres "$PG_BASE"

  if ! "${AS_PG[@]}" "$PG_BIN/initdb" -D "$PG_DATA" -A trust -U egi -E UTF8 \
        --locale=C.UTF-8 --no-sync >"$PG_BASE/initdb.log" 2>&1; then
    cat "$PG_BASE/initdb.log" >&2
    die "initdb failed"
  fi

  local port=$PG_PORT_FIRST last=$((PG_PORT_FIRST + PG_PORT_TRIES - 1))
  for ((; port <= last; port++)); do
    port_in_use "$port" && continue
    rm -f -- "$PG_BASE/postgres.log"
    if "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$PG_BASE/postgres.log" -w -t 60 \
        -o "-p $port -k $PG_BASE -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400" \
        start >/dev/null 2>&1; then
      PG_PORT=$port
      PG_STARTED=1
      echo "PostgreSQL 15 on 127.0.0.1:$PG_PORT (data in $PG_DATA)"
      return 0
    fi
    # Lost a race for the port (or another error): retry on the next one,
    # unless the failure has nothing to do with the port.
    if ! grep -qiE 'could not (bind|create listen)|address already in use' "$PG_BASE/postgres.log" 2>/dev/null; then
      cat "$PG_BASE/postgres.log" >&2 2>/dev/null || true
      die "pg_ctl start failed"
    fi
    "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1 || true
  done
  die "no free port between $PG_PORT_FIRST and $last"
}
PHASE_START=$SECONDS
start_postgres
record postgresql OK $((SECONDS - PHASE_START))

export EGI_TEST_PG="Host=127.0.0.1;Port=$PG_PORT;Username=egi;Database=postgres"
export EGI_CHROMIUM=$CHROMIUM
echo "EGI_TEST_PG=$EGI_TEST_PG"
echo "EGI_CHROMIUM=$EGI_CHROMIUM"

# ---------------------------------------------------------------------------
# 3. Build and format
# ---------------------------------------------------------------------------
PHASE_START=$SECONDS
log "dotnet tool restore"
dotnet tool restore

log "dotnet restore"
dotnet restore Egi.slnx
record restore OK $((SECONDS - PHASE_START))

# The build also checks the code style and the analyzers (what `dotnet format style` and `dotnet format analyzers`
# check, on every project, for a fraction of their time: they load and analyse the whole solution again): IDE rules
# run in the build and every warning is an error. Only the whitespace check is left to `dotnet format` below.
PHASE_START=$SECONDS
log "dotnet build (Release, code style and analyzers, warnings as errors)"
if dotnet build Egi.slnx -c Release --no-restore -p:EnforceCodeStyleInBuild=true -p:TreatWarningsAsErrors=true \
    -p:WarningsNotAsErrors=NU1603; then
  record build OK $((SECONDS - PHASE_START))
else
  record build FALLÓ $((SECONDS - PHASE_START))
  print_summary
  printf '%sHint: a warning fails the build here; `dotnet format Egi.slnx` fixes the style ones.%s\n' "$Y" "$N" >&2
  die "the build failed; tests not run"
fi

# ---------------------------------------------------------------------------
# 4. Formatting and tests, at the same time
# ---------------------------------------------------------------------------
# The console shows failures only (with their messages); every result, with its duration, goes to a .trx file whose
# failures are repeated after the summary, so that the end of a long CI log names them.
RESULTS=$(mktemp -d /tmp/egi-test-results.XXXXXXXX)
TEST_ARGS=(-c Release --no-build --logger "console;verbosity=minimal" --results-directory "$RESULTS")
[[ -n $FILTER ]] && TEST_ARGS+=(--filter "$FILTER")

# run_phase NAME COMMAND...: runs COMMAND with its output in $RESULTS/NAME.log and writes "EXIT-CODE SECONDS" to
# $RESULTS/NAME.status.
run_phase() {
  local name=$1 start=$SECONDS rc=0
  shift
  "$@" >"$RESULTS/$name.log" 2>&1 || rc=$?
  echo "$rc $((SECONDS - start))" >"$RESULTS/$name.status"
}

PHASES=(format Egi.Domain.Tests Egi.Web.Tests Egi.BrowserTests)
start_phase() {
  case $1 in
    format) run_phase format dotnet format whitespace Egi.slnx --verify-no-changes --no-restore ;;
    *) run_phase "$1" dotnet test "tests/$1" "${TEST_ARGS[@]}" --logger "trx;LogFileName=$1.trx" ;;
  esac
}

# run_together PHASE...: starts the phases at the same time and waits for all of them.
run_together() {
  local phase pid
  PIDS=()
  for phase in "$@"; do
    start_phase "$phase" &
    PIDS+=($!)
  done
  for pid in "${PIDS[@]}"; do wait "$pid" || true; done
  PIDS=()
}

# Formatting and the domain tests are short and take little CPU: they run beside the web tests. The browser journeys
# run after them, alone: beside the web tests (both keep the 2 cores busy) a journey's hop through the in-process
# OpenID Connect provider timed out once. EGI_TEST_PARALLEL=1 runs them beside the web tests all the same;
# EGI_TEST_SERIAL=1 runs every phase one after the other.
PARALLEL_START=$SECONDS
if [[ ${EGI_TEST_SERIAL:-0} == 1 ]]; then
  for phase in "${PHASES[@]}"; do start_phase "$phase"; done
elif [[ ${EGI_TEST_PARALLEL:-0} == 1 ]]; then
  log "dotnet format whitespace and dotnet test of the three test projects, at the same time${FILTER:+ (filter: $FILTER)}"
  run_together "${PHASES[@]}"
  PARALLEL_NOTE=" (formatting and the three test projects ran at the same time: $(duration $((SECONDS - PARALLEL_START))))"
else
  log "dotnet format whitespace, dotnet test of Egi.Domain.Tests and Egi.Web.Tests at the same time, then Egi.BrowserTests${FILTER:+ (filter: $FILTER)}"
  run_together format Egi.Domain.Tests Egi.Web.Tests
  PARALLEL_NOTE=" (formatting, domain and web tests ran at the same time: $(duration $((SECONDS - PARALLEL_START))) together)"
  start_phase Egi.BrowserTests
fi

for phase in "${PHASES[@]}"; do
  if [[ $phase == format ]]; then log "dotnet format whitespace --verify-no-changes"; else log "dotnet test tests/$phase${FILTER:+ (filter: $FILTER)}"; fi
  cat "$RESULTS/$phase.log" 2>/dev/null || true
  read -r rc secs <"$RESULTS/$phase.status" 2>/dev/null || { rc=1; secs=0; }
  if [[ $rc -eq 0 ]]; then
    record "$phase" OK "$secs"
  else
    record "$phase" FALLÓ "$secs"
    [[ $phase == format ]] && printf '%sHint: run `dotnet format Egi.slnx` and commit the changes.%s\n' "$Y" "$N" >&2
  fi
done

# Names and first lines of the message of every failed test, read from the .trx files.
print_failures() {
  local trx
  command -v python3 >/dev/null || { echo "  (python3 is not installed: see the failures above)"; return 0; }
  for trx in "$RESULTS"/*.trx; do
    [[ -f $trx ]] || continue
    python3 - "$trx" <<'PY' || true
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for r in ET.parse(sys.argv[1]).getroot().iterfind(".//t:UnitTestResult", ns):
    if r.get("outcome") != "Failed":
        continue
    message = r.find(".//t:ErrorInfo/t:Message", ns)
    text = (message.text or "").strip().splitlines() if message is not None else []
    print(f"  FALLÓ {r.get('testName')} ({r.get('duration')})")
    for line in text[:6]:
        print(f"        {line}")
PY
  done
}

print_summary
if [[ $FAILED -ne 0 ]]; then
  log "Failed tests"
  print_failures
  printf '\n%sSomething failed (see above).%s\n' "$R" "$N" >&2
  exit 1
fi
printf '\n%sAll OK.%s\n' "$G" "$N"
