package ai.omnify.jobs.detection;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.alert.AlertRules;
import ai.omnify.model.metrics.MetricsUpdate;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Order-based judgements wait until the organization's store orders of a later day have been read. */
class OrderClockTest {
    private final DetectorSettings s = DetectorSettings.defaults();
    private final AlertRules rules = AlertRules.defaults(Windows.ORG);
    private final LocalDate monday = Windows.FIRST.plusDays(35);

    private static MetricsUpdate orgDay(LocalDate d, Long storeOrders) {
        return new MetricsUpdate(Windows.ORG, MetricsUpdate.ORG, MetricsUpdate.DAY, null, null, null, null, null, d,
                null, BigDecimal.TEN, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, 0, null, null, null,
                null, null, null, null, BigDecimal.ONE, storeOrders, null, null, null, "EUR", Instant.EPOCH);
    }

    @Test
    void anOrganizationDayWithStoreOrdersMovesTheClock() {
        assertThat(OrderClock.of(orgDay(monday, 12L))).isEqualTo(new OrderClock(Windows.ORG, monday.toEpochDay()));
        assertThat(OrderClock.of(orgDay(monday, 0L))).as("ad data alone").isNull();
        assertThat(OrderClock.of(orgDay(monday, null))).isNull();
        assertThat(OrderClock.of(ChangelogRows.channelDay(Windows.ORG, Windows.CHANNEL, monday, 1, 1, 1,
                Instant.EPOCH))).as("channel rows").isNull();
        assertThat(OrderClock.ordersRead(null, monday.toEpochDay())).isFalse();
        assertThat(OrderClock.ordersRead(monday.toEpochDay(), monday.toEpochDay())).as("the day itself").isFalse();
        assertThat(OrderClock.ordersRead(monday.plusDays(1).toEpochDay(), monday.toEpochDay())).isTrue();
    }

    @Test
    void withoutTheDaysOrdersReadNoOrderBasedAlert() {
        // the day's orders are not read yet: it looks like a ROAS collapse and a checkout break, but is not judged
        MetricWindow noOrders = Windows.day(Windows.ORG, monday, 35, 1, 1, 0);
        Map<AlertKind, Reading> unread = Detectors.evaluate(noOrders, Windows.history(35), 0, null, rules, s, false);
        assertThat(unread.values().stream().filter(Reading::anomalous).toList()).isEmpty();
        assertThat(unread).doesNotContainKey(AlertKind.ROAS_DROP);
        Map<AlertKind, Reading> read = Detectors.evaluate(noOrders, Windows.history(35), 0, null, rules, s, true);
        assertThat(read.values().stream().filter(Reading::anomalous).map(Reading::kind).toList())
                .containsExactly(AlertKind.TRACKING_BREAK);
    }

    @Test
    void platformConversionsAreJudgedWhateverTheOrders() {
        MetricWindow broken = Windows.day(Windows.ORG, monday, 35, 1, 0, 0);
        Map<AlertKind, Reading> r = Detectors.evaluate(broken, Windows.history(35), 0, null, rules, s, false);
        assertThat(r.values().stream().filter(Reading::anomalous).map(Reading::kind).toList())
                .isEqualTo(List.of(AlertKind.TRACKING_BREAK));
        assertThat(r.get(AlertKind.TRACKING_BREAK).metric()).isEqualTo("conversions");
    }
}
