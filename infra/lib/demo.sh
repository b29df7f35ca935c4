# shellcheck shell=bash
# demo: everything of serve, plus the demo organization ("Northwind Outdoor") and the simulator feeding it, either as
# fake platform APIs that the ingest service polls (--feed platforms) or by pushing to the ingest endpoint (--feed ingest).

cmd_demo() {
  local feed=platforms check=""
  while [[ $# -gt 0 ]]; do
    case "$1" in
      -h | --help)
        cat <<EOF
usage: infra/omnify demo [--feed platforms|ingest] [--check]

Everything of 'serve', plus a demo organization ("Northwind Outdoor", EUR, Europe/Berlin; created once and
remembered in $STATE/demo.env) and the simulator (:$SIMULATOR_PORT) with 90 days of a synthetic brand, then live.

  --feed platforms  (default) the simulator serves fake Meta, Google Ads, TikTok and Shopify APIs; the demo
                    organization gets a connection for each (POST /api/v1/connections with the demo API key), and
                    the ingest service's scheduler backfills 90 days (again at every demo start, as what the fakes
                    serve moves with the day) and then polls them through the real platform clients
                    (META_API_BASE_URL, ... point at the simulator). The first backfill's progress is shown
                    (GET /api/v1/sync). Orders the store takes from then on also arrive at once as signed
                    Shopify webhooks (POST /webhooks/shopify; some twice, out of order; SHOPIFY_WEBHOOK_SECRET, or a
                    random secret kept in $STATE/demo-webhook-secret, is given to both sides), and
                    every alert kind is injected into the served data. Before the first backfill, every fake
                    campaign's daily budget (converted to EUR) is put in the demo organization's alert rules
                    (dailyBudgets, PUT /api/v1/alert-rules), so budget pacing can alert. The fakes' ground truth
                    (ad-days.csv, incidents.json, budgets.csv, webhook-orders.csv) and the connections are in
                    $STATE/fakes-truth.
  --feed ingest     the simulator pushes history, then live data, through the ingest endpoint (the feed from before
                    the platform adapters; ground truth in $STATE/ground-truth).
  --check           with --feed platforms: after the first backfill, compare the demo organization's daily metrics
                    (channel-days older than 4 days, which the platforms no longer restate) with the fakes' ground
                    truth; exit 1 when they differ.

Ports: QUERY_API_PORT, INGEST_PORT, SIMULATOR_PORT, FLINK_WEB_UI_PORT. Stop with 'infra/omnify down'.
EOF
        return 0 ;;
      --feed) [[ $# -ge 2 ]] || usage_die "--feed needs a value: platforms or ingest"; feed="$2"; shift 2 ;;
      --feed=*) feed="${1#--feed=}"; shift ;;
      --check) check=1; shift ;;
      *) usage_die "unknown option '$1' for demo (see: infra/omnify demo --help)" ;;
    esac
  done
  case "$feed" in
    platforms | ingest) ;;
    *) usage_die "--feed must be platforms or ingest, not '$feed' (see: infra/omnify demo --help)" ;;
  esac
  [[ -z "$check" || "$feed" == platforms ]] || usage_die "--check compares the platform feed (--feed platforms) only"
  local t0 sim="http://127.0.0.1:$SIMULATOR_PORT" secret
  t0=$(now_ms)
  stack_prepare "$SIMULATOR_JAR"
  if [[ "$feed" == platforms ]]; then
    # the simulator signs the store's Shopify webhooks with the secret the ingest service verifies them with
    secret="$(demo_webhook_secret)"
    # the fake platforms start first, so that the ingest service's first polls find them
    demo_org
    demo_fakes "$secret"
    # the ingest service reads the fake platforms through its real clients, starting with a 90-day backfill
    services_up demo META_API_BASE_URL="$sim/meta" GOOGLE_ADS_API_BASE_URL="$sim/google" \
      GOOGLE_OAUTH_TOKEN_URL="$sim/google/token" TIKTOK_API_BASE_URL="$sim/tiktok" SHOPIFY_API_BASE_URL="$sim/shopify" \
      SYNC_INITIAL_BACKFILL_DAYS="${SYNC_INITIAL_BACKFILL_DAYS:-91}" SYNC_RECONCILE_INTERVAL="${SYNC_RECONCILE_INTERVAL:-5s}" \
      SHOPIFY_WEBHOOK_SECRET="$secret"
    demo_platforms "$sim"
  else
    services_up demo
    demo_org
    mkdir -p "$STATE/ground-truth"
    start_service simulator "$sim/health" 90 SIMULATOR_PORT="$SIMULATOR_PORT" -- \
      java -Xmx"${OMNIFY_SERVICE_HEAP:-768m}" -jar "$SIMULATOR_JAR" run --ingest-url "http://127.0.0.1:$INGEST_PORT" --api-key "$DEMO_KEY" \
      --org-id "$DEMO_ORG" --days 90 --incidents --ground-truth "$STATE/ground-truth"
  fi
  local to from truth_dir=fakes-truth
  [[ "$feed" == ingest ]] && truth_dir=ground-truth
  to="$(date -u +%F)"
  from="$(date -u -d '-30 days' +%F 2>/dev/null || echo 2026-01-01)"
  print_endpoints
  cat <<EOF
  simulator         $sim   (feed: $feed; ground truth in $STATE/$truth_dir)

Demo organization "Northwind Outdoor"
  organization id   $DEMO_ORG
  API key           $DEMO_KEY
  dashboard login   $DEMO_EMAIL  /  $DEMO_PASSWORD   (http://127.0.0.1:$QUERY_API_PORT/app/)

Try:
  curl -H "Authorization: Bearer $DEMO_KEY" 'http://127.0.0.1:$QUERY_API_PORT/api/v1/metrics/daily?from=$from&to=$to'
  curl -H "Authorization: Bearer $DEMO_KEY" 'http://127.0.0.1:$QUERY_API_PORT/api/v1/channels'
  curl -H "Authorization: Bearer $DEMO_KEY" 'http://127.0.0.1:$QUERY_API_PORT/api/v1/sync'
(ready in $(elapsed "$t0"); the simulator keeps running until 'infra/omnify down')
EOF
  if [[ -n "$check" ]]; then
    demo_check
  fi
}

# demo_fakes SECRET: the simulator's fake platforms for the demo organization; live orders also go out as Shopify
# webhooks signed with SECRET to the ingest service (retried while it starts and until the shop is connected); every
# alert kind is injected into the served data (truth in fakes-truth/incidents.json)
demo_fakes() {
  mkdir -p "$STATE/fakes-truth"
  start_service simulator "http://127.0.0.1:$SIMULATOR_PORT/health" 90 SIMULATOR_PORT="$SIMULATOR_PORT" \
    SHOPIFY_WEBHOOK_SECRET="$1" -- \
    java -Xmx"${OMNIFY_SERVICE_HEAP:-768m}" -jar "$SIMULATOR_JAR" fakes --org-id "$DEMO_ORG" --days 90 \
    --ground-truth "$STATE/fakes-truth" --incidents \
    --webhook-url "http://127.0.0.1:$INGEST_PORT/webhooks/shopify" --webhook-retries 12
}

demo_webhook_secret() { # prints $SHOPIFY_WEBHOOK_SECRET, else a random secret made once and kept in $STATE
  local f="$STATE/demo-webhook-secret"
  if [[ -n "${SHOPIFY_WEBHOOK_SECRET:-}" ]]; then printf '%s' "$SHOPIFY_WEBHOOK_SECRET"; return 0; fi
  mkdir -p "$STATE"
  if [[ ! -s "$f" ]]; then
    (umask 077 && head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$f") \
      || die "could not write the demo's Shopify webhook secret to $f: check that $STATE is writable"
  fi
  cat "$f"
}

# demo_platforms SIM_URL: one connection per fake platform for the demo organization, then the first backfill's progress
demo_platforms() {
  local sim="$1" truth="$STATE/fakes-truth" body code n=0 id had=()
  [[ -s "$truth/connections.ndjson" ]] \
    || die "the simulator wrote no $truth/connections.ndjson: was it started by an older demo? (see $LOGS/simulator.log)"
  # the budgets go in before the first backfill, so the DetectionJob has them when it judges the backfilled days
  demo_budgets
  step "connecting Meta, Google Ads, TikTok and Shopify (the simulator's fake accounts) to the demo organization"
  while IFS= read -r body; do
    code="$(curl -sS -o "$LOGS/connect.out" -w '%{http_code}' -m 30 -X POST \
      -H "Authorization: Bearer $DEMO_KEY" -H 'Content-Type: application/json' --data "$body" \
      "http://127.0.0.1:$QUERY_API_PORT/api/v1/connections")" || code=000
    case "$code" in
      201) n=$((n + 1)) ;;
      200) # the organization had it already: no first backfill comes, so the 90 days are read again below
        n=$((n + 1))
        id="$(grep -o '"id":"[0-9a-fA-F-]\{36\}"' "$LOGS/connect.out" | head -1 | cut -d'"' -f4)"
        [[ -n "$id" ]] && had+=("$id") ;;
      *) die "POST /api/v1/connections answered $code: $(cat "$LOGS/connect.out" 2>/dev/null)" ;;
    esac
  done <"$truth/connections.ndjson"
  say "$n connections stored (credentials sealed); the ingest scheduler takes them up within ${SYNC_RECONCILE_INTERVAL:-5s}"
  if (( ${#had[@]} )); then
    # what the fakes serve may differ from what was synced before (another day's brand, incidents on or off)
    step "re-reading 91 days of the ${#had[@]} connection(s) the demo organization already had (POST /api/v1/sync/backfills)"
    for id in "${had[@]}"; do
      code="$(curl -sS -o "$LOGS/connect.out" -w '%{http_code}' -m 30 -X POST \
        -H "Authorization: Bearer $DEMO_KEY" -H 'Content-Type: application/json' \
        --data "{\"connectionId\":\"$id\",\"from\":\"$(date -u -d '-91 days' +%F)\",\"to\":\"$(date -u +%F)\"}" \
        "http://127.0.0.1:$QUERY_API_PORT/api/v1/sync/backfills")" || code=000
      [[ "$code" == 202 ]] || warn "POST /api/v1/sync/backfills for connection $id answered $code: $(cat "$LOGS/connect.out" 2>/dev/null)"
    done
  fi
  step "first backfill (90 days, four platforms), as GET /api/v1/sync shows it"
  java "${TOOL_JVM[@]}" -cp "$INFRA_JAR" ai.omnify.infra.SyncWatch --api-url "http://127.0.0.1:$QUERY_API_PORT" \
    --api-key "$DEMO_KEY" --expect 4 --timeout "${OMNIFY_DEMO_SYNC_TIMEOUT:-900}" \
    || warn "the first backfill did not finish (above); the services keep running: see GET /api/v1/sync and $LOGS/ingest.log"
}

# demo_budgets: the fake campaigns' daily budgets (fakes-truth/budgets.csv) into the demo organization's alert rules,
# so budget pacing has budgets to check (converted to the organization's currency at the latest rate)
demo_budgets() {
  local truth="$STATE/fakes-truth"
  if [[ ! -s "$truth/budgets.csv" ]]; then
    warn "the simulator wrote no $truth/budgets.csv (an older simulator?): budget pacing has no budgets; set them with PUT /api/v1/alert-rules (dailyBudgets)"
    return 0
  fi
  as_owner java "${TOOL_JVM[@]}" -cp "$INFRA_JAR" ai.omnify.infra.DemoBudgets --api-url "http://127.0.0.1:$QUERY_API_PORT" --api-key "$DEMO_KEY" \
    --budgets "$truth/budgets.csv" \
    || warn "could not set the campaigns' daily budgets in the demo organization's alert rules (above): budget pacing will not alert; set them with PUT /api/v1/alert-rules (dailyBudgets)"
}

# demo_check: the demo organization's channel-days older than 4 days equal the fakes' ground truth
demo_check() {
  local until i
  until="$(date -u -d '-5 days' +%F)"
  step "checking the demo organization's daily metrics up to $until against $STATE/fakes-truth/ad-days.csv"
  for ((i = 0; i < 24; i++)); do # the MetricsJob may still be writing the last pages
    if as_owner java "${TOOL_JVM[@]}" -cp "$INFRA_JAR" ai.omnify.infra.DemoCheck "$STATE/fakes-truth/ad-days.csv" "$DEMO_ORG" "$until" >"$LOGS/demo-check.out" 2>&1; then
      cat "$LOGS/demo-check.out"
      return 0
    fi
    sleep 5
  done
  cat "$LOGS/demo-check.out"
  die "the demo's daily metrics differ from the fakes' ground truth (above; whole output in $LOGS/demo-check.out)"
}

demo_org() { # sets DEMO_ORG, DEMO_KEY, DEMO_EMAIL and DEMO_PASSWORD, creating the demo organization and its login once
  local envf="$STATE/demo.env" out
  DEMO_EMAIL="" DEMO_PASSWORD=""
  if [[ -f "$envf" ]]; then
    # shellcheck disable=SC1090
    source "$envf"
    if [[ -n "${DEMO_ORG:-}" && -n "${DEMO_KEY:-}" ]] && [[ "$DEMO_ORG" =~ ^[0-9a-fA-F-]{36}$ ]] \
      && [[ "$(psql_admin -d omnify -At -c "SELECT count(*) FROM organizations WHERE id = '$DEMO_ORG'" 2>/dev/null)" == 1 ]]; then
      say "demo organization $DEMO_ORG (from ${envf#"$ROOT"/})"
      demo_login "$envf"
      return 0
    fi
    say "the demo organization in ${envf#"$ROOT"/} is not in the database any more; making a new one"
    DEMO_EMAIL="" DEMO_PASSWORD=""
  fi
  step "creating the demo organization \"Northwind Outdoor\" (EUR, Europe/Berlin)"
  out="$(admin_cli org create "Northwind Outdoor" --currency EUR --time-zone Europe/Berlin)" \
    || die "could not create the demo organization (output above)"
  DEMO_ORG="$(sed -n 's/^organization[[:space:]]\{1,\}\([0-9a-fA-F-]\{36\}\).*/\1/p' <<<"$out" | head -1)"
  DEMO_KEY="$(sed -n 's/^api key[[:space:]]\{1,\}\([^[:space:]]\{1,\}\).*/\1/p' <<<"$out" | head -1)"
  [[ -n "$DEMO_ORG" && -n "$DEMO_KEY" ]] || die "could not read the organization id and API key from:
$out"
  demo_env_write "$envf"
  demo_login "$envf"
}

demo_login() { # demo_login ENV_FILE: a dashboard login (admin) for the demo organization, made once and kept in ENV_FILE
  local envf="$1" out email="demo-${DEMO_ORG:0:8}@northwind.example"
  if [[ -n "${DEMO_EMAIL:-}" && -n "${DEMO_PASSWORD:-}" ]] \
    && [[ "$(psql_admin -d omnify -At -c "SELECT count(*) FROM users WHERE email = '$DEMO_EMAIL'" 2>/dev/null)" == 1 ]]; then
    return 0
  fi
  step "creating the demo login $email"
  out="$(admin_cli user create --org "$DEMO_ORG" --email "$email" --role admin)" \
    || die "could not create the demo login (output above)"
  DEMO_EMAIL="$email"
  DEMO_PASSWORD="$(sed -n 's/^password[[:space:]]\{1,\}\([^[:space:]]\{1,\}\).*/\1/p' <<<"$out" | head -1)"
  [[ -n "$DEMO_PASSWORD" ]] || die "could not read the demo password from:
$out"
  demo_env_write "$envf"
}

demo_env_write() { # demo_env_write FILE: DEMO_ORG, DEMO_KEY, DEMO_EMAIL, DEMO_PASSWORD into FILE, readable by us alone
  (umask 077 && printf 'DEMO_ORG=%s\nDEMO_KEY=%s\nDEMO_EMAIL=%s\nDEMO_PASSWORD=%s\n' \
    "$DEMO_ORG" "$DEMO_KEY" "${DEMO_EMAIL:-}" "${DEMO_PASSWORD:-}" >"$1") || die "could not write $1"
  chmod 600 "$1"
}
