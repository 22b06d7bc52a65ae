# Helpers for the tests that drive the service binary or the scripts from the shell.
# Sourced; the caller sets -euo pipefail. PostgreSQL comes from RT_TEST_PG_ADMIN_URL, like the
# C++ tests (default: scripts/dev-postgres's address).

RT_TEST_PG_ADMIN_URL=${RT_TEST_PG_ADMIN_URL:-postgresql://postgres@127.0.0.1:55432/postgres}

fail() { echo "FAILED: $*" >&2; exit 1; }

# A port nobody listens on now (the kernel's pick, released at once).
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Creates a database of its own on the shared server and prints its URL.
create_test_db() {
  local name="rt_${1}_$$_${RANDOM}"
  psql -X -q -v ON_ERROR_STOP=1 -d "$RT_TEST_PG_ADMIN_URL" -c "CREATE DATABASE $name" >/dev/null
  echo "${RT_TEST_PG_ADMIN_URL%/*}/$name"
}

drop_test_db() {
  psql -X -q -d "$RT_TEST_PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS ${1##*/} WITH (FORCE)" >/dev/null 2>&1 || true
}

# Waits until url answers 200, at most $2 seconds, asking every $4 seconds (0.2); fails early
# when pid $3 (if given) is gone.
wait_for_200() {
  local url=$1 deadline=$((SECONDS + $2)) pid=${3:-} every=${4:-0.2}
  until [[ $(curl -s -o /dev/null -w '%{http_code}' -m 2 "$url") == 200 ]]; do
    [[ -z $pid ]] || kill -0 "$pid" 2>/dev/null || return 1
    ((SECONDS < deadline)) || return 1
    sleep "$every"
  done
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Starts the service binary $1 on database $2 and port $3 (log to $4), sets SERVICE_PID and
# waits until it is ready. The caller stops it (kill -TERM "$SERVICE_PID").
start_service() {
  DATABASE_URL=$2 HTTP_PORT=$3 LOG_LEVEL=warn "$1" >"$4" 2>&1 &
  SERVICE_PID=$!
  wait_for_200 "http://127.0.0.1:$3/isready" 60 "$SERVICE_PID" || { cat "$4" >&2; fail "the service did not get ready"; }
}

# A tool that scripts/install-test-tools installs.
need_test_tool() {
  [[ -x $1 ]] || fail "$1 is missing: run scripts/install-test-tools (scripts/test does)"
}
