package ai.omnify.jobs.metrics;

import static ai.omnify.jobs.metrics.Items.ad;
import static ai.omnify.jobs.metrics.Items.creative;
import static ai.omnify.jobs.metrics.Items.order;
import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.metrics.MetricsUpdate;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelDayRollupTest {
    private final ChannelDayRollup rollup = new ChannelDayRollup();

    @Test
    void dayIsTheSumOfItsAdsDaySnapshots() {
        Map<String, MetricsUpdate> rows = rollup.rows(List.of(
                ad("c1", "a1", null, "100.00", 10000, 200, "4", "400.00", 0),
                ad("c1", "a2", null, "50.50", 5000, 50, "1", "60.00", 0)));
        MetricsUpdate day = rows.get(ChannelDayRollup.DAY_ROW);
        assertThat(day.spend()).isEqualByComparingTo("150.50");
        assertThat(day.impressions()).isEqualTo(15000);
        assertThat(day.clicks()).isEqualTo(250);
        assertThat(day.conversions()).isEqualByComparingTo("5");
        assertThat(day.conversionValue()).isEqualByComparingTo("460.00");
        assertThat(day.roas()).isEqualByComparingTo("3.0565");
        assertThat(day.cpa()).isEqualByComparingTo("30.1000");
        assertThat(day.ctr()).isEqualByComparingTo("0.016667");
        assertThat(day.cpc()).isEqualByComparingTo("0.6020");
        assertThat(day.cpm()).isEqualByComparingTo("10.0333");
        assertThat(rows.get(ChannelDayRollup.creativeDayRow(creative("a1"))).spend()).isEqualByComparingTo("100.00");
    }

    @Test
    void daySnapshotIsTheTruthAndHoursOnlyGiveTheShape() {
        Map<String, MetricsUpdate> rows = rollup.rows(List.of(
                ad("c1", "a1", null, "100.00", 10000, 200, "4", "400.00", 0),
                ad("c1", "a1", 9, "30.00", 3000, 60, "1", "100.00", 0),
                ad("c1", "a1", 10, "40.00", 4000, 70, "1", "100.00", 0)));
        assertThat(rows.get(ChannelDayRollup.DAY_ROW).spend()).isEqualByComparingTo("100.00");
        assertThat(rows.get(ChannelDayRollup.hourRow(9)).spend()).isEqualByComparingTo("30.00");
        assertThat(rows.get(ChannelDayRollup.hourRow(10)).clicks()).isEqualTo(70);
        assertThat(rows.get(ChannelDayRollup.creativeDayRow(creative("a1"))).daySource()).isEqualTo("day");
    }

    @Test
    void withoutADaySnapshotTheDayIsTheSumOfTheHours() {
        Map<String, MetricsUpdate> rows = rollup.rows(List.of(
                ad("c1", "a1", 9, "30.00", 3000, 60, "1", "100.00", 0),
                ad("c1", "a1", 10, "40.00", 4000, 70, "1", "100.00", 0),
                ad("c1", "a2", null, "5.00", 100, 1, "0", "0", 0)));
        assertThat(rows.get(ChannelDayRollup.DAY_ROW).spend()).isEqualByComparingTo("75.00");
        MetricsUpdate a1 = rows.get(ChannelDayRollup.creativeDayRow(creative("a1")));
        assertThat(a1.spend()).isEqualByComparingTo("70.00");
        assertThat(a1.daySource()).isEqualTo("hours");
    }

    @Test
    void ordersAddAttributedRevenueToTheChannelTheirHourAndTheirCreative() {
        Map<String, MetricsUpdate> rows = rollup.rows(List.of(
                ad("c1", "a1", null, "100.00", 10000, 200, "4", "400.00", 0),
                order("c1", "a1", "o1", 14, "80.00", 1),
                order("c1", null, "o2", 15, "20.00", 2)));
        MetricsUpdate day = rows.get(ChannelDayRollup.DAY_ROW);
        assertThat(day.attributedRevenue()).isEqualByComparingTo("100.00");
        assertThat(day.attributedOrders()).isEqualTo(2);
        assertThat(day.roas()).as("ROAS stays platform-reported").isEqualByComparingTo("4.0000");
        assertThat(rows.get(ChannelDayRollup.hourRow(14)).attributedRevenue()).isEqualByComparingTo("80.00");
        assertThat(rows.get(ChannelDayRollup.creativeDayRow(creative("a1"))).attributedRevenue()).isEqualByComparingTo("80.00");
        assertThat(day.asOf()).isEqualTo(Items.T0.plusSeconds(120));
    }

    @Test
    void rowTimesAreAtTheDatabasesPrecisionSoACorrectedDayIsNotOlderThanItsLiveRow() {
        Contribution live = ad("c1", "a1", null, "100.00", 10000, 200, "4", "400.00", 0);
        Instant nanos = Items.T0.plusNanos(901_042_427);
        live = new Contribution(live.orgId(), live.kind(), live.itemId(), live.channelId(), live.creativeId(),
                live.platform(), live.campaignId(), live.campaignName(), live.adName(), live.date(), live.hour(),
                live.spend(), live.impressions(), live.clicks(), live.conversions(), live.conversionValue(),
                live.reach(), live.revenue(), live.orders(), live.currency(), nanos);
        MetricsUpdate liveRow = rollup.rows(List.of(live)).get(ChannelDayRollup.DAY_ROW);
        // the corrector reads the same item back from PostgreSQL (microseconds) and adds a late order
        Contribution stored = new Contribution(live.orgId(), live.kind(), live.itemId(), live.channelId(),
                live.creativeId(), live.platform(), live.campaignId(), live.campaignName(), live.adName(),
                live.date(), live.hour(), live.spend(), live.impressions(), live.clicks(), live.conversions(),
                live.conversionValue(), live.reach(), live.revenue(), live.orders(), live.currency(),
                nanos.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        MetricsUpdate corrected = rollup.rows(List.of(stored, order("c1", "a1", "o1", 14, "80.00", -600)))
                .get(ChannelDayRollup.DAY_ROW);
        assertThat(corrected.asOf()).isEqualTo(liveRow.asOf());
        assertThat(liveRow.asOf().getNano() % 1000).isZero();
    }

    @Test
    void asOfNeverGoesBackWhenADaySnapshotReplacesTheSumOfHours() {
        Contribution hour = ad("c1", "a1", 21, "300.00", 3000, 30, "1", "10.00", 30);
        Contribution daySnapshot = ad("c1", "a1", null, "90.00", 9000, 90, "2", "20.00", 20);
        MetricsUpdate hoursOnly = rollup.rows(List.of(hour)).get(ChannelDayRollup.DAY_ROW);
        Map<String, MetricsUpdate> both = rollup.rows(List.of(hour, daySnapshot));
        MetricsUpdate withDay = both.get(ChannelDayRollup.DAY_ROW);
        assertThat(withDay.spend()).isEqualByComparingTo("90.00");
        assertThat(withDay.asOf()).isAfterOrEqualTo(hoursOnly.asOf());
        assertThat(both.get(ChannelDayRollup.creativeDayRow(creative("a1"))).asOf()).isAfterOrEqualTo(hoursOnly.asOf());
    }

    @Test
    void zeroDenominatorsGiveNoRatios() {
        MetricsUpdate day = rollup.rows(List.of(ad("c1", "a1", null, "0", 0, 0, "0", "0", 0))).get(ChannelDayRollup.DAY_ROW);
        assertThat(day.roas()).isNull();
        assertThat(day.cpa()).isNull();
        assertThat(day.ctr()).isNull();
        assertThat(day.cpc()).isNull();
        assertThat(day.cpm()).isNull();
        assertThat(day.spend()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void touchedRowsCoverEverythingAnItemChanges() {
        assertThat(rollup.touchedRows(ad("c1", "a1", null, "1", 1, 0, "0", "0", 0)))
                .containsExactlyInAnyOrder("day", "cday|" + creative("a1"));
        assertThat(rollup.touchedRows(ad("c1", "a1", 3, "1", 1, 0, "0", "0", 0)))
                .containsExactlyInAnyOrder("day", "hour|3", "cday|" + creative("a1"), "chour|" + creative("a1") + "|3");
        assertThat(rollup.touchedRows(order("c1", null, "o1", 7, "1", 0))).containsExactlyInAnyOrder("day", "hour|7");
    }
}
