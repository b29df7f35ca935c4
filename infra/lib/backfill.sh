# shellcheck shell=bash
# backfill: a file through the ingest endpoint, or a platform backfill of a connection through the query API.

cmd_backfill() {
  case "${1:-}" in
    -h | --help | "")
      cat <<EOF
usage: infra/omnify backfill --platform meta|google|tiktok|shopify --file PATH --api-key KEY
                             [--ingest-url URL] [--batch-rows N]
       infra/omnify backfill --connection ID --from YYYY-MM-DD --to YYYY-MM-DD --api-key KEY
                             [--api-url URL] [--no-wait]

Streams a CSV (.csv; the header is repeated on every batch) or NDJSON (.ndjson, .jsonl, .json) file to
POST {ingest-url}/api/v1/ingest/{platform} in batches of N rows (default 5000), showing progress (rows sent
of total, rows/s, accepted and rejected so far), then prints the rejected lines with their reasons (first 20;
line numbers are the file's). --ingest-url defaults to http://127.0.0.1:$INGEST_PORT.
Exits 0 when every row was accepted, 1 when some were rejected, 2 on a usage error, 3 when a batch failed.

With --connection: asks the query API (--api-url, default http://127.0.0.1:$QUERY_API_PORT) to backfill that
connection's dates from the platform (POST /api/v1/sync/backfills, admin key), then shows the run's progress
(rows, pages done of total) until it succeeds or fails; the ingest service's scheduler reads the platform, and a
restart resumes from the last stored page. Exits 0 succeeded (or queued with --no-wait), 1 failed, 2 usage, 3 the
API refused or did not answer.
EOF
      [[ -z "${1:-}" ]] && return 2
      return 0 ;;
  esac
  prepare_dirs
  build_if_needed "$INFRA_JAR"
  local a
  for a in "$@"; do
    if [[ "$a" == --connection ]]; then
      java -XX:+UseSerialGC -Xmx256m -cp "$INFRA_JAR" ai.omnify.infra.SyncBackfill \
        --default-api-url "http://127.0.0.1:$QUERY_API_PORT" "$@"
      return
    fi
  done
  java -XX:+UseSerialGC -Xmx512m -cp "$INFRA_JAR" ai.omnify.infra.Backfill \
    --default-ingest-url "http://127.0.0.1:$INGEST_PORT" "$@"
}

