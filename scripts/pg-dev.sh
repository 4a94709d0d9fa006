#!/usr/bin/env bash
# scripts/pg-dev.sh — persistent PostgreSQL 15 for manual development runs.
#
#   scripts/pg-dev.sh start    # creates .tmp/pg on first use and starts it on 127.0.0.1:55433
#   scripts/pg-dev.sh status
#   scripts/pg-dev.sh stop
#
# Data is kept in .tmp/pg (ignored by git); delete that folder (after `stop`)
# to start from scratch. User `egi` (superuser, no password), database `egi`.
# Then run the web app with:
#   Database__Provider=Postgres \
#   ConnectionStrings__Postgres='Host=127.0.0.1;Port=55433;Username=egi;Database=egi' \
#   dotnet run --project src/Egi.Web
set -euo pipefail

ROOT=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
PG_BIN=/usr/lib/postgresql/15/bin
PORT=55433
BASE=$ROOT/.tmp/pg
DATA=$BASE/data
LOG=$BASE/postgres.log
CONN="Host=127.0.0.1;Port=$PORT;Username=egi;Database=egi"

# As root, PostgreSQL must run as `postgres` (initdb refuses root).
if [[ $(id -u) -eq 0 ]]; then AS_PG=(runuser -u postgres --); else AS_PG=(); fi

die() { echo "pg-dev: $*" >&2; exit 1; }

[[ -x $PG_BIN/pg_ctl ]] || die "$PG_BIN/pg_ctl not found: apt-get install postgresql (or run ./test.sh once)"

is_running() { [[ -f $DATA/PG_VERSION ]] && "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

print_conn() {
  cat <<MSG
PostgreSQL (dev) on 127.0.0.1:$PORT, data in $DATA
  export Database__Provider=Postgres
  export ConnectionStrings__Postgres='$CONN'
  psql: $PG_BIN/psql -h 127.0.0.1 -p $PORT -U egi -d egi
MSG
}

cmd_start() {
  if is_running; then echo "Already running."; print_conn; return 0; fi
  if [[ ! -f $DATA/PG_VERSION ]]; then
    echo "Initialising $DATA ..."
    rm -rf -- "$DATA"
    mkdir -p "$BASE"
    mkdir -m 700 "$DATA"
    if [[ $(id -u) -eq 0 ]]; then
      chown -R postgres:postgres "$BASE"
      # postgres must be able to reach the folder
      "${AS_PG[@]}" test -x "$BASE" || die "user postgres cannot access $BASE (permissions of the parent folders)"
    fi
    "${AS_PG[@]}" "$PG_BIN/initdb" -D "$DATA" -A trust -U egi -E UTF8 --locale=C.UTF-8 \
      >"$BASE/initdb.log" 2>&1 || { cat "$BASE/initdb.log" >&2; die "initdb failed"; }
    NEW=1
  fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    die "port $PORT is already in use by another process"
  fi
  # TCP only (-k ''): avoids Unix socket path-length limits in deep checkouts.
  "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
    -o "-p $PORT -k '' -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null \
    || { tail -n 20 "$LOG" >&2 || true; die "pg_ctl start failed (log: $LOG)"; }
  if [[ ${NEW:-0} -eq 1 ]]; then
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$PORT" -U egi egi
  fi
  echo "Started."
  print_conn
}

cmd_stop() {
  if ! is_running; then echo "Not running."; return 0; fi
  "${AS_PG[@]}" "$PG_BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
  echo "Stopped (data kept in $DATA)."
}

cmd_status() {
  if is_running; then echo "Running."; print_conn; else echo "Not running."; return 3; fi
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "Usage: $0 start|stop|status" >&2; exit 2 ;;
esac
