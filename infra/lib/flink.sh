# shellcheck shell=bash
# The local Flink standalone session cluster: a JobManager (StandaloneSessionClusterEntrypoint) and TaskManagers
# (TaskManagerRunner), each its own JVM, from Flink's runtime jars fetched with Maven into $FLINK_LIB (as Kafka's
# are); and the three jobs, submitted from jobs.jar through the cluster's REST API (ai.omnify.infra.flink.FlinkJobs).

FLINK_DIR="$STATE/flink"
FLINK_LIB="$FLINK_DIR/lib"
FLINK_CONF="$FLINK_DIR/conf"
FLINK_REST="http://127.0.0.1:$FLINK_WEB_UI_PORT"
FLINK_RPC_PORT="${OMNIFY_FLINK_RPC_PORT:-6123}"
FLINK_TASK_MANAGERS="${OMNIFY_FLINK_TASK_MANAGERS:-2}"
# 6 slots each: one TaskManager alone holds the three jobs (2 slots each), so a lost TaskManager's tasks restart at
# once on the other's spare slots; the launcher ('up', or the next serve/demo) brings the lost one back as the spare
FLINK_SLOTS="${OMNIFY_FLINK_SLOTS:-6}"
FLINK_JM_MEMORY="${OMNIFY_FLINK_JM_MEMORY:-1024m}"
FLINK_TM_MEMORY="${OMNIFY_FLINK_TM_MEMORY:-2048m}"
# what Flink's own config.yaml gives every Flink JVM on Java 17 (job submission needs java.util opened, for one)
FLINK_JAVA_OPTS=(--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED)

# the jobs: launcher name, Flink job name, main class, checkpoint folder under $STATE
JOBS=("metrics-job:omnify-metrics:ai.omnify.jobs.metrics.MetricsJob:checkpoints"
  "detection-job:omnify-detection:ai.omnify.jobs.detection.DetectionJob:checkpoints-detection"
  "brain-job:omnify-brain:ai.omnify.jobs.brain.BrainJob:checkpoints-brain")

flink_fetch() { # Flink's runtime jars (infra/flink/pom.xml), refetched when the pom changes
  fetch_jars flink "Flink's runtime jars" "$FLINK_LIB" 'flink-runtime-*.jar'
}

# the cluster's settings, rewritten on every start; the REST API has no authentication, so everything binds to loopback
flink_write_conf() {
  mkdir -p "$FLINK_CONF" "$FLINK_DIR/savepoints" "$FLINK_DIR/uploads" "$FLINK_DIR/tmp"
  cat >"$FLINK_CONF/config.yaml" <<EOF
# written by infra/omnify on every start: a local standalone session cluster on loopback
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $FLINK_RPC_PORT
jobmanager.bind-host: 127.0.0.1
jobmanager.memory.process.size: $FLINK_JM_MEMORY
jobmanager.execution.failover-strategy: region
taskmanager.bind-host: 127.0.0.1
taskmanager.host: 127.0.0.1
taskmanager.numberOfTaskSlots: $FLINK_SLOTS
taskmanager.memory.process.size: $FLINK_TM_MEMORY
taskmanager.cpu.cores: $FLINK_SLOTS
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $FLINK_WEB_UI_PORT
parallelism.default: 2
web.upload.dir: $FLINK_DIR/uploads
io.tmp.dirs: $FLINK_DIR/tmp
execution.checkpointing.savepoint-dir: file://$FLINK_DIR/savepoints
execution.checkpointing.externalized-checkpoint-retention: RETAIN_ON_CANCELLATION
# a killed TaskManager is noticed within seconds, not Flink's default 50 s
heartbeat.interval: 2000
heartbeat.timeout: 10000
EOF
}

# flink_resource_params KIND: the JVM options (line 1) and dynamic settings (line 2) Flink's scripts would compute for a
# JobManager (JM) or TaskManager (TM) from the configuration (BashJavaUtils, as bin/taskmanager.sh runs it)
flink_resource_params() {
  local out
  out="$(java "${TOOL_JVM[@]}" -cp "$FLINK_LIB/*" org.apache.flink.runtime.util.bash.BashJavaUtils \
    "GET_$1_RESOURCE_PARAMS" --configDir "$FLINK_CONF" 2>>"$LOGS/flink-params.log")" \
    || { log_tail "$LOGS/flink-params.log"; die "Flink could not compute the $1 memory settings from $FLINK_CONF/config.yaml"; }
  grep '^BASH_JAVA_UTILS_EXEC_RESULT:' <<<"$out" | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://' | tail -2
}

# flink_start NAME JM|TM MAINCLASS [ARG...] -- [ENV...]: one cluster JVM in the background, with the memory settings
# Flink's scripts would compute, ARGs after the configuration folder and ENV (NAME=VALUE) in its environment
flink_start() {
  local name="$1" kind="$2" main="$3" pid t0 i params jvm dynamic args=()
  shift 3
  while [[ $# -gt 0 && "$1" != -- ]]; do args+=("$1"); shift; done
  [[ $# -gt 0 ]] && shift
  if pid="$(ours "$name")"; then say "$name already running (pid $pid)"; return 0; fi
  params="$(flink_resource_params "$kind")"
  read -r -a jvm <<<"$(sed -n 1p <<<"$params")"
  read -r -a dynamic <<<"$(sed -n 2p <<<"$params")"
  t0=$(now_ms)
  step "starting Flink $name (log $LOGS/$name.log)"
  printf '\n===== %s: starting %s =====\n' "$(date -Is)" "$name" >>"$LOGS/$name.log"
  (cd "$STATE" && exec setsid nohup env "$@" java "${jvm[@]}" "${FLINK_JAVA_OPTS[@]}" -Domnify.state="$STATE" \
    -Dlog.file="$LOGS/$name.log" -Dlog4j.configurationFile="$ROOT/infra/config/log4j2-jobs.properties" \
    -cp "$FLINK_LIB/*" "$main" --configDir "$FLINK_CONF" "${dynamic[@]}" ${args[@]+"${args[@]}"} \
    >>"$LOGS/$name.log" 2>&1 </dev/null) &
  pid=$!
  echo "$pid" >"$(pid_file "$name")"
  for ((i = 0; i < 5; i++)); do
    alive "$pid" || { log_tail "$LOGS/$name.log" 40; rm -f "$(pid_file "$name")"; die "Flink $name exited while starting (log above)"; }
    sleep 0.2
  done
  say "Flink $name started (pid $pid) in $(elapsed "$t0")"
}

flink_task_manager_names() { local i; for ((i = 1; i <= FLINK_TASK_MANAGERS; i++)); do printf 'flink-taskmanager-%d\n' "$i"; done; }

# flink_up ENV...: the JobManager (with ENV, what the jobs' main methods read) and the TaskManagers; waits until the
# REST API answers and every TaskManager has registered
flink_up() {
  local i name registered t0
  flink_fetch
  t0=$(now_ms)
  if ! ours flink-jobmanager >/dev/null; then
    check_port_free "Flink REST API" "$FLINK_WEB_UI_PORT"
    flink_write_conf
  fi
  # the JobManager runs the jobs' main methods: ENV carries the settings and secrets they read
  flink_start flink-jobmanager JM org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint -- "$@"
  for ((i = 0; i < 240; i++)); do
    http_ok "$FLINK_REST/overview" && break
    ours flink-jobmanager >/dev/null || { log_tail "$LOGS/flink-jobmanager.log" 40; die "the Flink JobManager exited while starting (log above)"; }
    sleep 0.5
  done
  http_ok "$FLINK_REST/overview" || die "the Flink JobManager did not answer $FLINK_REST/overview within 120 s (see $LOGS/flink-jobmanager.log)"
  while read -r name; do
    flink_start "$name" TM org.apache.flink.runtime.taskexecutor.TaskManagerRunner -D "taskmanager.resource-id=$name"
  done < <(flink_task_manager_names)
  for ((i = 0; i < 240; i++)); do
    registered="$(flink_jobs_tool taskmanagers 2>/dev/null || echo 0)"
    (( registered >= FLINK_TASK_MANAGERS )) && break
    sleep 0.5
  done
  (( registered >= FLINK_TASK_MANAGERS )) \
    || die "only $registered of $FLINK_TASK_MANAGERS Flink TaskManagers registered within 120 s (see $LOGS/flink-taskmanager-*.log)"
  say "Flink cluster up in $(elapsed "$t0"): web UI $FLINK_REST, $FLINK_TASK_MANAGERS TaskManagers x $FLINK_SLOTS slots"
  flink_resubmit_remembered
}

flink_down() {
  local name pid
  for name in $(flink_task_manager_names) flink-jobmanager; do
    if pid="$(ours "$name")"; then stop_pid "$name" "$pid" 20; fi
    rm -f "$(pid_file "$name")"
  done
  rm -rf "$FLINK_DIR/jobs"
}

flink_jobs_tool() { # flink_jobs_tool ARGS...: ai.omnify.infra.flink.FlinkJobs against the local cluster
  java "${TOOL_JVM[@]}" -cp "$INFRA_JAR" ai.omnify.infra.flink.FlinkJobs --rest "$FLINK_REST" "$@"
}

# flink_latest_checkpoint DIR: the newest retained checkpoint (chk-N with its _metadata) under a job's checkpoint folder
flink_latest_checkpoint() {
  local newest
  newest="$(find "$1" -mindepth 3 -maxdepth 3 -path '*/chk-*/_metadata' -printf '%T@ %h\n' 2>/dev/null | sort -rn | head -1 | cut -d' ' -f2-)"
  [[ -n "$newest" ]] && printf 'file://%s' "$newest"
}

flink_job_field() { # flink_job_field NAME FIELD(1 launcher name, 2 Flink job name, 3 main class, 4 checkpoint folder)
  local entry
  for entry in "${JOBS[@]}"; do
    if [[ "${entry%%:*}" == "$1" ]]; then cut -d: -f"$2" <<<"$entry"; return 0; fi
  done
  die "unknown job '$1': use one of metrics-job, detection-job, brain-job"
}

# flink_submit NAME SAVEPOINT [KEY=VALUE...]: submits a job from jobs.jar unless it is on the cluster already, with
# the KEY=VALUE program arguments (settings, never secrets: those are in the JobManager's environment); restores from
# SAVEPOINT when given, else from the job's newest retained checkpoint (a restarted cluster loses and duplicates nothing)
flink_submit() {
  local name="$1" restore="$2" job dir state
  shift 2
  job="$(flink_job_field "$name" 2)"
  dir="$STATE/$(flink_job_field "$name" 4)"
  state="$(flink_jobs_tool state --name "$job" 2>/dev/null || true)"
  case "$state" in
    RUNNING | CREATED | INITIALIZING | RESTARTING | RECONCILING) say "$name already on the cluster ($state)"; return 0 ;;
  esac
  mkdir -p "$dir"
  [[ -n "$restore" ]] || restore="$(flink_latest_checkpoint "$dir" || true)"
  step "submitting $name ($job)${restore:+, restoring $restore}"
  flink_jobs_tool submit --jar "$JOBS_JAR" --class "$(flink_job_field "$name" 3)" --parallelism 2 \
    ${restore:+--savepoint "$restore"} -- \
    "OMNIFY_CHECKPOINT_DIR=file://$STATE/checkpoints" "DETECTION_CHECKPOINT_DIR=file://$STATE/checkpoints-detection" \
    "BRAIN_CHECKPOINT_DIR=file://$STATE/checkpoints-brain" "$@" >"$LOGS/flink-submit.out" 2>&1 \
    || { cat "$LOGS/flink-submit.out" >&2; die "could not submit $name to the Flink cluster (above; see $LOGS/flink-jobmanager.log)"; }
  say "$name submitted: job $(tail -1 "$LOGS/flink-submit.out")"
  # remembered, so that a JobManager that died (it keeps no jobs: no high availability) gets them back at the next
  # 'up', each from its newest retained checkpoint; 'down' forgets them
  mkdir -p "$FLINK_DIR/jobs"
  printf '%s\n' "$@" >"$FLINK_DIR/jobs/$name.args"
}

# the jobs the launcher submitted and the cluster no longer has (its JobManager was restarted), submitted again with
# the same program arguments, each from its newest retained checkpoint
flink_resubmit_remembered() {
  local f name args
  for f in "$FLINK_DIR"/jobs/*.args; do
    [[ -f "$f" ]] || continue
    name="$(basename "$f" .args)"
    mapfile -t args <"$f"
    flink_submit "$name" "" ${args[@]+"${args[@]}"}
  done
}

# the cluster with the environment the jobs' main methods read: Kafka, and PostgreSQL as the pipeline role
flink_up_with_pipeline_env() {
  local pipeline_pw
  pipeline_pw="$(db_password pipeline)"
  flink_up KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-$KAFKA_BOOTSTRAP}" DATABASE_URL="${DATABASE_URL:-$DB_URL_DEFAULT}" \
    DATABASE_USER=omnify_pipeline DATABASE_PASSWORD="$pipeline_pw"
}

# flink_wait_running [TIMEOUT_S]: until every job runs (all its tasks deployed), or say which does not
flink_wait_running() {
  local entry job state i timeout="${1:-180}" pending
  for ((i = 0; i < timeout * 2; i++)); do
    pending=""
    for entry in "${JOBS[@]}"; do
      job="$(cut -d: -f2 <<<"$entry")"
      state="$(flink_jobs_tool state --name "$job" 2>/dev/null || echo MISSING)"
      [[ "$state" == RUNNING ]] || pending+=" $job:$state"
    done
    [[ -z "$pending" ]] && { say "the three jobs run on the cluster"; return 0; }
    sleep 0.5
  done
  warn "not running after ${timeout}s:$pending (see $FLINK_REST and $LOGS/flink-*.log)"
}

# flink_status_lines: the cluster's processes and each job's state, for `status`; returns 3 when something is wrong
flink_status_lines() {
  local name pid health ok=0 entry job state
  for name in flink-jobmanager $(flink_task_manager_names); do
    if pid="$(ours "$name")"; then
      if [[ "$name" == flink-jobmanager ]]; then
        if http_ok "$FLINK_REST/overview"; then health="ok ($FLINK_REST)"; else health="NOT ANSWERING"; ok=3; fi
      else
        health="registered: $(flink_jobs_tool taskmanagers 2>/dev/null || echo '?') of $FLINK_TASK_MANAGERS"
      fi
      status_line "$name" running "$pid" "127.0.0.1" "$health"
    elif [[ -f "$(pid_file "$name")" ]]; then
      status_line "$name" dead - "127.0.0.1" "exited; see $LOGS/$name.log"; ok=3
    fi
  done
  ours flink-jobmanager >/dev/null || return $ok
  for entry in "${JOBS[@]}"; do
    job="$(cut -d: -f2 <<<"$entry")"
    state="$(flink_jobs_tool state --name "$job" 2>/dev/null || echo "not submitted")"
    [[ "$state" == RUNNING || "$state" == "not submitted" ]] || ok=3
    status_line "${entry%%:*}" "$state" - "(job $job)" "$FLINK_REST/#/overview"
  done
  return $ok
}

cmd_upgrade() {
  case "${1:-}" in
    -h | --help | "")
      cat <<EOF
usage: infra/omnify upgrade metrics-job|detection-job|brain-job

Stops the job on the local Flink cluster with a savepoint (in $FLINK_DIR/savepoints), rebuilds jobs/target/jobs.jar
when its sources changed, and starts the new jar's job from that savepoint. Every stateful operator keeps its uid,
so the new graph takes the old state; a savepoint that does not fit is refused and the job is not started (start
it again from the savepoint printed, with the old jar, or fix the graph). The cluster must run (serve or demo).
EOF
      [[ -z "${1:-}" ]] && return 2
      return 0 ;;
  esac
  local name="$1" job savepoint t0
  job="$(flink_job_field "$name" 2)"
  prepare_dirs
  build_if_needed "$INFRA_JAR" "$JOBS_JAR"
  http_ok "$FLINK_REST/overview" || die "the Flink cluster does not answer on $FLINK_REST: start it with 'infra/omnify serve' (or demo)"
  t0=$(now_ms)
  step "stopping $name ($job) with a savepoint"
  savepoint="$(flink_jobs_tool stop --name "$job" --savepoint-dir "file://$FLINK_DIR/savepoints")" \
    || die "could not stop $name with a savepoint (above); it keeps running"
  say "savepoint $savepoint"
  flink_submit "$name" "$savepoint"
  flink_wait_running 120
  say "upgraded $name in $(elapsed "$t0")"
}
