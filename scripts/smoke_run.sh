#!/usr/bin/env bash
# Smoke test of `make run`, as a developer on a fresh clone would use it.
#
# Starts `make run` in the background on a free port with a throw-away VAR_DIR and the
# embedded defaults (SQLite + filesystem broker: DATABASE_URL, CELERY_BROKER_URL and REDIS_URL
# are ignored), waits for /healthz, for the Celery worker and for beat, logs in as the demo
# reviewer through the API, prints OK or FAIL on the last line and stops everything it started.
#
#   scripts/smoke_run.sh                 # or: SMOKE_PORT=8123 SMOKE_TIMEOUT=900 scripts/smoke_run.sh
#   SMOKE_KEEP=1 scripts/smoke_run.sh    # keep the temp dir (log, SQLite file) for a look
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

TIMEOUT=${SMOKE_TIMEOUT:-600} # seconds for make run to come up, venv creation included
PYTHON=${PYTHON:-python3}
PORT=${SMOKE_PORT:-$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/sangkien-smoke.XXXXXX")
LOG=$WORK/make-run.log
BASE=http://127.0.0.1:$PORT
PID=

say() { echo "[smoke] $*"; }

stop_all() {
    [[ -n $PID ]] || return 0
    # make, honcho, runserver, the worker and beat share the process group `make run` leads.
    kill -TERM -- "-$PID" 2>/dev/null
    for _ in $(seq 1 40); do
        kill -0 -- "-$PID" 2>/dev/null || break
        sleep 0.5
    done
    kill -KILL -- "-$PID" 2>/dev/null
    wait "$PID" 2>/dev/null
    PID=
}

finish() {
    local status=$?
    stop_all
    if [[ ${SMOKE_KEEP:-0} == 1 ]]; then
        say "kept $WORK"
    else
        rm -rf "$WORK"
    fi
    exit "$status"
}
trap finish EXIT
trap 'exit 130' INT TERM

fail() {
    say "--- last lines of make run's output ($LOG) ---" >&2
    tail -n 60 "$LOG" >&2
    echo "FAIL: $*"
    exit 1
}

running() { kill -0 "$PID" 2>/dev/null; }

# wait_until <description> <command...>: poll every second until the command succeeds.
wait_until() {
    local what=$1
    shift
    while ((SECONDS < DEADLINE)); do
        "$@" && return 0
        running || fail "make run exited before $what"
        sleep 1
    done
    fail "timed out after ${TIMEOUT}s waiting for $what"
}

healthy() {
    local body
    body=$(curl -fsS --max-time 5 "$BASE/healthz" 2>/dev/null) || return 1
    grep -q '"database": *"ok"' <<<"$body" || return 1
    HEALTH=$body
}

in_log() { grep -Eq "$1" "$LOG"; }

say "make run on port $PORT, VAR_DIR=$WORK/var"
(
    unset DATABASE_URL CELERY_BROKER_URL REDIS_URL MEDIA_ROOT STATIC_ROOT EMAIL_HOST \
        CELERY_TASK_ALWAYS_EAGER
    export VAR_DIR=$WORK/var DEBUG=1
    exec setsid make run PORT="$PORT" >"$LOG" 2>&1 </dev/null
) &
PID=$!
DEADLINE=$((SECONDS + TIMEOUT))

wait_until "/healthz answering" healthy
say "healthz: $HEALTH"
wait_until "the Celery worker" in_log '^[0-9:]+ worker\.1 +\|.* ready\.'
wait_until "Celery beat" in_log '^[0-9:]+ beat\.1 +\|.*beat: Starting'
say "worker and beat are up"

response=$(curl -sS --max-time 10 -o "$WORK/token.json" -w '%{http_code}' \
    -H 'Content-Type: application/json' \
    -d '{"username": "reviewer", "password": "demo12345"}' \
    "$BASE/api/v1/auth/token/") || fail "POST /api/v1/auth/token/ did not answer"
[[ $response == 200 ]] || fail "POST /api/v1/auth/token/ answered $response: $(cat "$WORK/token.json")"
grep -q '"token": *"[^"]\+"' "$WORK/token.json" || fail "no token in $(cat "$WORK/token.json")"
say "demo account 'reviewer' logged in"

running || fail "make run stopped unexpectedly"
echo "OK: make run serves $BASE (healthz, worker, beat, demo login)"
