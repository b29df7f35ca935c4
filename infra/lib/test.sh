# shellcheck shell=bash
# test: what CI runs. The tests find the stack, and the roles' passwords, through the variables exported here.

# Drops test databases (omnify_it_*) left by earlier runs: those older than 15 minutes that nobody is connected
# to, so that a colleague's test run on the same machine keeps its databases.
drop_leftover_test_databases() {
  local names name n=0
  names="$(psql_admin -d postgres -At <<'SQL'
SELECT d.datname FROM pg_database d
WHERE d.datname LIKE 'omnify\_it\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)
  AND (pg_stat_file('base/' || d.oid || '/PG_VERSION')).modification < now() - interval '15 minutes'
SQL
)" || { warn "could not list leftover test databases"; return 0; }
  for name in $names; do
    if psql_admin -d postgres -c "DROP DATABASE IF EXISTS \"$name\"" >/dev/null 2>&1; then n=$((n + 1)); fi
  done
  (( n == 0 )) || say "dropped $n leftover test database(s)"
}

cmd_test() {
  case "${1:-}" in
    -h | --help)
      cat <<EOF
usage: infra/omnify test [--faults] [MAVEN ARGS...]

What CI runs (.ci/run): starts the stack unless it runs already, installs Chromium and ChromeDriver (Debian
packages, for the dashboard's browser test) when missing, drops leftover test databases (omnify_it_*),
runs 'mvn -B verify' at the repo root with the extra arguments (e.g. 'infra/omnify test -pl jobs'), stops
what it started, and exits with Maven's status.

--faults (or OMNIFY_TEST_FAULTS=1): after a green 'mvn verify', also the fault-injection test T1 on the local Flink
cluster ('bench/faults t1': the demo with TaskManagers and the JobManager killed mid-stream, then its ground-truth
check; about 6-10 minutes), then stops the demo's services and the cluster. The exit status is 1 when it fails.
EOF
      return 0 ;;
  esac
  local faults="${OMNIFY_TEST_FAULTS:-}"
  if [[ "${1:-}" == --faults ]]; then faults=1; shift; fi
  local t_all t0 started_pg=0 started_kafka=0 rc=0
  t_all=$(now_ms)
  prepare_dirs
  pg_running_pid >/dev/null || started_pg=1
  ours kafka >/dev/null || started_kafka=1
  # stop what we started, however we leave
  # shellcheck disable=SC2317
  test_cleanup() {
    if (( started_kafka )); then kafka_down || true; fi
    if (( started_pg )); then pg_down || true; fi
  }
  trap test_cleanup EXIT
  trap 'exit 130' INT TERM
  t0=$(now_ms)
  stack_up
  say "stack ready in $(elapsed "$t0")"
  install_browser
  drop_leftover_test_databases
  # the tests find the stack through these (ai.omnify.testing.TestStack)
  export OMNIFY_TEST_PG="${OMNIFY_TEST_PG:-$PG_HOST:$PG_PORT}"
  export KAFKA_BOOTSTRAP_SERVERS="${KAFKA_BOOTSTRAP_SERVERS:-$KAFKA_BOOTSTRAP}"
  OMNIFY_OWNER_PASSWORD="$(db_password owner)"
  OMNIFY_APP_PASSWORD="$(db_password app)"
  OMNIFY_PIPELINE_PASSWORD="$(db_password pipeline)"
  export OMNIFY_OWNER_PASSWORD OMNIFY_APP_PASSWORD OMNIFY_PIPELINE_PASSWORD
  t0=$(now_ms)
  step "mvn -B verify $*"
  (cd "$ROOT" && mvn -B verify "$@") || rc=$?
  say "mvn verify finished with status $rc in $(elapsed "$t0") (total $(elapsed "$t_all"))"
  if [[ -n "$faults" && "$rc" == 0 ]]; then
    t0=$(now_ms)
    step "fault injection: bench/faults t1"
    "$ROOT/bench/faults" t1 || rc=1
    services_down
    flink_down
    say "fault injection finished with status $rc in $(elapsed "$t0") (total $(elapsed "$t_all"))"
  fi
  exit "$rc"
}

