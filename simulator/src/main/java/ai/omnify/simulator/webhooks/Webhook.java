package ai.omnify.simulator.webhooks;

import ai.omnify.model.order.OrderEvent;
import java.time.Instant;

/**
 * One webhook Shopify delivers: a topic about one order version, with the ids Shopify puts in its headers. A
 * re-delivery of the same webhook carries the same {@code webhookId} and {@code eventId} (and the same body).
 *
 * @param webhookId {@code X-Shopify-Webhook-Id}: one per webhook, the same on every re-delivery
 * @param eventId {@code X-Shopify-Event-Id}: the event that triggered it (one per topic and version here)
 * @param triggeredAt {@code X-Shopify-Triggered-At}: when the change happened (the version's updatedAt)
 * @param order the order version it announces
 */
public record Webhook(String topic, String webhookId, String eventId, Instant triggeredAt, OrderEvent order) {

    public byte[] body() {
        return ShopifyPayloads.body(topic, order);
    }

    /** Whether it carries the order itself (refunds/create carries the refund, not the order's totals). */
    public boolean carriesOrder() {
        return topic.startsWith("orders/");
    }
}
