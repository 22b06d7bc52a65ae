# Shared by the benchmark scripts: start the service against the dev PostgreSQL and wait for it.
bench_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

ensure_packages() {
  local missing=()
  for p in "$@"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p"); done
  if ((${#missing[@]})); then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# wait_ready URL [seconds]: polls until the URL answers 200.
wait_ready() {
  local url=$1 limit=${2:-60} i
  for ((i = 0; i < limit * 100; i++)); do
    curl -fs -o /dev/null "$url" && return 0
    sleep 0.01
  done
  echo "no 200 from $url within ${limit}s" >&2
  return 1
}

rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hwm_kib() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }

# Starts the worktree's dev PostgreSQL (and, with "kafka", the dev broker) unless a server
# already answers on its port: on a shared machine the dev servers usually run from another
# checkout, and starting a second one on the same port fails.
dev_servers_up() {
  if ! (exec 3<>"/dev/tcp/127.0.0.1/${PG_PORT:-55432}") 2>/dev/null; then scripts/dev-postgres start >/dev/null; fi
  if [[ ${1:-} == kafka ]] && ! (exec 3<>"/dev/tcp/127.0.0.1/${KAFKA_PORT:-59092}") 2>/dev/null; then
    scripts/dev-kafka start >/dev/null
  fi
}

# events_handled PORT: visibility events the service on PORT has handled (its synlighet-hendelse
# river's rapid_messages_total, counted after each batch's transaction, with any invalid or failed).
events_handled() {
  curl -fs "http://127.0.0.1:$1/metrics" |
    awk '/^rapid_messages_total\{/ && /river="synlighet-hendelse"/ {n += $NF} END {printf "%d", n}'
}

# visibility_digest DATABASE-URL: the visibility columns of every job seeker as one digest, for
# comparing the final rows of two runs (the ids are the same when both were seeded alike).
visibility_digest() {
  psql -X -At -d "$1" -c "
    SELECT count(*) || ' ' || md5(string_agg(concat_ws('|', id, er_synlig, sperret, synlighet_sist_oppdatert, synlighet_kilde),
                                             ',' ORDER BY id))
    FROM jobbsoker"
}
