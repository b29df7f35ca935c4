# shellcheck shell=bash
# Every operating-system package the launcher installs, in one place: Debian's PostgreSQL 15 for the stack, and
# Chromium with ChromeDriver for the dashboard's browser test. Everything else comes from Maven (Kafka's and Flink's
# jars) or the build. Installs need root and apt-get; without them the error says what to install by hand.

# apt_install WHAT LOG PACKAGE...: apt-get update and install, logging to LOG, failing with the log's tail
apt_install() {
  local what="$1" log="$2"
  shift 2
  [[ "$(id -u)" == 0 ]] || die "$what is not installed and installing it needs root:
  run 'sudo apt-get install -y $*', then the command again."
  command -v apt-get >/dev/null 2>&1 || die "$what is missing and this is not a Debian-like system (no apt-get):
  install the equivalent of the Debian packages '$*' by hand."
  DEBIAN_FRONTEND=noninteractive apt-get update -q >"$log" 2>&1 \
    || { log_tail "$log"; die "apt-get update failed (see $log): check the network and apt sources"; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >>"$log" 2>&1 \
    || { log_tail "$log"; die "apt-get install $* failed (see $log)"; }
}

# PostgreSQL 15 from Debian's packages when $PG_BIN/pg_ctl is missing; Debian is kept from creating (and starting)
# a cluster of its own on our port
install_postgres() {
  [[ -x "$PG_BIN/pg_ctl" ]] && return 0
  local t0
  t0=$(now_ms)
  step "installing PostgreSQL $PG_VERSION from Debian's packages (apt-get; about a minute)"
  if [[ "$(id -u)" == 0 ]]; then
    mkdir -p /etc/postgresql-common
    if [[ ! -f /etc/postgresql-common/createcluster.conf ]] \
      || ! grep -q '^create_main_cluster *= *false' /etc/postgresql-common/createcluster.conf; then
      printf '\n# set by Omnify (infra/omnify): no system cluster on 5432\ncreate_main_cluster = false\n' \
        >>/etc/postgresql-common/createcluster.conf
    fi
  fi
  apt_install "PostgreSQL $PG_VERSION" "$LOGS/apt.log" "postgresql-$PG_VERSION"
  [[ -x "$PG_BIN/pg_ctl" ]] || die "postgresql-$PG_VERSION installed but $PG_BIN/pg_ctl is missing; check $LOGS/apt.log"
  say "installed PostgreSQL $PG_VERSION in $(elapsed "$t0")"
}

# Chromium and ChromeDriver for the dashboard's browser test, when /usr/bin/chromium or /usr/bin/chromedriver is missing
install_browser() {
  [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] && return 0
  step "installing Chromium and ChromeDriver from Debian's packages for the dashboard test (apt-get; a minute or two)"
  apt_install "Chromium and ChromeDriver (the dashboard test needs /usr/bin/chromium and /usr/bin/chromedriver)" \
    "$LOGS/apt-chromium.log" chromium chromium-driver
}
