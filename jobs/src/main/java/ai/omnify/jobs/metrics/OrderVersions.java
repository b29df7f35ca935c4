package ai.omnify.jobs.metrics;

import ai.omnify.model.order.OrderEvent;

/** Whether an order event replaces the version held. Pure. */
final class OrderVersions {
    enum Decision { APPLY, DUPLICATE, STALE }

    private OrderVersions() {}

    /**
     * The same event id again is a duplicate; an older update is stale; a newer one, or another event at the same
     * update time (e.g. orders/paid and orders/updated together), applies — the later arrival wins a tie.
     */
    static Decision decide(OrderState held, OrderEvent event) {
        if (held == null) {
            return Decision.APPLY;
        }
        if (held.eventId().equals(event.eventId())) {
            return Decision.DUPLICATE;
        }
        return event.updatedAt().isBefore(held.updatedAt()) ? Decision.STALE : Decision.APPLY;
    }
}
