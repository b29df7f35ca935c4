package ai.omnify.ingest.shopify;

import ai.omnify.model.order.OrderEvent;
import ai.omnify.model.order.Utm;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;

/**
 * One GraphQL Admin {@code Order} node to an {@link OrderEvent}. Money from the shop-currency money bags as exact
 * decimals; refunded = the sum of the refunds (or {@code totalRefundedSet} when the refunds are not listed); the landing
 * site as path and query (the REST {@code landing_site} shape) from {@code customerJourneySummary.firstVisit}; ids
 * without their {@code gid://shopify/...} prefix. The event id is the same for the same version of an order
 * ({@code poll:<order id>:<updatedAt>}), so a re-read is deduplicated downstream. Pure.
 */
public final class ShopifyOrderParser {
    private ShopifyOrderParser() {}

    public static OrderEvent parse(JsonNode order, String orgId) {
        String orderId = legacyId(text(order, "id"));
        String updated = text(order, "updatedAt");
        if (orderId == null || updated == null) {
            throw new IllegalArgumentException("order node without id or updatedAt");
        }
        JsonNode price = order.path("totalPriceSet").path("shopMoney");
        String currency = price.path("currencyCode").asText(null);
        if (currency == null) {
            currency = text(order, "currencyCode");
        }
        JsonNode visit = order.path("customerJourneySummary").path("firstVisit");
        String landingPage = visit.isObject() ? text(visit, "landingPage") : null;
        Instant updatedAt = Instant.parse(updated);
        return new OrderEvent(orgId, orderId, "poll:" + orderId + ":" + updatedAt, instant(order, "createdAt"), updatedAt,
                money(price), currency, refunded(order), legacyId(text(order.path("customer"), "id")),
                pathAndQuery(landingPage), visit.isObject() ? text(visit, "referrerUrl") : null,
                visit.isObject() ? utm(visit.get("utmParameters")) : null, instant(order, "cancelledAt"), "poll");
    }

    static BigDecimal refunded(JsonNode order) {
        JsonNode refunds = order.get("refunds");
        if (refunds != null && refunds.isArray() && !refunds.isEmpty()) {
            BigDecimal sum = BigDecimal.ZERO;
            for (JsonNode r : refunds) {
                sum = sum.add(money(r.path("totalRefundedSet").path("shopMoney")));
            }
            return sum;
        }
        return money(order.path("totalRefundedSet").path("shopMoney"));
    }

    static BigDecimal money(JsonNode shopMoney) {
        String amount = shopMoney.path("amount").asText(null);
        return amount == null || amount.isEmpty() ? BigDecimal.ZERO : new BigDecimal(amount);
    }

    static Utm utm(JsonNode p) {
        if (p == null || !p.isObject()) {
            return null;
        }
        Utm u = new Utm(text(p, "source"), text(p, "medium"), text(p, "campaign"), text(p, "content"));
        return u.isEmpty() ? null : u;
    }

    /** {@code https://shop.example/products/x?utm_source=a} to {@code /products/x?utm_source=a}; a path stays as is. */
    static String pathAndQuery(String url) {
        if (url == null || url.isEmpty()) {
            return null;
        }
        if (url.startsWith("/")) {
            return url;
        }
        try {
            URI u = URI.create(url);
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            return u.getRawQuery() == null ? path : path + "?" + u.getRawQuery();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    /** {@code gid://shopify/Order/123} to {@code 123}. */
    static String legacyId(String gid) {
        if (gid == null) {
            return null;
        }
        int slash = gid.lastIndexOf('/');
        return slash >= 0 ? gid.substring(slash + 1) : gid;
    }

    private static Instant instant(JsonNode n, String field) {
        String v = text(n, field);
        return v == null ? null : Instant.parse(v);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n == null ? null : n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }
}
