package ai.omnify.ingest.webhook;

import ai.omnify.model.Parsed;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.model.order.Utm;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * A Shopify order (the REST resource that orders/create, orders/updated, orders/paid and orders/cancelled deliver) as
 * an {@link OrderEvent}. Pure. Refunded = the successful refund transactions of {@code refunds[]}; UTM parameters from
 * the landing site's query. The event id is left to {@code OrderRules} ({@code orderId@updatedAt}), so the same order
 * version from a webhook and from a poll deduplicates.
 */
public final class ShopifyOrders {
    private ShopifyOrders() {}

    public static Parsed<OrderEvent> toEvent(JsonNode o, String orgId) {
        if (o == null || !o.isObject()) {
            return Parsed.failed("the body is not a JSON object");
        }
        String id = text(o, "id");
        if (id == null) {
            return Parsed.failed("the order has no id");
        }
        try {
            Instant created = instant(o, "created_at");
            Instant updated = instant(o, "updated_at");
            BigDecimal total = decimal(o, "total_price");
            BigDecimal refunded = BigDecimal.ZERO;
            for (JsonNode refund : o.path("refunds")) {
                for (JsonNode t : refund.path("transactions")) {
                    if ("refund".equals(t.path("kind").asText()) && "success".equals(t.path("status").asText())) {
                        BigDecimal amount = decimal(t, "amount");
                        if (amount != null) {
                            refunded = refunded.add(amount);
                        }
                    }
                }
            }
            String landing = text(o, "landing_site");
            String customer = o.path("customer").isObject() ? text(o.path("customer"), "id") : null;
            return Parsed.ok(new OrderEvent(orgId, id, null, created, updated, total, text(o, "currency"), refunded,
                    customer, landing, text(o, "referring_site"), utm(landing), instant(o, "cancelled_at"), "webhook"));
        } catch (DateTimeParseException e) {
            return Parsed.failed("a time is not ISO-8601: " + e.getParsedString());
        } catch (NumberFormatException e) {
            return Parsed.failed("an amount is not a decimal number");
        }
    }

    static Utm utm(String landingSite) {
        if (landingSite == null) {
            return null;
        }
        Map<String, String> q = new HashMap<>();
        try {
            String query = URI.create(landingSite.startsWith("/") || landingSite.contains("://") ? landingSite
                    : "/" + landingSite).getRawQuery();
            if (query == null) {
                return null;
            }
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    q.putIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        Utm u = new Utm(q.get("utm_source"), q.get("utm_medium"), q.get("utm_campaign"), q.get("utm_content"));
        return u.isEmpty() ? null : u;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        String s = v.asText();
        return s.isBlank() ? null : s;
    }

    private static Instant instant(JsonNode n, String field) {
        String s = text(n, field);
        return s == null ? null : OffsetDateTime.parse(s).toInstant();
    }

    private static BigDecimal decimal(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        return v.isNumber() ? v.decimalValue() : new BigDecimal(v.asText().trim());
    }
}
