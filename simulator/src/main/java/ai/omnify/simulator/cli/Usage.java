package ai.omnify.simulator.cli;

/** Help texts of the commands. */
final class Usage {
    private Usage() {}

    static final String MAIN = """
            Usage: java -jar simulator/target/simulator.jar <command> [options]

            A synthetic e-commerce brand (Meta, Google Ads, TikTok and a Shopify store), deterministic from a seed,
            fed to Omnify's ingest endpoint, with its ground truth.

            Commands:
              run        send the history, then live data, to the ingest service
              generate   write the history as NDJSON files plus the ground truth, without sending anything
              fakes      serve only the fake Meta, Google Ads, TikTok and Shopify APIs for the platform clients to poll
              help       show this help, or a command's: help run

            Run `<command> --help` for a command's options.
            """;

    static final String RUN = """
            Usage: java -jar simulator/target/simulator.jar run --api-key KEY --org-id ORG [options]

            Sends the history (90 days ending yesterday, and today so far) to
            POST {ingest-url}/api/v1/ingest/{meta|google|tiktok|shopify} as NDJSON batches, checks that the
            rejected lines are exactly the intended bad rows, then (unless --no-live) sends live data every tick
            with the wall clock as the simulated time. Serves GET /health and GET /api/v1/status meanwhile, and
            the same brand through fake platform APIs on the same port: /meta (Graph API), /google (Google Ads
            searchStream, OAuth at /google/token), /tiktok (Business API), /shopify (Admin GraphQL); faults at
            POST /fake/{platform}/faults, limits at POST /fake/{platform}/limit, counts at GET /fake/{platform}/stats.

            Options:
              --ingest-url URL          ingest service (default $OMNIFY_INGEST_URL or http://127.0.0.1:7071)
              --api-key KEY             API key with the ingest scope, as printed by `infra/omnify org create`
                                        (default $OMNIFY_API_KEY)
              --org-id ORG              the key's organization id (default $OMNIFY_ORG_ID)
              --days N                  history days before today, 1-730 (default 90)
              --seed N                  random seed: the same seed gives the same brand (default 42)
              --tick DURATION           live tick interval: 500ms, 5s, 1m, ... (default 5s)
              --restate-every DURATION  how often a live tick is a full poll with restated days and hour rows
                                        (default 5m; other ticks send only today's changed rows and new orders)
              --no-live                 stop after the history
              --incidents               inject every alert kind (spend spike, tracking break, ...) with ground
                                        truth in the ground-truth directory's incidents.json
              --ground-truth DIR        write the ground truth into DIR after the history and after every full
                                        live poll (see DIR/README.txt)
              --batch-rows N            lines per request, 1-100000 (default 2000)
              --hourly-days N           most recent days (today included) with hour rows, 0-730 (default 2)
              --port N                  status server port, 0 for any free one (default $SIMULATOR_PORT or 7072)
              -h, --help                show this help

            Exit status: 0 done (or stopped with Ctrl-C), 1 the ingest service or the port could not be used
            (the message says why), 2 wrong usage.
            """;

    static final String GENERATE = """
            Usage: java -jar simulator/target/simulator.jar generate --out DIR [options]

            Writes the history without sending it: DIR/feed/{meta,google,tiktok,shopify}.ndjson (the lines `run`
            would send, in order, malformed ones included) and the ground truth in DIR/truth/ (see its README.txt).

            Options:
              --out DIR          where to write (created if missing; files in it are replaced)
              --days N           history days before today, 1-730 (default 90)
              --seed N           random seed: the same seed and --now give the same files (default 42)
              --now INSTANT      the simulated present, ISO-8601 such as 2026-11-25T12:00:00Z (default: now)
              --org-id ORG       put this organization id in every row, and channel/creative ids in the ground
                                 truth (default: none; the ingest service takes the organization from the key)
              --hourly-days N    most recent days (today included) with hour rows, 0-730 (default 2)
              --incidents        inject every alert kind, with ground truth in truth/incidents.json
              -h, --help         show this help

            Exit status: 0 written, 1 the files could not be written, 2 wrong usage.
            """;

    static final String FAKES = """
            Usage: java -jar simulator/target/simulator.jar fakes [options]

            Serves the brand through fake platform APIs, live at the wall clock: /meta (Graph API), /google (Google
            Ads searchStream; OAuth at /google/token), /tiktok (Business API), /shopify (Admin GraphQL). Nothing is
            pushed to the ingest endpoint; with --webhook-url the store's new orders also go out as Shopify webhooks.
            Prints the environment variables that point Omnify's platform clients at
            them and the fake accounts' credentials. Runs until stopped (Ctrl-C). Faults and limits switch at
            POST /fake/{platform}/faults and /fake/{platform}/limit; counts at GET /fake/{platform}/stats.

            Options:
              --days N       history days before today, 1-730 (default 90)
              --seed N       random seed: the same seed gives the same brand (default 42)
              --org-id ORG   organization id put in the fakes' ground truth (default $OMNIFY_ORG_ID or none)
              --port N       port, 0 for any free one (default $SIMULATOR_PORT or 7072)
              --ground-truth DIR  write, at start, DIR/connections.ndjson (one POST /api/v1/connections body per
                             fake account), DIR/ad-days.csv (every ad's day as the fakes serve it now; days
                             older than 4 days no longer change), DIR/incidents.json and DIR/budgets.csv
                             (every campaign's daily budget in its account's currency); with --webhook-url also
                             DIR/webhook-orders.csv (per order, the latest version acknowledged) and
                             DIR/webhooks.json (counts), rewritten as webhooks go out
              --incidents    inject every alert kind (spend spike, tracking break, ...) into the served data,
                             with ground truth in DIR/incidents.json
              --webhook-url URL  also send the store's orders created from now on as signed Shopify webhooks
                             (orders/create, orders/paid, orders/updated, orders/cancelled, refunds/create) to URL,
                             e.g. http://127.0.0.1:7071/webhooks/shopify; signed with $SHOPIFY_WEBHOOK_SECRET
                             (required then: the same secret the ingest service has)
              --webhook-duplicates SHARE  share of webhooks delivered twice, same webhook id (default 0.05)
              --webhook-window DURATION   webhooks go out within this long after the change, shuffled (default 10s)
              --webhook-retries N  retries of a delivery answered non-2xx or not within 5 s, backoff from 1 s
                             doubling with jitter up to 5 min (default 8, as Shopify)
              -h, --help     show this help

            Exit status: 0 stopped, 1 the port could not be used or the files could not be written, 2 wrong usage.
            """;

    static String of(String command) {
        if (command == null) {
            return MAIN;
        }
        return switch (command) {
            case "run" -> RUN;
            case "generate" -> GENERATE;
            case "fakes" -> FAKES;
            default -> MAIN;
        };
    }
}
