# shellcheck shell=bash
# Building the jars when missing or stale, and the admin CLI (infra.jar) commands: migrate, org, user.

# stale JAR MODULE...: true when JAR is missing, or the root pom or a source or pom of the modules is newer
stale() { # stale JAR MODULE...
  local jar="$1"; shift
  [[ -f "$jar" ]] || return 0
  local m
  [[ "$ROOT/pom.xml" -nt "$jar" ]] && return 0
  for m in "$@"; do
    [[ -d "$ROOT/$m" ]] || continue
    if [[ -n "$(find "$ROOT/$m/src/main" "$ROOT/$m/pom.xml" -newer "$jar" -type f -print -quit 2>/dev/null)" ]]; then return 0; fi
  done
  return 1
}

build_if_needed() { # build_if_needed JAR...: one Maven build of the modules whose jar is missing or stale
  local jar modules=() module
  for jar in "$@"; do
    case "$jar" in
      "$INFRA_JAR") module=infra ;;
      "$JOBS_JAR") module="jobs" ;;
      "$INGEST_JAR") module=ingest-adapters ;;
      "$QUERY_API_JAR") module=query-api ;;
      "$SIMULATOR_JAR") module=simulator ;;
      *) die "internal: no module builds $jar" ;;
    esac
    if stale "$jar" model config server-common "$module"; then
      say "${jar#"$ROOT"/} is missing or older than its sources"
      modules+=("$module")
    fi
  done
  (( ${#modules[@]} )) || return 0
  command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is needed to build Omnify: install it (apt-get install -y maven)"
  local t0 list
  t0=$(now_ms)
  list="$(IFS=,; printf '%s' "${modules[*]}")"
  step "building $list: mvn -B -q -DskipTests package -pl $list -am (a few minutes the first time, about a minute after; log ${LOGS#"$ROOT"/}/build.log)"
  (cd "$ROOT" && mvn -B -q -DskipTests package -pl "$list" -am) >"$LOGS/build.log" 2>&1 \
    || { log_tail "$LOGS/build.log" 40; die "the build failed (see $LOGS/build.log); run 'mvn -DskipTests package' at the repo root to see why"; }
  say "built in $(elapsed "$t0")"
  for jar in "$@"; do [[ -f "$jar" ]] || die "the build did not produce ${jar#"$ROOT"/}: check the module's pom (it must write that jar)"; done
}

# as_owner COMMAND...: COMMAND with DATABASE_URL, DATABASE_USER and DATABASE_PASSWORD of the owner role
as_owner() {
  local pw
  pw="$(db_password owner)"
  DATABASE_URL="${DATABASE_URL:-$DB_URL_DEFAULT}" DATABASE_USER="${OMNIFY_OWNER_USER:-omnify_owner}" \
    DATABASE_PASSWORD="$pw" "$@"
}

admin_cli() { # admin_cli ARGS...: java -jar infra.jar as omnify_owner
  prepare_dirs
  build_if_needed "$INFRA_JAR"
  as_owner java "${TOOL_JVM[@]}" -jar "$INFRA_JAR" "$@"
}

cmd_migrate() {
  case "${1:-}" in
    -h | --help)
      cat <<EOF
usage: infra/omnify migrate

Applies the database schema (Flyway, infra/src/main/resources/db/migration) to DATABASE_URL
(default $DB_URL_DEFAULT) as omnify_owner. Safe to run again. Builds infra/target/infra.jar if missing.
EOF
      return 0 ;;
    "") ;;
    *) usage_die "unknown option '$1' for migrate (see: infra/omnify migrate --help)" ;;
  esac
  admin_cli migrate
}

cmd_user() {
  case "${1:-}" in
    -h | --help | "")
      cat <<EOF
usage: infra/omnify user create --org ID --email EMAIL [--role admin|member|viewer] [--password P]

Creates a login for the dashboard (http://127.0.0.1:$QUERY_API_PORT/app/) in organization ID with the role
(default admin) and prints the email and the password (a random one unless --password is given; shown once).
People can also sign up in the dashboard, or be invited by an admin. Runs as omnify_owner against DATABASE_URL
(default $DB_URL_DEFAULT); the schema must be migrated ('infra/omnify migrate').
EOF
      [[ -z "${1:-}" ]] && return 2
      return 0 ;;
    create) ;;
    *) usage_die "unknown user subcommand '$1' (see: infra/omnify user --help)" ;;
  esac
  [[ "${2:-}" == -h || "${2:-}" == --help ]] && { cmd_user --help; return 0; }
  admin_cli user "$@"
}

cmd_org() {
  case "${1:-}" in
    -h | --help | "")
      cat <<EOF
usage: infra/omnify org create NAME --currency XXX [--time-zone ZONE] [--key-name NAME]

Creates an organization with reporting currency XXX (ISO 4217, e.g. EUR) and time zone ZONE (default UTC),
and prints its id and a new API key with the scopes read, ingest, act and admin (shown once: keep it).
Runs as omnify_owner against DATABASE_URL (default $DB_URL_DEFAULT); the schema must be migrated
('infra/omnify migrate', which demo and serve do).
EOF
      [[ -z "${1:-}" ]] && return 2
      return 0 ;;
    create) ;;
    *) usage_die "unknown org subcommand '$1' (see: infra/omnify org --help)" ;;
  esac
  [[ "${2:-}" == -h || "${2:-}" == --help ]] && { cmd_org --help; return 0; }
  [[ $# -ge 2 ]] || usage_die "org create needs a NAME (see: infra/omnify org --help)"
  admin_cli org "$@"
}

