package ai.omnify.simulator.orders;

import ai.omnify.model.order.OrderEvent;

/**
 * One delivery of an order version to Omnify (a webhook, in platform terms).
 *
 * @param redelivery true when it is a re-send of an event already delivered (same event id)
 */
public record Delivery(long atMillis, OrderEvent event, boolean redelivery) {}
