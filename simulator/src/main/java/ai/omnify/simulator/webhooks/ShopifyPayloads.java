package ai.omnify.simulator.webhooks;

import ai.omnify.model.Json;
import ai.omnify.model.order.OrderEvent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Webhook bodies in Shopify's REST shapes (the subscription's API version): the Order resource for the order topics,
 * the Refund resource for {@code refunds/create}. Money as decimal strings in the shop currency, times ISO-8601, the
 * landing site as path and query. Pure; the bytes are what is signed and sent.
 */
public final class ShopifyPayloads {
    private ShopifyPayloads() {}

    public static byte[] body(String topic, OrderEvent o) {
        return Json.writeBytes(topic.equals("refunds/create") ? refund(o) : order(o));
    }

    /** The REST Order: what orders/create, orders/paid, orders/updated and orders/cancelled deliver. */
    public static Map<String, Object> order(OrderEvent o) {
        BigDecimal refunded = refunded(o);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.parseLong(o.orderId()));
        m.put("admin_graphql_api_id", "gid://shopify/Order/" + o.orderId());
        m.put("name", "#" + o.orderId().substring(Math.max(0, o.orderId().length() - 6)));
        m.put("created_at", o.createdAt().toString());
        m.put("updated_at", o.updatedAt().toString());
        m.put("processed_at", o.createdAt().toString());
        m.put("cancelled_at", o.cancelledAt() == null ? null : o.cancelledAt().toString());
        m.put("currency", o.currency());
        m.put("presentment_currency", o.currency());
        m.put("total_price", o.totalPrice().toPlainString());
        m.put("current_total_price", o.totalPrice().subtract(refunded).max(BigDecimal.ZERO).toPlainString());
        m.put("financial_status", o.cancelledAt() != null || refunded.compareTo(o.totalPrice()) >= 0 && refunded.signum() > 0
                ? "refunded" : refunded.signum() > 0 ? "partially_refunded" : "paid");
        m.put("landing_site", o.landingSite());
        m.put("referring_site", o.referringSite());
        m.put("customer", o.customerId() == null ? null : Map.of("id", o.customerId()));
        List<Map<String, Object>> refunds = new ArrayList<>();
        if (refunded.signum() > 0) {
            refunds.add(refund(o));
        }
        m.put("refunds", refunds);
        return m;
    }

    /** The REST Refund: one successful refund transaction of everything refunded so far (the model refunds once). */
    public static Map<String, Object> refund(OrderEvent o) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", refundId(o) + 1);
        t.put("order_id", Long.parseLong(o.orderId()));
        t.put("kind", "refund");
        t.put("status", "success");
        t.put("amount", refunded(o).toPlainString());
        t.put("currency", o.currency());
        t.put("created_at", o.updatedAt().toString());
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", refundId(o));
        r.put("order_id", Long.parseLong(o.orderId()));
        r.put("created_at", o.updatedAt().toString());
        r.put("processed_at", o.updatedAt().toString());
        r.put("transactions", List.of(t));
        r.put("refund_line_items", List.of());
        return r;
    }

    private static long refundId(OrderEvent o) {
        return Long.parseLong(o.orderId()) * 10;
    }

    private static BigDecimal refunded(OrderEvent o) {
        return o.refunded() == null ? BigDecimal.ZERO : o.refunded();
    }
}
