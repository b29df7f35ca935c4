# shellcheck shell=bash
# up / down / status of the local stack (PostgreSQL, Kafka) and of the services the launcher started.

stack_up() {
  prepare_dirs
  pg_up
  kafka_up
}

cmd_up() {
  case "${1:-}" in
    -h | --help)
      cat <<EOF
usage: infra/omnify up

Starts the local stack, idempotently (running parts are left alone):
  PostgreSQL $PG_VERSION on $PG_HOST:$PG_PORT (installed from Debian's packages when missing; data in $PG_DATA),
    roles omnify_owner, omnify_app, omnify_pipeline and database omnify; each role's password is
    OMNIFY_OWNER_PASSWORD / OMNIFY_APP_PASSWORD / OMNIFY_PIPELINE_PASSWORD when set, else a random one made
    once and kept in $DB_PASSWORDS_FILE (0600); an existing password is never reset
  Kafka (KRaft, single node) on $KAFKA_BOOTSTRAP, controller on 127.0.0.1:$KAFKA_CONTROLLER_PORT (data in $KAFKA_DATA)
  a Flink $FLINK_TASK_MANAGERS-TaskManager standalone session cluster (runtime jars from Maven into $FLINK_LIB), web UI
    and REST API on $FLINK_REST (loopback only: the REST API has no authentication)
Logs in $LOGS, pids in $PIDS. Stop with 'infra/omnify down'.
Other ports (e.g. for a second checkout): OMNIFY_PG_PORT, OMNIFY_KAFKA_PORT, OMNIFY_KAFKA_CONTROLLER_PORT;
broker heap OMNIFY_KAFKA_HEAP (default 1g); Flink: FLINK_WEB_UI_PORT, OMNIFY_FLINK_RPC_PORT (6123),
OMNIFY_FLINK_TASK_MANAGERS (2), OMNIFY_FLINK_SLOTS (6 per TaskManager), OMNIFY_FLINK_TM_MEMORY (2048m),
OMNIFY_FLINK_JM_MEMORY (1024m).
EOF
      return 0 ;;
    "") ;;
    *) usage_die "unknown option '$1' for up (see: infra/omnify up --help)" ;;
  esac
  local t0
  t0=$(now_ms)
  stack_up
  build_if_needed "$INFRA_JAR"
  flink_up_with_pipeline_env
  say "stack up in $(elapsed "$t0"): PostgreSQL $PG_HOST:$PG_PORT, Kafka $KAFKA_BOOTSTRAP, Flink $FLINK_REST"
}

cmd_down() {
  case "${1:-}" in
    -h | --help)
      cat <<EOF
usage: infra/omnify down

Stops what the launcher started, by the pids in $PIDS: the services of demo/serve (simulator, query-api,
ingest), the Flink cluster (TaskManagers, JobManager; the jobs restore from their newest retained checkpoint at the
next serve or demo), then Kafka, then PostgreSQL; gracefully, then forcefully. Data stays in $STATE (remove that
folder for a clean slate).
EOF
      return 0 ;;
    "") ;;
    *) usage_die "unknown option '$1' for down (see: infra/omnify down --help)" ;;
  esac
  prepare_dirs
  services_down
  flink_down
  kafka_down
  pg_down
  say "down"
}

status_line() { printf '%-20s %-13s %-8s %-22s %s\n' "$@"; }

cmd_status() {
  case "${1:-}" in
    -h | --help)
      cat <<EOF
usage: infra/omnify status

Shows each part of the local stack and each service: pid, address, and a health check
(pg_isready for PostgreSQL, a topic listing for Kafka, the REST API and registered TaskManagers for Flink,
GET /health for services), and each job's state on the cluster (RUNNING, RESTARTING, FAILED, ...).
Exits 0 when the stack is healthy and every submitted job runs, 3 otherwise.
EOF
      return 0 ;;
    "") ;;
    *) usage_die "unknown option '$1' for status (see: infra/omnify status --help)" ;;
  esac
  prepare_dirs
  local pid health ok=0 n
  status_line NAME STATE PID ADDRESS HEALTH
  if pid="$(pg_running_pid)"; then
    if as_postgres "$PG_BIN/pg_isready" -q -h "$PG_HOST" -p "$PG_PORT" 2>/dev/null; then health="ok (pg_isready)"; else health="NOT READY"; ok=3; fi
    status_line postgres running "$pid" "$PG_HOST:$PG_PORT" "$health"
  else
    if port_open "$PG_PORT"; then health="port taken by $(port_owner "$PG_PORT" || true) (not ours)"; else health="-"; fi
    status_line postgres stopped - "$PG_HOST:$PG_PORT" "$health"; ok=3
  fi
  if pid="$(ours kafka)"; then
    local listing
    if listing="$(topics_list 2>/dev/null)"; then
      n="$(grep -c . <<<"$listing" || true)"; health="ok (answers; $n topics)"
    else
      health="NOT ANSWERING (see $LOGS/kafka.log)"; ok=3
    fi
    status_line kafka running "$pid" "$KAFKA_BOOTSTRAP" "$health"
  else
    if port_open "$KAFKA_PORT"; then health="port taken (not ours)"; else health="-"; fi
    status_line kafka stopped - "$KAFKA_BOOTSTRAP" "$health"; ok=3
  fi
  flink_status_lines || ok=3
  local name port url
  for name in ingest query-api simulator; do
    case "$name" in
      ingest) port=$INGEST_PORT; url="http://127.0.0.1:$port/health" ;;
      query-api) port=$QUERY_API_PORT; url="http://127.0.0.1:$port/health" ;;
      simulator) port=$SIMULATOR_PORT; url="http://127.0.0.1:$port/health" ;;
    esac
    if pid="$(ours "$name")"; then
      if http_ok "$url"; then health="ok ($url)"; else health="NOT HEALTHY ($url)"; fi
      status_line "$name" running "$pid" "127.0.0.1:$port" "$health"
    elif [[ -f "$(pid_file "$name")" ]]; then
      status_line "$name" dead - "127.0.0.1:$port" "exited; see $LOGS/$name.log"
    fi
  done
  return $ok
}

