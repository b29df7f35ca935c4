package ai.omnify.jobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.reference.OrgSettings;
import ai.omnify.jobs.reference.StaticReferenceData;
import ai.omnify.model.DeadLetter;
import ai.omnify.model.Ids;
import ai.omnify.model.Platform;
import ai.omnify.model.fx.FxTable;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.model.order.Utm;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LatestOrderFnTest {
    private static final String ORG = Items.ORG;
    private static final Instant CREATED = Instant.parse("2026-11-20T22:30:00Z"); // 23:30 in Berlin
    private static final StaticReferenceData REF = new StaticReferenceData(
            Map.of(ORG, new OrgSettings("EUR", "Europe/Berlin")),
            List.of(new FxTable.Rate("USD", "EUR", LocalDate.of(2000, 1, 1), new BigDecimal("0.9"))));

    private KeyedOneInputStreamOperatorTestHarness<String, OrderEvent, OrderRow> harness;

    @BeforeEach
    void setUp() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new LatestOrderFn(REF, Duration.ofDays(30)),
                OrderEvent::key, Types.STRING);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static OrderEvent event(String eventId, int minutes, String total, String refunded, Instant cancelled, Utm utm) {
        return new OrderEvent(ORG, "1001", eventId, CREATED, CREATED.plusSeconds(60L * minutes), new BigDecimal(total),
                "USD", new BigDecimal(refunded), "cust-1", null, null, utm, cancelled, "test");
    }

    private void send(OrderEvent e) throws Exception {
        harness.processElement(e, e.createdAt().toEpochMilli());
    }

    @Test
    void anUpdateAndARefundReplaceTheOrderInPlaceInTheReportingCurrency() throws Exception {
        Utm utm = new Utm("facebook", "paid", "camp-1", "ad-9");
        send(event("e1", 0, "100.00", "0", null, utm));
        send(event("e2", 30, "120.00", "0", null, utm));      // edited
        send(event("e3", 90, "120.00", "20.00", null, utm));  // partially refunded
        List<OrderRow> rows = harness.extractOutputValues();
        assertThat(rows).extracting(OrderRow::netRevenue).extracting(BigDecimal::toPlainString)
                .containsExactly("90.0000", "108.0000", "90.0000");
        OrderRow last = rows.get(2);
        assertThat(last.orderDate()).as("date in the organization's time zone").isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(last.channelId()).isEqualTo(Ids.channelId(ORG, Platform.META, "camp-1").toString());
        assertThat(last.creativeId()).isEqualTo(Ids.creativeId(ORG, Platform.META, "ad-9").toString());

        List<Contribution> channelItems = values(harness.getSideOutput(LatestOrderFn.CHANNEL_ITEMS));
        assertThat(channelItems).extracting(c -> c.revenue().toPlainString()).containsExactly("90.0000", "108.0000", "90.0000");
        assertThat(channelItems).allSatisfy(c -> assertThat(c.hour()).isEqualTo(23));
    }

    @Test
    void duplicatesAndStaleEventsAreIgnored() throws Exception {
        send(event("e2", 30, "120.00", "0", null, Utm.NONE));
        send(event("e2", 30, "120.00", "0", null, Utm.NONE)); // redelivered
        send(event("e1", 0, "100.00", "0", null, Utm.NONE));  // older, out of order
        assertThat(harness.extractOutputValues()).hasSize(1);
        assertThat(values(harness.getSideOutput(LatestOrderFn.ORG_ITEMS))).hasSize(1);
        assertThat(harness.getSideOutput(LatestOrderFn.CHANNEL_ITEMS)).as("unattributed").isNullOrEmpty();
    }

    @Test
    void aCancelledOrderCountsNothing() throws Exception {
        send(event("e1", 0, "100.00", "0", null, Utm.NONE));
        send(event("e2", 10, "100.00", "0", CREATED.plusSeconds(600), Utm.NONE));
        List<Contribution> org = values(harness.getSideOutput(LatestOrderFn.ORG_ITEMS));
        assertThat(org.get(1).revenue()).isEqualByComparingTo("0");
        assertThat(org.get(1).orders()).isZero();
    }

    @Test
    void movingToAnotherChannelRetractsItFromTheOldOne() throws Exception {
        send(event("e1", 0, "100.00", "0", null, new Utm("google", null, "g-1", null)));
        send(event("e2", 10, "100.00", "0", null, new Utm("tiktok", null, "t-1", null)));
        List<Contribution> items = values(harness.getSideOutput(LatestOrderFn.CHANNEL_ITEMS));
        String google = Ids.channelId(ORG, Platform.GOOGLE, "g-1").toString();
        String tiktok = Ids.channelId(ORG, Platform.TIKTOK, "t-1").toString();
        assertThat(items).extracting(Contribution::channelId).containsExactly(google, google, tiktok);
        assertThat(items.get(1).revenue()).isEqualByComparingTo("0");
        assertThat(items.get(1).orders()).isZero();
        assertThat(items.get(2).revenue()).isEqualByComparingTo("90");
    }

    @Test
    void anUnknownOrganizationOrMissingRateIsADeadLetter() throws Exception {
        OrderEvent stranger = event("e1", 0, "1", "0", null, Utm.NONE).withOrgId("00000000-0000-0000-0000-000000000001");
        send(stranger);
        OrderEvent yen = new OrderEvent(ORG, "2002", "x", CREATED, CREATED, BigDecimal.ONE, "JPY", BigDecimal.ZERO,
                null, null, null, Utm.NONE, null, "t");
        send(yen);
        assertThat(harness.extractOutputValues()).isEmpty();
        assertThat(values(harness.getSideOutput(MetricsOutputs.DEAD_LETTERS))).extracting(DeadLetter::reason)
                .containsExactly("organization 00000000-0000-0000-0000-000000000001 does not exist",
                        "no exchange rate from JPY to EUR on or before 2026-11-20; add one to fx_rates and send the order again");
    }

    private static <T> List<T> values(java.util.Collection<StreamRecord<T>> records) {
        return records == null ? List.of() : records.stream().map(StreamRecord::getValue).toList();
    }
}
