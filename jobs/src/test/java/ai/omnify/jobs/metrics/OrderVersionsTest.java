package ai.omnify.jobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.order.OrderEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class OrderVersionsTest {
    private static final Instant T = Instant.parse("2026-11-20T10:00:00Z");
    private static final OrderState HELD = new OrderState("e2", T.plusSeconds(60), null, LocalDate.of(2026, 11, 20));

    private static OrderEvent event(String id, Instant updatedAt) {
        return new OrderEvent("org", "1", id, T, updatedAt, BigDecimal.TEN, "EUR", BigDecimal.ZERO, null, null, null,
                null, null, "t");
    }

    @Test
    void firstVersionApplies() {
        assertThat(OrderVersions.decide(null, event("e1", T))).isEqualTo(OrderVersions.Decision.APPLY);
    }

    @Test
    void sameEventAgainIsADuplicate() {
        assertThat(OrderVersions.decide(HELD, event("e2", T.plusSeconds(60)))).isEqualTo(OrderVersions.Decision.DUPLICATE);
    }

    @Test
    void olderUpdateIsStaleAndNewerOrSimultaneousApplies() {
        assertThat(OrderVersions.decide(HELD, event("e1", T))).isEqualTo(OrderVersions.Decision.STALE);
        assertThat(OrderVersions.decide(HELD, event("e3", T.plusSeconds(120)))).isEqualTo(OrderVersions.Decision.APPLY);
        assertThat(OrderVersions.decide(HELD, event("e4", T.plusSeconds(60)))).isEqualTo(OrderVersions.Decision.APPLY);
    }
}
