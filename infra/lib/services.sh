# shellcheck shell=bash
# The services of serve and demo (the three jobs, ingest, query-api), each a background process with a pid file.

# start_service NAME HEALTH_URL TIMEOUT_S ENV... -- COMMAND...
start_service() {
  local name="$1" url="$2" timeout="$3" pid t0 i log
  shift 3
  local envs=()
  while [[ $# -gt 0 && "$1" != -- ]]; do envs+=("$1"); shift; done
  shift
  log="$LOGS/$name.log"
  if pid="$(ours "$name")"; then
    if http_ok "$url"; then say "$name already running (pid $pid)"; return 0; fi
    warn "$name (pid $pid) runs but $url does not answer; restarting it"
    stop_pid "$name" "$pid" 20
  fi
  rm -f "$(pid_file "$name")"
  local port="${url#http://127.0.0.1:}"; port="${port%%/*}"
  check_port_free "$name" "$port"
  t0=$(now_ms)
  step "starting $name (log ${log#"$ROOT"/})"
  printf '\n===== %s: starting %s =====\n' "$(date -Is)" "$name" >>"$log"
  (cd "$ROOT" && exec setsid nohup env "${envs[@]}" "$@" >>"$log" 2>&1 </dev/null) &
  pid=$!
  echo "$pid" >"$(pid_file "$name")"
  for ((i = 0; i < timeout * 2; i++)); do
    if ! alive "$pid"; then
      log_tail "$log" 40
      rm -f "$(pid_file "$name")"
      die "$name exited while starting (log above; whole log in $log)"
    fi
    if http_ok "$url"; then say "$name up (pid $pid) in $(elapsed "$t0"): $url"; return 0; fi
    sleep 0.5
  done
  log_tail "$log" 40
  die "$name did not answer $url within ${timeout}s (log above; whole log in $log); it still runs as pid $pid ('infra/omnify down' stops it)"
}

# services_up MODE [INGEST_ENV...]: the Flink cluster with the MetricsJob, DetectionJob and BrainJob, then ingest and
# query-api, each as its database role with its password. MODE is serve or demo; the demo alone may seal credentials
# with the public demo key, gets the simulator's fake LLM when no real key is set, and lets the programs take a public
# database password. INGEST_ENV (NAME=VALUE) goes to the ingest service only.
services_up() {
  local mode="$1" app_pw
  shift
  app_pw="$(db_password app)"
  local common=(KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-$KAFKA_BOOTSTRAP}" DATABASE_URL="${DATABASE_URL:-$DB_URL_DEFAULT}")
  local job_args=() brain_args=()
  if [[ "$mode" == demo ]]; then
    common+=(DATABASE_ALLOW_DEFAULT_PASSWORD=true)
    job_args+=(DATABASE_ALLOW_DEFAULT_PASSWORD=true)
    # connections' credentials are sealed with OMNIFY_CREDENTIALS_KEY; the demo alone may fall back to a public key
    if [[ -z "${OMNIFY_CREDENTIALS_KEY:-}" ]]; then
      warn "OMNIFY_CREDENTIALS_KEY is not set: the demo seals platform credentials with a PUBLIC demo key (never store real tokens this way)"
      common+=(OMNIFY_CREDENTIALS_ALLOW_DEMO_KEY=true)
    fi
    # the brain's texts come from the simulator's fake OpenAI-compatible API (not a secret: program arguments)
    if [[ -z "${OPENAI_API_KEY:-}${ANTHROPIC_API_KEY:-}" ]]; then
      brain_args+=(OPENAI_API_KEY=demo OPENAI_BASE_URL="http://127.0.0.1:$SIMULATOR_PORT/v1")
    fi
  fi
  flink_up_with_pipeline_env
  flink_submit metrics-job "" ${job_args[@]+"${job_args[@]}"}
  flink_submit detection-job "" ${job_args[@]+"${job_args[@]}"}
  flink_submit brain-job "" ${job_args[@]+"${job_args[@]}"} ${brain_args[@]+"${brain_args[@]}"}
  local app=(DATABASE_USER=omnify_app DATABASE_PASSWORD="$app_pw")
  start_service ingest "http://127.0.0.1:$INGEST_PORT/health" 90 \
    "${common[@]}" "${app[@]}" INGEST_PORT="$INGEST_PORT" "$@" -- \
    java -Xmx"${OMNIFY_SERVICE_HEAP:-768m}" -jar "$INGEST_JAR"
  start_service query-api "http://127.0.0.1:$QUERY_API_PORT/health" 90 \
    "${common[@]}" "${app[@]}" QUERY_API_PORT="$QUERY_API_PORT" \
    QUERY_API_COOKIE_SECURE="${QUERY_API_COOKIE_SECURE:-false}" \
    QUERY_API_PUBLIC_URL="${QUERY_API_PUBLIC_URL:-http://127.0.0.1:$QUERY_API_PORT}" -- \
    java -Xmx"${OMNIFY_SERVICE_HEAP:-768m}" -jar "$QUERY_API_JAR"
  flink_wait_running
}

print_endpoints() {
  cat <<EOF

Omnify is running.
  dashboard / API   http://127.0.0.1:$QUERY_API_PORT
  ingest            http://127.0.0.1:$INGEST_PORT   (POST /api/v1/ingest/{meta|google|tiktok|shopify})
  Flink web UI      http://127.0.0.1:$FLINK_WEB_UI_PORT   (the three jobs on the local cluster; loopback only)
  PostgreSQL        $PG_HOST:$PG_PORT/omnify    Kafka $KAFKA_BOOTSTRAP
  logs              $LOGS/
  stop everything   infra/omnify down      (status: infra/omnify status)
EOF
}

# stack_prepare [JAR...]: build what is missing or stale (infra, jobs, ingest, query-api and the given jars), then
# the stack, the schema and the topics
stack_prepare() {
  prepare_dirs
  build_if_needed "$INFRA_JAR" "$JOBS_JAR" "$INGEST_JAR" "$QUERY_API_JAR" "$@"
  stack_up
  step "migrating the schema"
  admin_cli migrate
  topics_create
}

cmd_serve() {
  case "${1:-}" in
    -h | --help)
      cat <<EOF
usage: infra/omnify serve

For real use: builds if needed, starts the stack, migrates the schema, creates the topics, and starts
the local Flink cluster (a JobManager and $FLINK_TASK_MANAGERS TaskManagers; web UI :$FLINK_WEB_UI_PORT) with the MetricsJob,
DetectionJob and BrainJob submitted from jobs/target/jobs.jar (each restoring its newest retained checkpoint), then
ingest (:$INGEST_PORT) and query-api (:$QUERY_API_PORT) in the background. No simulator and no demo data.
Ports: QUERY_API_PORT, INGEST_PORT, FLINK_WEB_UI_PORT; memory: OMNIFY_FLINK_TM_MEMORY (default 2048m per
TaskManager), OMNIFY_SERVICE_HEAP (default 768m); DATABASE_URL (default $DB_URL_DEFAULT). Stop with 'infra/omnify down'.
Platform credentials and base URLs are read from the environment (see README).
EOF
      return 0 ;;
    "") ;;
    *) usage_die "unknown option '$1' for serve (see: infra/omnify serve --help)" ;;
  esac
  local t0
  t0=$(now_ms)
  stack_prepare
  services_up serve
  print_endpoints
  cat <<EOF

Create an organization and its API key:
  infra/omnify org create "Your Brand" --currency EUR --time-zone Europe/Berlin
Then push data:  infra/omnify backfill --platform meta --file insights.csv --api-key KEY
(ready in $(elapsed "$t0"))
EOF
}


services_down() {
  local name pid
  for name in "${SERVICES[@]}"; do
    if pid="$(ours "$name")"; then stop_pid "$name" "$pid" 20; fi
    rm -f "$(pid_file "$name")"
  done
}
