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
Logs in $LOGS, pids in $PIDS. Stop with 'infra/omnify down'.
Other ports (e.g. for a second checkout): OMNIFY_PG_PORT, OMNIFY_KAFKA_PORT, OMNIFY_KAFKA_CONTROLLER_PORT;
broker heap OMNIFY_KAFKA_HEAP (default 1g).
EOF
      return 0 ;;
    "") ;;
    *) usage_die "unknown option '$1' for up (see: infra/omnify up --help)" ;;
  esac
  local t0
  t0=$(now_ms)
  stack_up
  say "stack up in $(elapsed "$t0"): PostgreSQL $PG_HOST:$PG_PORT, Kafka $KAFKA_BOOTSTRAP"
}

cmd_down() {
  case "${1:-}" in
    -h | --help)
      cat <<EOF
usage: infra/omnify down

Stops what the launcher started, by the pids in $PIDS: the services of demo/serve (simulator, query-api,
ingest, MetricsJob, DetectionJob, BrainJob), then Kafka, then PostgreSQL; gracefully, then forcefully. Data stays in $STATE
(remove that folder for a clean slate).
EOF
      return 0 ;;
    "") ;;
    *) usage_die "unknown option '$1' for down (see: infra/omnify down --help)" ;;
  esac
  prepare_dirs
  services_down
  kafka_down
  pg_down
  say "down"
}

status_line() { printf '%-12s %-8s %-8s %-22s %s\n' "$@"; }

cmd_status() {
  case "${1:-}" in
    -h | --help)
      cat <<EOF
usage: infra/omnify status

Shows each part of the local stack and each service: pid, address, and a health check
(pg_isready for PostgreSQL, a topic listing for Kafka, GET /health or /overview for services).
Exits 0 when the stack (PostgreSQL and Kafka) is healthy, 3 otherwise.
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
  local name port url
  for name in metrics-job detection-job brain-job ingest query-api simulator; do
    case "$name" in
      metrics-job) port=$FLINK_WEB_UI_PORT; url="http://127.0.0.1:$port/overview" ;;
      detection-job) port=$DETECTION_WEB_UI_PORT; url="http://127.0.0.1:$port/overview" ;;
      brain-job) port=$BRAIN_WEB_UI_PORT; url="http://127.0.0.1:$port/overview" ;;
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

