package ai.omnify.simulator.webhooks;

import ai.omnify.model.order.OrderEvent;
import java.math.BigDecimal;
import java.util.List;

/**
 * One version of a store order that Shopify announces by webhooks, with what changed since the order's previous
 * version: that decides the topics.
 *
 * @param index 0 for the order's creation, then 1, 2, ... for its updates
 * @param previousRefunded what the previous version had refunded (zero for the creation)
 */
public record OrderVersion(OrderEvent event, int index, BigDecimal previousRefunded) {

    /** The topics Shopify delivers for this version, in the order it triggers them. */
    public List<String> topics() {
        if (index == 0) {
            return List.of("orders/create", "orders/paid");
        }
        if (event.cancelledAt() != null) {
            return List.of("orders/cancelled", "orders/updated");
        }
        BigDecimal refunded = event.refunded() == null ? BigDecimal.ZERO : event.refunded();
        if (refunded.compareTo(previousRefunded) > 0) {
            return List.of("refunds/create", "orders/updated");
        }
        return List.of("orders/updated");
    }
}
