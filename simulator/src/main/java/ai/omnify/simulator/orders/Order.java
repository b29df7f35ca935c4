package ai.omnify.simulator.orders;

import ai.omnify.model.Platform;
import ai.omnify.model.order.OrderEvent;
import java.util.List;

/**
 * One Shopify order: its versions (create, then updates, a refund or a cancellation) in {@code updatedAt} order, and
 * when each is delivered (webhooks come late, twice, out of order).
 *
 * @param platform the ad platform that drove it (null for organic orders)
 * @param campaignId the campaign that drove it (null for organic orders)
 * @param adId the ad that drove it (null for organic orders)
 */
public record Order(String orderId, List<OrderEvent> versions, List<Delivery> deliveries, Platform platform,
        String campaignId, String adId) {

    public Order {
        versions = List.copyOf(versions);
        deliveries = List.copyOf(deliveries);
    }
}
