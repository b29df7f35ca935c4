package ai.omnify.model.order;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One version of a store order. Value of {@code omnify.orders}, keyed by {@link #key()}.
 *
 * <p>Orders are events with identity: create, updates and refunds of the same {@code orderId} update one order; the
 * version with the latest {@code updatedAt} wins, and {@code eventId} deduplicates redelivered events.
 *
 * @param totalPrice the order's total as charged, in {@code currency}
 * @param refunded the total refunded so far, in {@code currency} (zero or null when none)
 * @param cancelledAt when the order was cancelled, if it was; a cancelled order counts no revenue
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderEvent(
        String orgId,
        String orderId,
        String eventId,
        Instant createdAt,
        Instant updatedAt,
        BigDecimal totalPrice,
        String currency,
        BigDecimal refunded,
        String customerId,
        String landingSite,
        String referringSite,
        Utm utm,
        Instant cancelledAt,
        String source) {

    /** The Kafka key: {@code org:orderId}. */
    @JsonIgnore
    public String key() {
        return orgId + ":" + orderId;
    }

    /** Revenue this version counts: total minus refunds, zero when cancelled. */
    @JsonIgnore
    public BigDecimal netRevenue() {
        if (cancelledAt != null || totalPrice == null) {
            return BigDecimal.ZERO;
        }
        BigDecimal r = refunded == null ? BigDecimal.ZERO : refunded;
        return totalPrice.subtract(r).max(BigDecimal.ZERO);
    }

    public OrderEvent withOrgId(String newOrgId) {
        return new OrderEvent(newOrgId, orderId, eventId, createdAt, updatedAt, totalPrice, currency, refunded,
                customerId, landingSite, referringSite, utm, cancelledAt, source);
    }

    public OrderEvent withEventId(String newEventId) {
        return new OrderEvent(orgId, orderId, newEventId, createdAt, updatedAt, totalPrice, currency, refunded,
                customerId, landingSite, referringSite, utm, cancelledAt, source);
    }

    public OrderEvent withSource(String newSource) {
        return new OrderEvent(orgId, orderId, eventId, createdAt, updatedAt, totalPrice, currency, refunded,
                customerId, landingSite, referringSite, utm, cancelledAt, newSource);
    }
}
