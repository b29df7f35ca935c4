package ai.omnify.simulator.fakes.shopify;

import ai.omnify.model.Json;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.simulator.brand.Store;
import ai.omnify.simulator.fakes.FakePlatform;
import ai.omnify.simulator.fakes.FakeTruth;
import ai.omnify.simulator.fakes.Faults;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake Shopify Admin GraphQL API for the brand's store, under {@code /shopify/admin/api/<version>/graphql.json}
 * ({@code X-Shopify-Access-Token}): {@code shop}, {@code orders(first, after, query: "updated_at:>='...'",
 * sortKey: UPDATED_AT)} with refunds, customer and {@code customerJourneySummary}, bulk operations
 * ({@code bulkOperationRunQuery}, {@code currentBulkOperation}, JSONL at {@code /shopify/bulk/<id>.jsonl}). Calculated
 * query cost with a leaky bucket in {@code extensions.cost.throttleStatus}; a query costing more than is available gets
 * {@code THROTTLED} (HTTP 200). It does not parse GraphQL: it recognises the operations by name.
 */
public final class FakeShopify extends FakePlatform {
    public static final String TOKEN = "shpat_fake_token";
    private static final Pattern SINCE = Pattern.compile("updated_at:>=\\\\?['\"]?([0-9T:.\\-]+Z)");

    private record Bulk(String id, Instant since, int[] polls, boolean fail) {}

    private final Map<String, Bulk> bulks = new ConcurrentHashMap<>();
    private final AtomicLong bulkIds = new AtomicLong(1000);
    private volatile Bulk current;
    private volatile String token = TOKEN;
    private volatile boolean journeyGranted = true;
    private volatile double maximum = 2000;
    private volatile double restoreRate = 100;
    private volatile double retryAfterSeconds = 0.05;
    private double available = -1;
    private long lastNanos;

    public FakeShopify(FakeTruth truth, Clock clock) {
        super(truth, clock);
    }

    @Override
    public String name() {
        return "shopify";
    }

    /** The cost bucket: points at most and points restored per second. */
    public synchronized void bucket(double maximumAvailable, double restorePerSecond) {
        maximum = maximumAvailable;
        restoreRate = restorePerSecond;
        available = -1;
    }

    public void retryAfterSeconds(double s) {
        retryAfterSeconds = s;
    }

    public void token(String t) {
        token = t;
    }

    /** Whether the app may read {@code customerJourneySummary} (a query asking for it otherwise gets ACCESS_DENIED). */
    public void journeyGranted(boolean granted) {
        journeyGranted = granted;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/shopify/admin/api/{version}/graphql.json", this::graphql);
        routes.get("/shopify/bulk/{file}", this::bulkFile);
    }

    private void graphql(Context ctx) {
        stats.request();
        Faults.Fault f = faults.onRequest();
        delay(f);
        if (!token.equals(ctx.header("X-Shopify-Access-Token"))
                || f != null && f.mode() == Faults.Mode.EXPIRED_TOKEN) {
            stats.authFailed();
            json(ctx, 401, Map.of("errors", "[API] Invalid API key or access token (unrecognized login or wrong password)"));
            return;
        }
        if (f != null && f.mode() == Faults.Mode.THROTTLE) {
            stats.faultRefused();
            ctx.header("Retry-After", Double.toString(retryAfterSeconds));
            json(ctx, 429, Map.of("errors", "Exceeded 2 calls per second for api client. Reduce request rates to "
                    + "resume uninterrupted service."));
            return;
        }
        if (f != null && f.mode() == Faults.Mode.ERROR_5XX) {
            json(ctx, 503, Map.of("errors", "Service Unavailable"));
            return;
        }
        JsonNode body = readJson(ctx.body());
        if (body == null || !body.hasNonNull("query")) {
            json(ctx, 400, Map.of("errors", Map.of("query", "Required parameter missing or invalid")));
            return;
        }
        String query = body.get("query").asText();
        JsonNode vars = body.path("variables");
        if (query.contains("bulkOperationRunQuery")) {
            answer(ctx, 10, 10, startBulk(vars.path("query").asText(query)), false);
        } else if (query.contains("currentBulkOperation")) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("currentBulkOperation", bulkStatus(ctx));
            answer(ctx, 1, 1, data, false);
        } else if (query.contains("orders(") && !journeyGranted && query.contains("customerJourneySummary")) {
            json(ctx, 200, Map.of("errors", List.of(Map.of("message", "Access denied for customerJourneySummary field. "
                    + "Required access: `read_customer_events` access scope.", "path", List.of("orders", "edges", "node",
                    "customerJourneySummary"), "extensions", Map.of("code", "ACCESS_DENIED")))));
        } else if (query.contains("orders(")) {
            int first = vars.path("first").asInt(50);
            if (first > 250) {
                json(ctx, 200, Map.of("errors", List.of(Map.of("message", "The 'first' argument must be at most 250",
                        "extensions", Map.of("code", "BAD_REQUEST")))));
                return;
            }
            String after = vars.hasNonNull("after") ? vars.get("after").asText() : null;
            Instant since = since(vars.hasNonNull("query") ? vars.get("query").asText() : null);
            ordersPage(ctx, first, after, since, query.contains("customerJourneySummary"),
                    f != null && f.mode() == Faults.Mode.MALFORMED);
        } else if (query.contains("shop")) {
            Store s = truth.brand().catalog().store();
            answer(ctx, 1, 1, Map.of("shop", Map.of("currencyCode", s.currency(), "ianaTimezone", s.zone().getId(),
                    "myshopifyDomain", s.domain())), false);
        } else {
            json(ctx, 200, Map.of("errors", List.of(Map.of("message", "This fake does not serve that query",
                    "extensions", Map.of("code", "BAD_REQUEST")))));
        }
    }

    static Instant since(String search) {
        if (search == null) {
            return null;
        }
        Matcher m = SINCE.matcher(search);
        return m.find() ? Instant.parse(m.group(1)) : null;
    }

    private void ordersPage(Context ctx, int first, String after, Instant since, boolean journey, boolean malformed) {
        List<OrderEvent> all = truth.ordersUpdatedSince(since);
        int start = 0;
        if (after != null) {
            String key = decodeCursor(after);
            if (key == null || !key.contains("|")) {
                json(ctx, 200, Map.of("errors", List.of(Map.of("message", "Invalid cursor", "extensions",
                        Map.of("code", "BAD_REQUEST")))));
                return;
            }
            Instant at = Instant.ofEpochMilli(Long.parseLong(key.substring(0, key.indexOf('|'))));
            String id = key.substring(key.indexOf('|') + 1);
            while (start < all.size() && compare(all.get(start), at, id) <= 0) {
                start++;
            }
        }
        int end = Math.min(all.size(), start + first);
        List<Map<String, Object>> edges = new ArrayList<>();
        for (OrderEvent o : all.subList(start, end)) {
            String cursor = encodeCursor(o.updatedAt().toEpochMilli() + "|" + o.orderId());
            edges.add(Map.of("cursor", cursor, "node", node(o, journey)));
        }
        Map<String, Object> pageInfo = new LinkedHashMap<>();
        pageInfo.put("hasNextPage", end < all.size());
        pageInfo.put("endCursor", end > start ? encodeCursor(all.get(end - 1).updatedAt().toEpochMilli() + "|"
                + all.get(end - 1).orderId()) : null);
        Map<String, Object> orders = new LinkedHashMap<>();
        orders.put("pageInfo", pageInfo);
        orders.put("edges", edges);
        answer(ctx, 2 + first * 2, 2 + (end - start) * 2, Map.of("orders", orders), malformed);
    }

    private static int compare(OrderEvent o, Instant at, String id) {
        int c = o.updatedAt().compareTo(at);
        return c != 0 ? c : o.orderId().compareTo(id);
    }

    /** Charges the bucket and answers, or answers THROTTLED when the query costs more than is available. */
    private void answer(Context ctx, int requested, int actual, Map<String, Object> data, boolean malformed) {
        Map<String, Object> cost = new LinkedHashMap<>();
        cost.put("requestedQueryCost", requested);
        boolean throttled;
        synchronized (this) {
            long now = System.nanoTime();
            if (available < 0) {
                available = maximum;
            } else {
                available = Math.min(maximum, available + (now - lastNanos) / 1e9 * restoreRate);
            }
            lastNanos = now;
            throttled = requested > available;
            if (!throttled) {
                available -= actual;
            }
            cost.put("actualQueryCost", throttled ? null : actual);
            cost.put("throttleStatus", Map.of("maximumAvailable", maximum, "currentlyAvailable",
                    Math.floor(available), "restoreRate", restoreRate));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (throttled) {
            stats.quotaRefused();
            body.put("errors", List.of(Map.of("message", "Throttled", "extensions", Map.of("code", "THROTTLED",
                    "documentation", "https://shopify.dev/api/usage/rate-limits"))));
        } else {
            body.put("data", data);
        }
        body.put("extensions", Map.of("cost", cost));
        if (malformed && !throttled) {
            malformed(ctx, body);
        } else {
            json(ctx, 200, body);
        }
    }

    /** An order as the GraphQL Admin API writes it. */
    Map<String, Object> node(OrderEvent o, boolean journey) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", "gid://shopify/Order/" + o.orderId());
        m.put("name", "#" + o.orderId().substring(o.orderId().length() - 6));
        m.put("createdAt", o.createdAt().toString());
        m.put("updatedAt", o.updatedAt().toString());
        m.put("cancelledAt", o.cancelledAt() == null ? null : o.cancelledAt().toString());
        m.put("currencyCode", o.currency());
        m.put("totalPriceSet", money(o.totalPrice(), o.currency()));
        BigDecimal refunded = o.refunded() == null ? BigDecimal.ZERO : o.refunded();
        m.put("totalRefundedSet", money(refunded, o.currency()));
        List<Map<String, Object>> refunds = new ArrayList<>();
        if (refunded.signum() > 0) {
            refunds.add(Map.of("id", "gid://shopify/Refund/" + o.orderId() + "1", "createdAt", o.updatedAt().toString(),
                    "totalRefundedSet", money(refunded, o.currency())));
        }
        m.put("refunds", refunds);
        m.put("customer", o.customerId() == null ? null : Map.of("id", "gid://shopify/Customer/" + o.customerId()));
        Map<String, Object> visit = new LinkedHashMap<>();
        visit.put("landingPage", o.landingSite() == null ? null
                : "https://" + truth.brand().catalog().store().domain() + o.landingSite());
        visit.put("referrerUrl", o.referringSite());
        if (o.utm() != null) {
            Map<String, Object> utm = new LinkedHashMap<>();
            utm.put("source", o.utm().source());
            utm.put("medium", o.utm().medium());
            utm.put("campaign", o.utm().campaign());
            utm.put("content", o.utm().content());
            utm.put("term", null);
            visit.put("utmParameters", utm);
        } else {
            visit.put("utmParameters", null);
        }
        if (journey) {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("firstVisit", visit);
            m.put("customerJourneySummary", summary);
        }
        return m;
    }

    private static Map<String, Object> money(BigDecimal amount, String currency) {
        return Map.of("shopMoney", Map.of("amount", amount.toPlainString(), "currencyCode", currency));
    }

    private Map<String, Object> startBulk(String inner) {
        Bulk b = new Bulk("gid://shopify/BulkOperation/" + bulkIds.incrementAndGet(), since(inner), new int[1],
                faults.take(Faults.Mode.ASYNC_FAIL));
        bulks.put(b.id(), b);
        current = b;
        Map<String, Object> op = Map.of("id", b.id(), "status", "CREATED");
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("bulkOperation", op);
        run.put("userErrors", List.of());
        return Map.of("bulkOperationRunQuery", run);
    }

    private Map<String, Object> bulkStatus(Context ctx) {
        Bulk b = current;
        Map<String, Object> m = new LinkedHashMap<>();
        if (b == null) {
            return null;
        }
        int polls = ++b.polls()[0];
        String status = polls < 2 ? "RUNNING" : b.fail() ? "FAILED" : "COMPLETED";
        m.put("id", b.id());
        m.put("status", status);
        m.put("errorCode", b.fail() && polls >= 2 ? "INTERNAL_SERVER_ERROR" : null);
        m.put("objectCount", Integer.toString(truth.ordersUpdatedSince(b.since()).size()));
        m.put("url", "COMPLETED".equals(status) ? ctx.scheme() + "://" + ctx.host() + "/shopify/bulk/"
                + b.id().substring(b.id().lastIndexOf('/') + 1) + ".jsonl" : null);
        m.put("partialDataUrl", null);
        return m;
    }

    private void bulkFile(Context ctx) {
        String file = ctx.pathParam("file");
        Bulk b = bulks.get("gid://shopify/BulkOperation/" + file.replace(".jsonl", ""));
        if (b == null) {
            ctx.status(404).result("not found");
            return;
        }
        StringBuilder sb = new StringBuilder();
        for (OrderEvent o : truth.ordersUpdatedSince(b.since())) {
            sb.append(Json.write(node(o, true))).append('\n');
        }
        ctx.status(200).contentType("application/jsonl").result(sb.toString());
    }
}
