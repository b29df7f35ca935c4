# shellcheck shell=bash
# The local single-node KRaft Kafka broker (jars fetched with Maven into $KAFKA_LIB) and the contract topics.

kafka_fetch() { # the broker's jars (infra/kafka/pom.xml), refetched when the pom changes
  fetch_jars kafka "the Kafka broker jars" "$KAFKA_LIB" 'kafka_2.13-*.jar'
}

kafka_tool() { # kafka_tool MAINCLASS ARGS...: a Kafka command-line tool from the lib dir
  java "${TOOL_JVM[@]}" -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dlog4j2.level=WARN \
    -cp "$KAFKA_LIB/*" "$@"
}

kafka_write_props() {
  mkdir -p "$KAFKA_DATA"
  cat >"$KAFKA_PROPS" <<EOF
# written by infra/omnify on every 'up': a single-node KRaft broker for local development and tests
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KAFKA_DATA
num.partitions=2
default.replication.factor=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=4
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
delete.topic.enable=true
log.retention.hours=168
log.segment.bytes=268435456
num.network.threads=2
num.io.threads=4
EOF
}

kafka_format() {
  [[ -f "$KAFKA_DATA/meta.properties" ]] && return 0
  local id
  step "formatting Kafka storage in $KAFKA_DATA"
  id="$(kafka_tool kafka.tools.StorageTool random-uuid 2>>"$LOGS/kafka-format.log" | tail -1)"
  [[ -n "$id" ]] || { log_tail "$LOGS/kafka-format.log"; die "kafka StorageTool random-uuid failed (see $LOGS/kafka-format.log)"; }
  kafka_tool kafka.tools.StorageTool format -t "$id" -c "$KAFKA_PROPS" >>"$LOGS/kafka-format.log" 2>&1 \
    || { log_tail "$LOGS/kafka-format.log"; die "formatting Kafka storage failed (see $LOGS/kafka-format.log);
  if the data is stale, remove $KAFKA_DATA and run 'infra/omnify up' again"; }
}

kafka_up() {
  local pid t0 start_size timeout=90 i
  if pid="$(ours kafka)"; then
    say "Kafka already running (pid $pid, $KAFKA_BOOTSTRAP)"
    return 0
  fi
  rm -f "$(pid_file kafka)"
  check_port_free Kafka "$KAFKA_PORT"
  check_port_free "Kafka controller" "$KAFKA_CONTROLLER_PORT"
  kafka_fetch
  kafka_write_props
  kafka_format
  t0=$(now_ms)
  step "starting Kafka on $KAFKA_BOOTSTRAP (log $LOGS/kafka.log)"
  touch "$LOGS/kafka.log"
  start_size=$(stat -c %s "$LOGS/kafka.log")
  # setsid + nohup: the broker outlives this shell; its stdout/stderr (slf4j-simple) go to the log
  setsid nohup java -Xms"$KAFKA_HEAP" -Xmx"$KAFKA_HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -Djava.awt.headless=true -Dlog4j2.level=WARN \
    -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat="yyyy-MM-dd'T'HH:mm:ss.SSS" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.kafka.server.KafkaRaftServer=info \
    -Dorg.slf4j.simpleLogger.log.kafka.server.BrokerServer=info -Dorg.slf4j.simpleLogger.log.kafka.server.ControllerServer=info \
    -Domnify.state="$STATE" \
    -cp "$KAFKA_LIB/*" kafka.Kafka "$KAFKA_PROPS" >>"$LOGS/kafka.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$(pid_file kafka)"
  for ((i = 0; i < timeout * 5; i++)); do
    if ! alive "$pid"; then
      log_tail "$LOGS/kafka.log" 40
      rm -f "$(pid_file kafka)"
      die "Kafka exited while starting (log above, whole log in $LOGS/kafka.log)"
    fi
    if port_open "$KAFKA_PORT" && tail -c +"$((start_size + 1))" "$LOGS/kafka.log" | grep -q 'Kafka Server started'; then
      say "Kafka up (pid $pid) in $(elapsed "$t0")"
      return 0
    fi
    sleep 0.2
  done
  log_tail "$LOGS/kafka.log" 40
  stop_pid Kafka "$pid" 5
  rm -f "$(pid_file kafka)"
  die "Kafka was not ready within ${timeout}s (log above, whole log in $LOGS/kafka.log)"
}

kafka_down() {
  local pid
  if pid="$(ours kafka)"; then stop_pid Kafka "$pid" 30; fi
  rm -f "$(pid_file kafka)"
}

# ---------------------------------------------------------------------------------------------------------------
# topics

topic_name() { # topic_name BASE -> with the OMNIFY_TOPIC_SUFFIX
  if [[ -n "${OMNIFY_TOPIC_SUFFIX:-}" ]]; then printf '%s.%s' "$1" "$OMNIFY_TOPIC_SUFFIX"; else printf '%s' "$1"; fi
}

# contract topics: name, partitions, and settings of their own (the rules topic keeps each organization's latest
# rules for ever, so a DetectionJob that starts without state, however late, still gets every organization's rules)
TOPICS=("omnify.ad-insights:4" "omnify.orders:4" "omnify.dead-letter:2" "omnify.channel-metrics:2" "omnify.alerts:2" "omnify.brain:2"
  "omnify.alert-rules:1:cleanup.policy=compact" "omnify.ad-entities:2")

topics_list() {
  kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" --list
}

topics_create() {
  port_open "$KAFKA_PORT" || die "Kafka is not running on $KAFKA_BOOTSTRAP: run 'infra/omnify up' first"
  kafka_fetch
  local existing entry base parts name created=0 t0
  t0=$(now_ms)
  existing="$(topics_list 2>"$LOGS/topics.log")" || { log_tail "$LOGS/topics.log"; die "cannot list topics on $KAFKA_BOOTSTRAP (see $LOGS/topics.log)"; }
  local settings
  for entry in "${TOPICS[@]}"; do
    IFS=: read -r base parts settings <<<"$entry"
    name="$(topic_name "$base")"
    if grep -qxF "$name" <<<"$existing"; then
      # a topic made before it had its settings gets them (idempotent)
      [[ -z "$settings" ]] || kafka_tool kafka.admin.ConfigCommand --bootstrap-server "$KAFKA_BOOTSTRAP" --alter \
        --entity-type topics --entity-name "$name" --add-config "$settings" >>"$LOGS/topics.log" 2>&1 \
        || { log_tail "$LOGS/topics.log"; die "could not set $settings on topic $name (see $LOGS/topics.log)"; }
      continue
    fi
    kafka_tool org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA_BOOTSTRAP" --create --if-not-exists \
      --topic "$name" --partitions "$parts" --replication-factor 1 ${settings:+--config "$settings"} >>"$LOGS/topics.log" 2>&1 \
      || { log_tail "$LOGS/topics.log"; die "could not create topic $name (see $LOGS/topics.log)"; }
    say "created topic $name ($parts partitions${settings:+, $settings})"
    created=$((created + 1))
  done
  say "topics ready${OMNIFY_TOPIC_SUFFIX:+ (suffix .$OMNIFY_TOPIC_SUFFIX)}: $created created, $(( ${#TOPICS[@]} - created )) already there ($(elapsed "$t0"))"
}

cmd_topics() {
  case "${1:-}" in
    -h | --help)
      cat <<EOF
usage: infra/omnify topics [--list]

Creates, idempotently, the contract topics on $KAFKA_BOOTSTRAP: omnify.ad-insights and omnify.orders
(4 partitions), omnify.dead-letter, omnify.channel-metrics, omnify.alerts, omnify.brain, omnify.ad-entities
(2 partitions), omnify.alert-rules (1 partition, compacted: each organization's latest rules are kept for ever).
With OMNIFY_TOPIC_SUFFIX=x every name gets '.x' appended. --list lists the topics on the broker.
EOF
      return 0 ;;
    --list)
      port_open "$KAFKA_PORT" || die "Kafka is not running on $KAFKA_BOOTSTRAP: run 'infra/omnify up' first"
      kafka_fetch
      topics_list 2>/dev/null; return 0 ;;
    "") topics_create ;;
    *) usage_die "unknown option '$1' for topics (see: infra/omnify topics --help)" ;;
  esac
}

