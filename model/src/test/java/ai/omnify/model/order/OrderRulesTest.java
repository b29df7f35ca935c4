package ai.omnify.model.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OrderRulesTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void defaultsDeriveTheEventIdFromTheVersion() {
        OrderEvent o = OrderRules.withDefaults(new OrderEvent("org", "#1001", null, T, null, BigDecimal.TEN, "eur",
                null, null, null, null, null, null, null), "ingest");
        assertThat(o.eventId()).isEqualTo("#1001@" + T);
        assertThat(o.updatedAt()).isEqualTo(T);
        assertThat(o.refunded()).isEqualByComparingTo("0");
        assertThat(o.currency()).isEqualTo("EUR");
        assertThat(o.utm()).isEqualTo(Utm.NONE);
        assertThat(OrderRules.validate(o, NOW)).isEmpty();
    }

    @Test
    void everyProblemIsNamed() {
        OrderEvent bad = new OrderEvent(null, null, null, NOW.plusSeconds(3600), T, new BigDecimal("10"), "XXQ",
                new BigDecimal("11"), null, null, null, null, null, null);
        assertThat(OrderRules.validate(bad, NOW)).containsExactlyInAnyOrder(
                "orgId is missing", "orderId is missing", "eventId is missing",
                "createdAt 2026-11-25T13:00:00Z is in the future",
                "updatedAt 2026-11-25T10:00:00Z is before createdAt 2026-11-25T13:00:00Z",
                "refunded (11) exceeds totalPrice (10)",
                "currency 'XXQ' is not an ISO 4217 code");
    }

    @Test
    void aNegativeTotalGivesOneReasonNotTwo() {
        OrderEvent o = new OrderEvent("org", "1", "e", T, T, new BigDecimal("-3"), "EUR", BigDecimal.ZERO, null, null,
                null, null, null, null);
        assertThat(OrderRules.validate(o, NOW)).containsExactly("totalPrice is negative (-3)");
    }

    @Test
    void netRevenueIsTotalMinusRefundsAndNothingWhenCancelled() {
        OrderEvent o = new OrderEvent("org", "1", "e", T, T, new BigDecimal("100.00"), "EUR", new BigDecimal("25.50"),
                null, null, null, null, null, null);
        assertThat(o.netRevenue()).isEqualByComparingTo("74.50");
        OrderEvent cancelled = new OrderEvent("org", "1", "e", T, T, new BigDecimal("100.00"), "EUR", BigDecimal.ZERO,
                null, null, null, null, T, null);
        assertThat(cancelled.netRevenue()).isEqualByComparingTo("0");
    }
}
