# shellcheck shell=bash
# The local PostgreSQL 15 cluster (in $PG_DATA, run as the postgres OS user) and the database roles with their
# per-install passwords.

pg_socket_dir() {
  # unix socket paths are limited to 107 bytes: fall back to /tmp for a deep checkout
  local d="$PG_DIR/run"
  if (( ${#d} + 20 > 100 )); then
    d="/tmp/omnify-pg-$(printf '%s' "$STATE" | cksum | cut -d' ' -f1)"
  fi
  printf '%s' "$d"
}

as_postgres() { # run a command as the postgres OS user (PostgreSQL refuses root)
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$@"
  elif [[ "$(id -un)" == postgres ]]; then
    "$@"
  else
    die "run this as root (it needs to act as the 'postgres' user), e.g. sudo infra/omnify ${CMD:-up}"
  fi
}

psql_admin() { # psql_admin [psql args]: superuser psql over our unix socket
  as_postgres "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$(pg_socket_dir)" -p "$PG_PORT" -U postgres "$@"
}

# A Debian system cluster (e.g. 15/main, made by an earlier package install) running on our port is stopped and
# set to start manually, so that ours can have the port.
pg_stop_system_cluster() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 0
  local ver name port status
  while read -r ver name port status _; do
    [[ "$port" == "$PG_PORT" ]] || continue
    if [[ "$status" == online* ]]; then
      step "stopping Debian's system cluster $ver/$name on port $port (and setting it to start manually) so Omnify's can use it"
      pg_ctlcluster "$ver" "$name" stop || warn "could not stop cluster $ver/$name"
    fi
    if [[ -w "/etc/postgresql/$ver/$name/start.conf" ]] && ! grep -qx manual "/etc/postgresql/$ver/$name/start.conf"; then
      echo manual >"/etc/postgresql/$ver/$name/start.conf"
    fi
  done < <(pg_lsclusters -h 2>/dev/null || true)
}

# make every directory from / down to DIR traversable by the postgres user (adds o+x where missing)
pg_make_traversable() {
  local d="$1"
  while [[ "$d" != / && -n "$d" ]]; do
    if [[ -d "$d" ]] && ! runuser -u postgres -- test -x "$d" 2>/dev/null; then
      chmod o+x "$d" || die "the postgres user cannot enter $d and chmod o+x failed: move the checkout somewhere postgres can traverse"
    fi
    d="$(dirname "$d")"
  done
}

pg_init() {
  [[ -f "$PG_DATA/PG_VERSION" ]] && return 0
  step "creating the PostgreSQL cluster in $PG_DATA"
  mkdir -p "$PG_DATA"
  [[ "$(id -u)" == 0 ]] && { pg_make_traversable "$PG_DIR"; chown -R postgres:postgres "$PG_DIR"; chmod 700 "$PG_DATA"; }
  local pwfile="$PG_DIR/.pw"
  # the superuser gets a random password; it is reached only over the unix socket (peer auth) anyway
  (umask 077 && head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' >"$pwfile")
  [[ "$(id -u)" == 0 ]] && chown postgres:postgres "$pwfile"
  as_postgres "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --pwfile="$pwfile" -E UTF8 --locale=C.UTF-8 \
    --auth-local=peer --auth-host=scram-sha-256 >"$LOGS/initdb.log" 2>&1 \
    || { rm -f "$pwfile"; log_tail "$LOGS/initdb.log"; rm -rf "$PG_DATA"; die "initdb failed (see $LOGS/initdb.log)"; }
  rm -f "$pwfile"
  printf "\ninclude 'conf.d-omnify.conf'\n" | as_postgres tee -a "$PG_DATA/postgresql.conf" >/dev/null
  # host connections: scram only, loopback only
  as_postgres tee "$PG_DATA/pg_hba.conf" >/dev/null <<'EOF'
# written by infra/omnify
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  peer
host    all       all   127.0.0.1/32   scram-sha-256
host    all       all   ::1/128        scram-sha-256
EOF
}

# our settings, rewritten on every start (so a changed OMNIFY_PG_PORT applies); postgresql.conf includes the file
pg_write_conf() {
  as_postgres tee "$PG_DATA/conf.d-omnify.conf" >/dev/null <<EOF
# written by infra/omnify: a local development/test cluster for a small (2-core) machine
listen_addresses = '$PG_HOST'
port = $PG_PORT
unix_socket_directories = '$(pg_socket_dir)'
max_connections = 200
shared_buffers = 128MB
work_mem = 4MB
maintenance_work_mem = 64MB
effective_cache_size = 1GB
max_wal_size = 1GB
password_encryption = scram-sha-256
log_min_messages = warning
log_line_prefix = '%m [%p] %q%u@%d '
EOF
}

pg_running_pid() { # the postmaster pid of OUR data dir when it runs
  local pid
  [[ -f "$PG_DATA/postmaster.pid" ]] || return 1
  pid="$(head -1 "$PG_DATA/postmaster.pid" 2>/dev/null | tr -dc '0-9')"
  alive "$pid" || return 1
  # a stale postmaster.pid (after a crash) may name a pid reused by something else
  if [[ -r "/proc/$pid/cmdline" ]] && ! tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$PG_DATA"; then return 1; fi
  printf '%s' "$pid"
}

pg_up() {
  local pid t0 i
  if pid="$(pg_running_pid)"; then
    echo "$pid" >"$(pid_file postgres)"
    say "PostgreSQL already running (pid $pid, $PG_HOST:$PG_PORT)"
    pg_bootstrap
    return 0
  fi
  install_postgres
  pg_stop_system_cluster
  check_port_free PostgreSQL "$PG_PORT"
  pg_init
  pg_write_conf
  mkdir -p "$(pg_socket_dir)"
  [[ "$(id -u)" == 0 ]] && chown postgres:postgres "$(pg_socket_dir)" "$PG_DIR"
  touch "$LOGS/postgres.log"
  [[ "$(id -u)" == 0 ]] && chown postgres:postgres "$LOGS/postgres.log"
  t0=$(now_ms)
  step "starting PostgreSQL $PG_VERSION on $PG_HOST:$PG_PORT (log $LOGS/postgres.log)"
  # setsid: the server survives the shell that started it
  # after a crash the old postmaster may take a moment to vanish (its lock file names it): retry a few times
  local attempt
  for attempt in 1 2 3 4; do
    if as_postgres setsid "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$LOGS/postgres.log" -w -t 60 start >>"$LOGS/pg_ctl.log" 2>&1; then
      break
    fi
    if (( attempt == 4 )); then
      log_tail "$LOGS/pg_ctl.log" 5
      log_tail "$LOGS/postgres.log"
      die "PostgreSQL did not start (see $LOGS/postgres.log). If another PostgreSQL uses $PG_DATA, stop it;
  if the data directory is damaged and disposable, remove $PG_DIR and run 'infra/omnify up' again."
    fi
    sleep 2
  done
  for ((i = 0; i < 100; i++)); do
    as_postgres "$PG_BIN/pg_isready" -q -h "$PG_HOST" -p "$PG_PORT" && break
    sleep 0.2
  done
  pid="$(pg_running_pid)" || { log_tail "$LOGS/postgres.log"; die "PostgreSQL started but its pid is unknown"; }
  echo "$pid" >"$(pid_file postgres)"
  say "PostgreSQL up (pid $pid) in $(elapsed "$t0")"
  pg_bootstrap
}

pg_down() {
  local pid
  if pid="$(pg_running_pid)" && [[ -f "$(pid_file postgres)" ]]; then
    as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w -t 30 stop >/dev/null 2>&1 || true
    if alive "$pid"; then stop_pid PostgreSQL "$pid" 10; else say "stopped PostgreSQL (pid $pid)"; fi
  fi
  rm -f "$(pid_file postgres)"
}

# ---------------------------------------------------------------------------------------------------------------
# roles and passwords
#
# Three roles: omnify_owner (owns the schema, runs migrations), omnify_app (the services; row-level security
# applies), omnify_pipeline (the jobs; BYPASSRLS). Each role's password is, in this order: OMNIFY_<ROLE>_PASSWORD
# from the environment, else the one kept in $SECRETS/database.env (0600), else a random one made when the launcher
# creates the role. An existing role's password is never changed, with one exception: a role still carrying the
# public default of older launchers (its own name) gets a random password once.

DB_ROLES=(owner app pipeline)
DB_PASSWORDS_FILE="$SECRETS/database.env"

db_password_var() { printf 'OMNIFY_%s_PASSWORD' "${1^^}"; } # db_password_var app -> OMNIFY_APP_PASSWORD

db_password_kept() { # db_password_kept VAR: the value kept in the secrets file, or nothing
  [[ -r "$DB_PASSWORDS_FILE" ]] || return 0
  sed -n "s/^$1=//p" "$DB_PASSWORDS_FILE" | tail -1
}

# db_password ROLE: the password of omnify_ROLE (environment, else the secrets file); fails naming what to do
db_password() {
  local var value
  var="$(db_password_var "$1")"
  value="${!var:-}"
  [[ -n "$value" ]] || value="$(db_password_kept "$var")"
  [[ -n "$value" ]] || die "no password is known for the database role omnify_$1: run 'infra/omnify up' (it makes one
  and keeps it in $DB_PASSWORDS_FILE), or set $var"
  printf '%s' "$value"
}

db_password_keep() { # db_password_keep VAR VALUE: (re)writes VAR in the secrets file, 0600 in a 0700 folder
  local f="$DB_PASSWORDS_FILE"
  (
    umask 077
    mkdir -p "$SECRETS"
    { grep -v "^$1=" "$f" 2>/dev/null || true; printf '%s=%s\n' "$1" "$2"; } >"$f.tmp"
    mv "$f.tmp" "$f"
  ) || die "could not write $f: check that $SECRETS is writable"
  chmod 700 "$SECRETS"
  chmod 600 "$f"
}

random_password() { od -An -tx1 -N24 /dev/urandom | tr -d ' \n'; }

db_login_ok() { # db_login_ok ROLE_NAME PASSWORD: the role logs in over TCP with the password
  PGPASSWORD="$2" PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -q -w -h "$PG_HOST" -p "$PG_PORT" -U "$1" -d postgres -At \
    -c 'SELECT 1' >/dev/null 2>&1
}

db_set_password() { # db_set_password ROLE_NAME PASSWORD: through stdin, so the password never shows in a process list
  local quoted="${2//\\/\\\\}"
  quoted="${quoted//\'/\'\'}"
  psql_admin -d postgres >/dev/null <<SQL
\\set pw '$quoted'
ALTER ROLE $1 PASSWORD :'pw';
SQL
}

# db_role_ensure ROLE: the role exists, logs in, and its password is known (see above)
db_role_ensure() {
  local role="$1" name="omnify_$1" var pw from
  var="$(db_password_var "$role")"
  pw="${!var:-}"
  from="$var"
  if [[ -z "$pw" ]]; then
    pw="$(db_password_kept "$var")"
    from="$DB_PASSWORDS_FILE"
  fi
  if [[ -z "$(psql_admin -d postgres -At -c "SELECT 1 FROM pg_roles WHERE rolname = '$name'")" ]]; then
    psql_admin -d postgres -c "CREATE ROLE $name LOGIN" >/dev/null
    if [[ -z "$pw" ]]; then
      pw="$(random_password)"
      db_password_keep "$var" "$pw"
    fi
    db_set_password "$name" "$pw"
  elif [[ -z "$pw" ]]; then
    # made before passwords were kept: an older launcher gave it its own name, a public password
    db_login_ok "$name" "$name" || die "the database role $name exists, but its password is neither given nor kept:
  set $var to it (or write '$var=...' into $DB_PASSWORDS_FILE, mode 0600); the launcher never resets it"
    pw="$(random_password)"
    db_password_keep "$var" "$pw"
    db_set_password "$name" "$pw"
    say "replaced the public default password of $name with a random one (kept in $DB_PASSWORDS_FILE)"
  fi
  db_login_ok "$name" "$pw" || die "the database role $name does not log in with the password from $from:
  correct $var (or $DB_PASSWORDS_FILE); the launcher never resets an existing password"
}

# roles (attributes re-applied every time) and the database, idempotently
pg_bootstrap() {
  local role
  for role in "${DB_ROLES[@]}"; do db_role_ensure "$role"; done
  psql_admin -d postgres >/dev/null <<'SQL'
ALTER ROLE omnify_owner LOGIN NOSUPERUSER CREATEDB NOBYPASSRLS;
ALTER ROLE omnify_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
ALTER ROLE omnify_pipeline LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE BYPASSRLS;
SELECT 'CREATE DATABASE omnify OWNER omnify_owner' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'omnify')
\gexec
SQL
}
