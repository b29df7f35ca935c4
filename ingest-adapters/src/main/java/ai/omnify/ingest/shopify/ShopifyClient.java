package ai.omnify.ingest.shopify;

import ai.omnify.ingest.platform.Credentials;
import ai.omnify.ingest.platform.PlatformClientsConfig;
import ai.omnify.ingest.platform.PlatformHttp;
import ai.omnify.ingest.platform.ReadStats;
import ai.omnify.ingest.platform.Resilience;
import ai.omnify.ingest.platform.RetryableException;
import ai.omnify.ingest.platform.Sleeper;
import ai.omnify.ingest.sync.PlatformException;
import ai.omnify.ingest.sync.PlatformReader;
import ai.omnify.ingest.sync.SyncOutput;
import ai.omnify.ingest.sync.SyncRequest;
import ai.omnify.ingest.sync.SyncSummary;
import ai.omnify.model.order.OrderEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shopify Admin API through GraphQL: orders updated since the request's instant (all orders when none), sorted by
 * {@code UPDATED_AT}, with refunds, customer and the first visit's landing page, referrer and UTM parameters
 * ({@code customerJourneySummary}; left out for the rest of the read when the app is not granted it). Cursor paging;
 * the calculated query cost is read from {@code extensions.cost.throttleStatus} and each query waits until the bucket
 * holds its cost. A large backfill (no start, or older than {@code SHOPIFY_BULK_MIN_DAYS}) runs as a bulk operation
 * whose JSONL result is downloaded; if the bulk operation cannot run, the read pages instead.
 *
 * <p>Resume cursor: the GraphQL {@code endCursor} of the last finished page; during a bulk download, JSON
 * {@code {"bulk","url","lines"}} (the operation, its result link and the lines already handed over and acknowledged):
 * a resumed download skips those lines, or starts a new bulk operation when the link is no longer valid.
 */
public final class ShopifyClient implements PlatformReader {
    private static final Logger log = LoggerFactory.getLogger(ShopifyClient.class);

    static final String ORDER_FIELDS = "id name createdAt updatedAt cancelledAt currencyCode "
            + "totalPriceSet { shopMoney { amount currencyCode } } "
            + "totalRefundedSet { shopMoney { amount currencyCode } } "
            + "refunds { id createdAt totalRefundedSet { shopMoney { amount currencyCode } } } "
            + "customer { id } ";
    static final String JOURNEY_FIELDS = "customerJourneySummary { firstVisit { landingPage referrerUrl "
            + "utmParameters { source medium campaign content term } } } ";

    private final PlatformClientsConfig.Shopify config;
    private final PlatformHttp http;
    private final Resilience resilience;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Map<String, CostGate> gates = new ConcurrentHashMap<>();

    public ShopifyClient(PlatformClientsConfig.Shopify config, PlatformHttp http, Resilience resilience, Sleeper sleeper,
            Clock clock) {
        this.config = config;
        this.http = http;
        this.resilience = resilience;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    private final class Call {
        final SyncRequest request;
        final String token;
        final String key;
        final URI endpoint;
        final CostGate gate;
        final ReadStats stats = new ReadStats();
        boolean journey = true;

        Call(SyncRequest request) throws PlatformException {
            this.request = request;
            this.token = Credentials.required(request, "access_token");
            this.key = Credentials.connectionKey(request);
            String base = config.baseUrl().isBlank() ? "https://" + request.account() : config.baseUrl();
            this.endpoint = URI.create(PlatformHttp.trim(base) + "/admin/api/" + config.apiVersion() + "/graphql.json");
            this.gate = gates.computeIfAbsent(request.account(), a -> new CostGate());
        }

        /** Runs a GraphQL document; the {@code data} object. */
        JsonNode graphql(String query, Map<String, Object> variables, String what) throws PlatformException {
            return graphql(() -> query, variables, what);
        }

        /** As above, the document chosen per attempt (a retry may drop a field the app is not granted). */
        JsonNode graphql(java.util.function.Supplier<String> query, Map<String, Object> variables, String what)
                throws PlatformException {
            return resilience.call(key, what, () -> {
                gate.await(0, sleeper);
                ObjectNode body = PlatformHttp.JSON.createObjectNode();
                body.put("query", query.get());
                body.set("variables", PlatformHttp.JSON.valueToTree(variables));
                HttpRequest.Builder b = HttpRequest.newBuilder(endpoint)
                        .header("X-Shopify-Access-Token", token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
                return check(http.send(b, stats), what);
            });
        }

        private JsonNode check(HttpResponse<String> r, String what) throws RetryableException, PlatformException {
            int s = r.statusCode();
            if (s == 429) {
                stats.throttled();
                throw RetryableException.throttled(what + ": HTTP 429", PlatformHttp.retryAfter(r));
            }
            if (s >= 500) {
                throw RetryableException.of(what + ": HTTP " + s);
            }
            if (s == 401 || s == 403 || s == 402 || s == 404 || s == 423) {
                throw new PlatformException.Permanent(what + ": HTTP " + s + " from the shop (token revoked, app "
                        + "uninstalled, shop frozen or gone): connect the Shopify store again", null);
            }
            if (s != 200) {
                throw new PlatformException.Transient(what + ": HTTP " + s, null);
            }
            JsonNode body = PlatformHttp.parse(r.body(), what);
            JsonNode cost = body.path("extensions").path("cost");
            gate.observe(cost);
            JsonNode errors = body.get("errors");
            if (errors != null && errors.isArray() && !errors.isEmpty()) {
                String codes = codes(errors);
                if (codes.contains("THROTTLED")) {
                    stats.throttled();
                    throw RetryableException.throttled(what + ": THROTTLED", CostGate.throttledWait(cost));
                }
                if (codes.contains("ACCESS_DENIED") && journey && mentionsJourney(errors)) {
                    journey = false;
                    log.info("the Shopify app is not granted customerJourneySummary on {}; orders are read without it",
                            request.account());
                    throw RetryableException.of(what + ": customerJourneySummary not granted, asking without it");
                }
                if (codes.contains("ACCESS_DENIED")) {
                    throw new PlatformException.Permanent(what + ": access denied (" + first(errors)
                            + "): grant the app read_orders and connect again", null);
                }
                if (codes.contains("INTERNAL_SERVER_ERROR")) {
                    throw RetryableException.of(what + ": " + first(errors));
                }
                throw new PlatformException.Transient(what + ": " + first(errors), null);
            }
            JsonNode data = body.get("data");
            if (data == null || data.isNull()) {
                throw RetryableException.of(what + ": no data in the answer");
            }
            return data;
        }
    }

    private static String codes(JsonNode errors) {
        StringBuilder sb = new StringBuilder();
        errors.forEach(e -> sb.append(e.path("extensions").path("code").asText("")).append(' '));
        return sb.toString();
    }

    private static boolean mentionsJourney(JsonNode errors) {
        return errors.toString().contains("customerJourneySummary");
    }

    private static String first(JsonNode errors) {
        return errors.get(0).path("message").asText("error");
    }

    @Override
    public SyncSummary read(SyncRequest request, SyncOutput output) throws PlatformException {
        Call call = new Call(request);
        String search = request.updatedSince() == null ? null
                : "updated_at:>='" + request.updatedSince().truncatedTo(ChronoUnit.SECONDS) + "'";
        BulkCursor resumeBulk = BulkCursor.parse(request.resumeCursor());
        if (resumeBulk != null) {
            if (resumeBulk(call, resumeBulk, output) || readBulk(call, search, output)) {
                return call.stats.summary();
            }
            readPages(call, search, null, output);
            return call.stats.summary();
        }
        boolean bulk = request.resumeCursor() == null && config.bulkMinDays() > 0
                && (request.updatedSince() == null
                    || request.updatedSince().isBefore(clock.instant().minus(Duration.ofDays(config.bulkMinDays()))));
        if (bulk && readBulk(call, search, output)) {
            return call.stats.summary();
        }
        readPages(call, search, request.resumeCursor(), output);
        return call.stats.summary();
    }

    private String pageQuery(boolean journey) {
        return "query Orders($first: Int!, $after: String, $query: String) { "
                + "orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) { "
                + "pageInfo { hasNextPage endCursor } edges { node { " + ORDER_FIELDS + (journey ? JOURNEY_FIELDS : "")
                + "} } } }";
    }

    private void readPages(Call call, String search, String after, SyncOutput output) throws PlatformException {
        String orgId = call.request.orgId().toString();
        boolean more = true;
        while (more) {
            Map<String, Object> vars = new java.util.LinkedHashMap<>();
            vars.put("first", config.pageSize());
            vars.put("after", after);
            vars.put("query", search);
            JsonNode orders = graphqlOrders(call, vars);
            int n = 0;
            for (JsonNode edge : orders.path("edges")) {
                output.order(ShopifyOrderParser.parse(edge.path("node"), orgId));
                n++;
            }
            call.stats.rows(n);
            JsonNode info = orders.path("pageInfo");
            more = info.path("hasNextPage").asBoolean(false);
            String end = info.path("endCursor").asText(null);
            after = end != null ? end : after;
            output.pageDone(more ? after : null, call.stats.page(), null);
        }
    }

    private JsonNode graphqlOrders(Call call, Map<String, Object> vars) throws PlatformException {
        // the query text is chosen per attempt: an ACCESS_DENIED on customerJourneySummary drops it on the retry
        return call.graphql(() -> pageQuery(call.journey), vars, "Shopify orders page").path("orders");
    }

    /** A bulk operation over the orders; false when it could not run (the caller pages instead). */
    private boolean readBulk(Call call, String search, SyncOutput output) throws PlatformException {
        String inner = "{ orders(" + (search == null ? "" : "query: \"" + search.replace("\"", "\\\"") + "\", ")
                + "sortKey: UPDATED_AT) { edges { node { " + ORDER_FIELDS + JOURNEY_FIELDS + "} } } }";
        String mutation = "mutation RunBulk($query: String!) { bulkOperationRunQuery(query: $query) { "
                + "bulkOperation { id status } userErrors { field message } } }";
        JsonNode started = call.graphql(mutation, Map.of("query", inner), "Shopify bulk operation start")
                .path("bulkOperationRunQuery");
        if (started.path("userErrors").size() > 0 || !started.path("bulkOperation").isObject()) {
            log.warn("Shopify refused the bulk operation on {} ({}); paging instead", call.request.account(),
                    started.path("userErrors"));
            return false;
        }
        String id = started.path("bulkOperation").path("id").asText();
        long deadline = System.nanoTime() + config.bulkTimeout().toNanos();
        Duration wait = config.bulkPollInitial();
        JsonNode op;
        while (true) {
            op = call.graphql("query { currentBulkOperation { id status errorCode objectCount url partialDataUrl } }",
                    Map.of(), "Shopify bulk operation status").path("currentBulkOperation");
            String status = op.path("status").asText("");
            if (!id.equals(op.path("id").asText())) {
                log.warn("another bulk operation replaced ours on {}; paging instead", call.request.account());
                return false;
            }
            if ("COMPLETED".equals(status)) {
                break;
            }
            if (!"CREATED".equals(status) && !"RUNNING".equals(status)) {
                log.warn("Shopify bulk operation on {} ended {} ({}); paging instead", call.request.account(), status,
                        op.path("errorCode").asText("-"));
                return false;
            }
            if (System.nanoTime() + wait.toNanos() - deadline > 0) {
                log.warn("Shopify bulk operation on {} not done after {}; paging instead", call.request.account(),
                        config.bulkTimeout());
                return false;
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException.Transient("interrupted while waiting for a Shopify bulk operation", e);
            }
            wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : wait.multipliedBy(2);
        }
        String url = op.path("url").asText(null);
        if (url == null) { // no orders: Shopify gives no file
            output.pageDone(null, call.stats.page(), 1);
            return true;
        }
        List<OrderEvent> lines = download(call, url);
        if (lines == null) {
            throw new PlatformException.Transient("Shopify bulk result of " + id + " could not be downloaded (the link"
                    + " is refused); the next run starts a new bulk operation", null);
        }
        handOver(call, new BulkCursor(id, url, 0), lines, output);
        return true;
    }

    /**
     * Resumes an interrupted bulk download from its stored position: the same result file, the lines already
     * acknowledged skipped. False when the link is no longer valid (it expires after a week): then a new bulk
     * operation runs.
     */
    private boolean resumeBulk(Call call, BulkCursor at, SyncOutput output) throws PlatformException {
        List<OrderEvent> lines = download(call, at.url());
        if (lines == null) {
            log.info("the result link of Shopify bulk operation {} on {} is no longer valid; starting a new one",
                    at.id(), call.request.account());
            return false;
        }
        log.info("resuming the download of Shopify bulk operation {} on {} after line {} of {}", at.id(),
                call.request.account(), at.lines(), lines.size());
        handOver(call, at, lines, output);
        return true;
    }

    /**
     * Hands the result's lines after {@code from.lines()} over in pages of {@code SHOPIFY_BULK_LINES_PER_PAGE}; each
     * page's cursor names the lines done, stored once Kafka acknowledged them.
     */
    private void handOver(Call call, BulkCursor from, List<OrderEvent> lines, SyncOutput output) {
        int per = config.bulkLinesPerPage();
        int total = Math.max(1, (lines.size() + per - 1) / per);
        long done = Math.min(from.lines(), lines.size());
        if (done >= lines.size()) {
            output.pageDone(null, call.stats.page(), total);
            return;
        }
        while (done < lines.size()) {
            int end = (int) Math.min(lines.size(), done + per);
            int n = 0;
            for (int i = (int) done; i < end; i++) {
                OrderEvent o = lines.get(i);
                if (o != null) {
                    output.order(o);
                    n++;
                }
            }
            call.stats.rows(n);
            done = end;
            output.pageDone(done < lines.size() ? new BulkCursor(from.id(), from.url(), done).toJson() : null,
                    call.stats.page(), total);
        }
    }

    /**
     * The JSONL result (a signed URL: no token is sent), one entry per non-blank line: the order, or null for a child
     * line (our query has none), so positions count lines. Null when the link is refused (expired).
     */
    private List<OrderEvent> download(Call call, String url) throws PlatformException {
        String orgId = call.request.orgId().toString();
        return resilience.call(call.key, "Shopify bulk result download", () -> {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).GET(), call.stats);
            if (r.statusCode() >= 500 || r.statusCode() == 429) {
                throw RetryableException.of("Shopify bulk result: HTTP " + r.statusCode());
            }
            if (r.statusCode() != 200) {
                log.info("Shopify bulk result: HTTP {} (the link has expired or is not valid)", r.statusCode());
                return null;
            }
            List<OrderEvent> out = new ArrayList<>();
            for (String line : r.body().split("\n")) {
                if (!line.isBlank()) {
                    JsonNode n = PlatformHttp.parse(line, "Shopify bulk result line");
                    out.add(n.has("__parentId") ? null : ShopifyOrderParser.parse(n, orgId));
                }
            }
            return out;
        });
    }

    /** Where a bulk download stands: operation id, result link, lines handed over and acknowledged. */
    record BulkCursor(String id, String url, long lines) {
        String toJson() {
            ObjectNode n = PlatformHttp.JSON.createObjectNode();
            n.put("bulk", id);
            n.put("url", url);
            n.put("lines", lines);
            return n.toString();
        }

        /** The bulk cursor in {@code s}, or null when {@code s} is none (a page cursor, or nothing). */
        static BulkCursor parse(String s) {
            if (s == null || !s.startsWith("{")) {
                return null;
            }
            try {
                JsonNode n = PlatformHttp.JSON.readTree(s);
                if (!n.hasNonNull("bulk") || !n.hasNonNull("url") || !n.path("lines").canConvertToLong()) {
                    throw new IllegalArgumentException("not a Shopify bulk cursor: " + s);
                }
                return new BulkCursor(n.get("bulk").asText(), n.get("url").asText(), n.get("lines").asLong());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalArgumentException("not a Shopify bulk cursor: " + e.getOriginalMessage(), e);
            }
        }
    }

    /** The shop's currency and time zone ({@code shop { currencyCode ianaTimezone }}). */
    public Map<String, String> shop(SyncRequest request) throws PlatformException {
        Call call = new Call(request);
        JsonNode shop = call.graphql("query { shop { currencyCode ianaTimezone myshopifyDomain } }", Map.of(),
                "Shopify shop").path("shop");
        return Map.of("currency", shop.path("currencyCode").asText(""), "timeZone", shop.path("ianaTimezone").asText(""));
    }

    Instant now() {
        return clock.instant();
    }
}
