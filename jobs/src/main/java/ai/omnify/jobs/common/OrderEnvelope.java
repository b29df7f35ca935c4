package ai.omnify.jobs.common;

import ai.omnify.model.DeadLetter;
import ai.omnify.model.order.OrderEvent;

/** A Kafka record of {@code omnify.orders} after parsing: the order event, or why it could not be used. */
public record OrderEnvelope(OrderEvent order, DeadLetter deadLetter) {

    public static OrderEnvelope ok(OrderEvent order) {
        return new OrderEnvelope(order, null);
    }

    public static OrderEnvelope rejected(DeadLetter deadLetter) {
        return new OrderEnvelope(null, deadLetter);
    }

    public boolean isOk() {
        return order != null;
    }
}
