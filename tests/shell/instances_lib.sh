# Several instances of the service on one database and one broker: shared by
# tests/shell/instances_test and bench/instances. Sourced after tests/shell/lib.sh; the caller
# sets binary, brokers, db, work, rapid, kort, feil, group, and may set interval (seconds, every
# scheduled job) and session_timeout_ms.

declare -A pids ports
interval=${interval:-1}
session_timeout_ms=${session_timeout_ms:-6000}
locker_pid=""

# start_instance <name> [log level]: in the background, its log in $work/<name>.log.
start_instance() {
  local n=$1
  ports[$n]=$(free_port)
  DATABASE_URL=$db HTTP_PORT=${ports[$n]} INSTANCE_ID=$n LOG_LEVEL=${2:-debug} \
    KAFKA_BROKERS=$brokers KAFKA_RAPID_TOPIC=$rapid KAFKA_CONSUMER_GROUP_ID=$group KAFKA_RESET_POLICY=earliest \
    KAFKA_SESSION_TIMEOUT_MS=$session_timeout_ms AKTIVITETSKORT_TOPIC=$kort AKTIVITETSKORT_FEIL_TOPIC=$feil \
    SYNLIGHET_BEHOV_INTERVALL_SEKUNDER=$interval HENDELSE_RELAY_INTERVALL_SEKUNDER=$interval \
    AKTIVITETSKORT_RELAY_INTERVALL_SEKUNDER=$interval AUTO_FULLFOR_INTERVALL_SEKUNDER=$interval \
    DB_LOCK_TIMEOUT_MS=60000 DB_STATEMENT_TIMEOUT_MS=60000 \
    "$binary" >"$work/$n.log" 2>&1 &
  pids[$n]=$!
}
ready() {
  wait_for_200 "http://127.0.0.1:${ports[$1]}/isready" 60 "${pids[$1]}" ||
    { tail -20 "$work/$1.log" >&2; fail "instance $1 did not get ready"; }
}
kill_instances() {
  local n
  for n in "${!pids[@]}"; do kill -KILL "${pids[$n]}" 2>/dev/null || true; done
  for n in "${!pids[@]}"; do { wait "${pids[$n]}"; } 2>/dev/null || true; unset "pids[$n]"; done
  [[ -z $locker_pid ]] || { kill "$locker_pid" 2>/dev/null; wait "$locker_pid" 2>/dev/null; locker_pid=""; } || true
}

# metric <instance> <name> <label filter>: the value from /metrics, 0 when absent or gone.
metric() {
  curl -s -m 2 "http://127.0.0.1:${ports[$1]}/metrics" 2>/dev/null |
    awk -v n="$2" -v f="$3" 'index($0, n "{") == 1 && index($0, f) {v = $NF} END {print v + 0}'
}
partitions() { metric "$1" kafka_assigned_partitions "topic=\"$rapid\""; }
running() { metric "$1" scheduler_job_running "job=\"$2\""; }
skipped() { metric "$1" scheduler_runs_total "job=\"$2\",result=\"skipped\""; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN {printf "%.2f", b - a}'; }
psql_db() { psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" "$@"; }

# wait_shared <instances...>: until each has a partition of the rapid and they have all 4.
wait_shared() {
  local deadline=$((SECONDS + 40)) i sum ok line
  while true; do
    sum=0 ok=1 line=""
    for i in "$@"; do
      local p
      p=$(partitions "$i")
      sum=$((sum + p))
      ((p >= 1)) || ok=0
      line+="$i=$p "
    done
    ((ok && sum == 4)) && { shared="$line"; return 0; }
    ((SECONDS < deadline)) || fail "the rapid's 4 partitions were not shared: $line"
    sleep 0.2
  done
}

# One published meeting with 90 job seekers (fnr 0112 + 7 digits of i), by SQL.
seed_meeting() {
  psql_db <<'SQL'
INSERT INTO rekrutteringstreff (id, tittel, beskrivelse, fra_tid, til_tid, svarfrist, gateadresse, postnummer, poststed,
                                status, opprettet_av_navident, opprettet_tidspunkt, eiere, sist_endret, sist_endret_av)
VALUES (md5('treff')::uuid, 'Treff hos Bakeriet', 'Vi treffes', now() + interval '30 days', now() + interval '30 days 2 hours',
        now() + interval '27 days', 'Eksempelgate 1', '0123', 'Oslo', 'PUBLISERT', 'Z990001', now(), ARRAY['Z990001'], now(), 'Z990001');
INSERT INTO jobbsoker (id, rekrutteringstreff_id, fodselsnummer, fornavn, etternavn, status, lagt_til_tidspunkt)
SELECT md5('js-' || i)::uuid, md5('treff')::uuid, '0112' || lpad(i::text, 7, '0'), 'Fornavn' || i, 'Etternavn' || i, 'INVITERT', now()
FROM generate_series(0, 89) i;
SQL
}

# invite <round>: an INVITERT event in the outbox for each of the 90 (ids differ per round).
invite() {
  psql_db -v round="$1" <<'SQL'
WITH h AS (
  INSERT INTO jobbsoker_hendelse (id, jobbsoker_id, tidspunkt, hendelsestype, opprettet_av_aktortype, aktoridentifikasjon)
  SELECT md5('inv-' || :'round' || '-' || i)::uuid, md5('js-' || i)::uuid, now(), 'INVITERT', 'ARRANGØR', 'Z990001'
  FROM generate_series(0, 89) i
  RETURNING id, rekkefolge, jobbsoker_id)
INSERT INTO hendelse_utboks (hendelse_id, rekkefolge, jobbsoker_id) SELECT id, rekkefolge, jobbsoker_id FROM h;
SQL
}

# The relay records what it delivered in aktivitetskort_polling: while the test holds that table,
# a run that delivers something sends it, then waits inside the job's lock. Killed there, it
# leaves what it sent unrecorded, and the next run sends it again (at-least-once).
lock_polling() {
  rm -f "$work/locker.in"
  mkfifo "$work/locker.in"
  psql -X -q -At -v ON_ERROR_STOP=1 -d "$db" <"$work/locker.in" >"$work/locker.out" 2>&1 &
  locker_pid=$!
  exec 7>"$work/locker.in"
  printf '%s\n' "BEGIN;" "LOCK TABLE aktivitetskort_polling IN ACCESS EXCLUSIVE MODE;" '\echo locked' >&7
  local deadline=$((SECONDS + 20))
  until grep -q locked "$work/locker.out"; do
    ((SECONDS < deadline)) || { cat "$work/locker.out" >&2; fail "could not take the table lock"; }
    sleep 0.05
  done
}
unlock_polling() {
  echo "COMMIT;" >&7
  exec 7>&-
  wait "$locker_pid" || fail "the locking transaction did not commit: $(cat "$work/locker.out")"
  locker_pid=""
}

# The backend pid holding the advisory lock of scheduled job $1, or nothing (src/infra/scheduler.cpp:
# key = FNV-1a 64 of "rekrutteringstreff.job.<name>"; a bigint key shows as classid/objid).
job_lock_sql() {
  python3 - "$1" <<'PY'
import sys
h = 14695981039346656037
for b in ("rekrutteringstreff.job." + sys.argv[1]).encode():
    h = ((h ^ b) * 1099511628211) % 2**64
print("SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1 "
      f"AND classid = {h >> 32} AND objid = {h & 0xffffffff} "
      "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")
PY
}

# Visibility events for persons $1..$2, shaped as the engine sends them: each visible (the relay
# holds back an invisible job seeker's invitations), each at its own time, which the row keeps.
produce_events() {
  python3 - "$1" "$2" <<'PY' | kcat -P -b "$brokers" -t "$rapid" -K'|'
import json, sys, uuid
for i in range(int(sys.argv[1]), int(sys.argv[2]) + 1):
    fnr = "0112%07d" % i
    e = {"@event_name": "synlighet-event", "@id": str(uuid.uuid4()), "@opprettet": "2026-12-01T10:00:%02d.000001" % (i % 60),
         "fodselsnummer": fnr, "@slutt_av_hendelseskjede": True,
         "synlighet": {"erSynlig": True, "ferdigBeregnet": True, "sperret": False}, "system_read_count": 0,
         "@forårsaket_av": {"id": str(uuid.uuid4()), "event_name": "cv"}}
    print(fnr + "|" + json.dumps(e, ensure_ascii=False))
PY
}
