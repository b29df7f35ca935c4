# shellcheck shell=bash
# shellcheck disable=SC2034 # the settings are read by the other files of infra/lib
# Settings, output and process helpers shared by every launcher command. Sourced by infra/omnify (which sets ROOT).
# The settings below are read once from the environment and never changed afterwards.

# OMNIFY_STATE_DIR: another checkout (a git worktree) can share one running stack, or run a private one
STATE="${OMNIFY_STATE_DIR:-$ROOT/.omnify}"
PIDS="$STATE/pids"
LOGS="$STATE/logs"
SECRETS="$STATE/secrets"

PG_VERSION=15
PG_BIN="/usr/lib/postgresql/$PG_VERSION/bin"
PG_DIR="$STATE/pg"
PG_DATA="$PG_DIR/data"
PG_PORT="${OMNIFY_PG_PORT:-5432}"
PG_HOST=127.0.0.1

KAFKA_DIR="$STATE/kafka"
KAFKA_LIB="$KAFKA_DIR/lib"
KAFKA_DATA="$KAFKA_DIR/data"
KAFKA_PROPS="$KAFKA_DIR/server.properties"
KAFKA_PORT="${OMNIFY_KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${OMNIFY_KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_BOOTSTRAP="127.0.0.1:$KAFKA_PORT"
KAFKA_HEAP="${OMNIFY_KAFKA_HEAP:-1g}"

QUERY_API_PORT="${QUERY_API_PORT:-7070}"
INGEST_PORT="${INGEST_PORT:-7071}"
SIMULATOR_PORT="${SIMULATOR_PORT:-7072}"
FLINK_WEB_UI_PORT="${FLINK_WEB_UI_PORT:-8081}"
DETECTION_WEB_UI_PORT="${DETECTION_WEB_UI_PORT:-8082}"
BRAIN_WEB_UI_PORT="${BRAIN_WEB_UI_PORT:-8083}"

DB_URL_DEFAULT="jdbc:postgresql://$PG_HOST:$PG_PORT/omnify"
INFRA_JAR="$ROOT/infra/target/infra.jar"
JOBS_JAR="$ROOT/jobs/target/jobs.jar"
INGEST_JAR="$ROOT/ingest-adapters/target/ingest.jar"
QUERY_API_JAR="$ROOT/query-api/target/query-api.jar"
SIMULATOR_JAR="$ROOT/simulator/target/simulator.jar"

# services the launcher may have started, stopped first by `down` (the stack last)
SERVICES=(simulator query-api ingest brain-job detection-job metrics-job)

# fast-starting JVM for short command-line tools
TOOL_JVM=(-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Xmx512m)

# ---------------------------------------------------------------------------------------------------------------
# output

say() { printf '%s\n' "$*"; }
step() { printf '==> %s\n' "$*"; }
warn() { printf 'omnify: warning: %s\n' "$*" >&2; }
die() { printf 'omnify: error: %s\n' "$*" >&2; exit 1; }
usage_die() { printf 'omnify: %s\n' "$*" >&2; exit 2; }

now_ms() { date +%s%3N; }
elapsed() { # elapsed START_MS -> "12.3 s"
  local d=$(( $(now_ms) - $1 ))
  printf '%d.%d s' $((d / 1000)) $(((d % 1000) / 100))
}

log_tail() { # log_tail FILE [LINES]
  if [[ -f "$1" ]]; then
    printf -- '--- last %s lines of %s ---\n' "${2:-30}" "$1" >&2
    tail -n "${2:-30}" "$1" >&2
    printf -- '---\n' >&2
  fi
}

prepare_dirs() {
  mkdir -p "$STATE" "$PIDS" "$LOGS"
}

# ---------------------------------------------------------------------------------------------------------------
# processes, pids, ports

port_open() { # port_open PORT: something accepts TCP on 127.0.0.1:PORT
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

port_owner() { # port_owner PORT: "pid/name" of the listener when ss can tell, else empty
  command -v ss >/dev/null 2>&1 || return 0
  ss -Hltnp "sport = :$1" 2>/dev/null | sed -n 's/.*users:(("\([^"]*\)",pid=\([0-9]*\).*/\2\/\1/p' | head -1
}

pid_file() { printf '%s/%s.pid' "$PIDS" "$1"; }

alive() { [[ -n "${1:-}" ]] && kill -0 "$1" 2>/dev/null; }

# ours NAME -> prints the pid when NAME's pid file names a live process that we started (its command line
# mentions this repo's or the state folder's paths), else nothing and status 1
ours() {
  local f pid
  f="$(pid_file "$1")"
  [[ -f "$f" ]] || return 1
  pid="$(head -1 "$f" 2>/dev/null | tr -dc '0-9')"
  alive "$pid" || return 1
  # a checkout sharing another's stack (OMNIFY_STATE_DIR) owns what mentions that state folder, e.g. its Kafka
  if [[ -r "/proc/$pid/cmdline" ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -e "$ROOT/" -e "$STATE/"; then
    return 1
  fi
  printf '%s' "$pid"
}

# stop_pid NAME PID [GRACE_SECONDS]: TERM, wait, then KILL
stop_pid() {
  local name="$1" pid="$2" grace="${3:-20}" i
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < grace * 10; i++)); do
    alive "$pid" || { say "stopped $name (pid $pid)"; return 0; }
    sleep 0.1
  done
  warn "$name (pid $pid) did not stop in ${grace}s; killing it"
  kill -KILL "$pid" 2>/dev/null || true
  for ((i = 0; i < 50; i++)); do alive "$pid" || break; sleep 0.1; done
  say "killed $name (pid $pid)"
}

# check_port_free NAME PORT: fail with advice when the port is taken by something that is not ours
check_port_free() {
  local name="$1" port="$2" owner
  if port_open "$port"; then
    owner="$(port_owner "$port")"
    die "port $port (wanted by $name) is already taken by ${owner:-another process} that this launcher did not start.
  Stop that process (see: ss -ltnp 'sport = :$port'), or if it is an old Omnify stack from another checkout, run
  'infra/omnify down' there."
  fi
}

# ---------------------------------------------------------------------------------------------------------------
# HTTP (curl when present, else bash's /dev/tcp)

http_ok() { # http_ok URL: 2xx within 3 s
  if command -v curl >/dev/null 2>&1; then
    curl -fsS -o /dev/null -m 3 "$1" 2>/dev/null
  else
    local hostport path host port line
    hostport="${1#http://}"; path="/${hostport#*/}"; hostport="${hostport%%/*}"
    host="${hostport%:*}"; port="${hostport##*:}"
    # shellcheck disable=SC2016 # expanded by the inner bash
    line="$(timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1" && printf "GET %s HTTP/1.0\r\nHost: %s\r\n\r\n" "$2" "$0" >&3 && head -1 <&3' \
      "$host" "$port" "$path" 2>/dev/null)" || return 1
    [[ "$line" =~ ^HTTP/[0-9.]+\ 2[0-9][0-9] ]]
  fi
}

# ---------------------------------------------------------------------------------------------------------------
# jars from Maven (Kafka's broker, Flink's runtime): a standalone pom under infra/NAME copies them into a lib folder

# fetch_jars NAME WHAT LIB MARKER: runs infra/NAME/pom.xml's copy into LIB (property omnify.NAME.lib) unless LIB
# already has a jar matching MARKER newer than the pom
fetch_jars() {
  local name="$1" what="$2" lib="$3" marker="$4" pom="$ROOT/infra/$1/pom.xml" stamp="$3/.fetched" t0
  if [[ -f "$stamp" && "$stamp" -nt "$pom" ]] && compgen -G "$lib/$marker" >/dev/null; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is needed to fetch $what: install it (apt-get install -y maven)"
  t0=$(now_ms)
  step "fetching $what with Maven into $lib"
  rm -rf "$lib"
  mkdir -p "$lib"
  mvn -B -q -f "$pom" package -Domnify."$name".lib="$lib" >"$LOGS/$name-fetch.log" 2>&1 \
    || { log_tail "$LOGS/$name-fetch.log"; die "could not fetch $what (see $LOGS/$name-fetch.log): Maven Central must be reachable"; }
  touch "$stamp"
  say "$what ready in $(elapsed "$t0")"
}

