package ai.omnify.jobs.metrics;

import static ai.omnify.jobs.metrics.Items.ad;
import static ai.omnify.jobs.metrics.Items.order;
import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.common.EventTimes;
import ai.omnify.model.metrics.MetricsUpdate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DayAggregateFnTest {
    private static final Duration DEBOUNCE = Duration.ofMillis(300);
    private static final Duration LATENESS = Duration.ofDays(3);
    private static final long DAY_TIME = EventTimes.of(new ai.omnify.model.insight.AdInsight(Items.ORG, null, null,
            null, null, null, null, Items.DAY, null, null, null, null, null, null, null, null, null, null, null));

    /** Rows stored by an earlier run; empty unless a test puts some. */
    static final List<Contribution> STORED = new java.util.ArrayList<>();
    static final java.util.concurrent.atomic.AtomicInteger LOADS = new java.util.concurrent.atomic.AtomicInteger();

    static final class MemoryStore implements DayItemStore {
        @Override
        public void open() {}

        @Override
        public boolean mayHaveStored(String dayKey) {
            return !STORED.isEmpty();
        }

        @Override
        public List<Contribution> load(String dayKey) {
            LOADS.incrementAndGet();
            return List.copyOf(STORED);
        }
    }

    private KeyedOneInputStreamOperatorTestHarness<String, Contribution, MetricsUpdate> harness;

    @BeforeEach
    void setUp() throws Exception {
        STORED.clear();
        LOADS.set(0);
        KeyedProcessFunction<String, Contribution, MetricsUpdate> fn =
                new DayAggregateFn(new ChannelDayRollup(), new MemoryStore(), DEBOUNCE, LATENESS);
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(fn, Contribution::channelDayKey, Types.STRING);
        harness.setProcessingTime(0);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private void send(Contribution c) throws Exception {
        harness.processElement(c, DAY_TIME);
    }

    private List<MetricsUpdate> flushAndTake() throws Exception {
        harness.setProcessingTime(harness.getProcessingTime() + DEBOUNCE.toMillis() + 1);
        List<MetricsUpdate> out = harness.extractOutputValues();
        harness.getOutput().clear();
        return out;
    }

    private static MetricsUpdate channelDay(List<MetricsUpdate> rows) {
        return rows.stream().filter(m -> m.level().equals("channel") && m.grain().equals("day")).findFirst().orElseThrow();
    }

    @Test
    void latestSnapshotWinsAndRepollsChangeNothing() throws Exception {
        send(ad("c1", "a1", null, "10.00", 1000, 10, "1", "20.00", 0));
        send(ad("c1", "a1", null, "15.00", 1500, 15, "2", "40.00", 5));
        send(ad("c1", "a1", null, "10.00", 1000, 10, "1", "20.00", 0)); // an older poll arriving late
        for (int i = 0; i < 10; i++) {
            send(ad("c1", "a1", null, "15.00", 1500, 15, "2", "40.00", 5)); // the same poll ten times
        }
        MetricsUpdate day = channelDay(flushAndTake());
        assertThat(day.spend()).isEqualByComparingTo("15.00");
        assertThat(day.impressions()).isEqualTo(1500);
        assertThat(day.conversions()).isEqualByComparingTo("2");
    }

    @Test
    void aRunWithoutItsStateMergesNewSnapshotsIntoTheStoredDay() throws Exception {
        STORED.add(ad("c1", "a1", null, "10.00", 1000, 10, "1", "20.00", 0));
        STORED.add(ad("c1", "a2", null, "5.00", 500, 5, "0", "0", 0));
        send(ad("c1", "a2", null, "7.00", 700, 7, "0", "0", 1));
        send(ad("c1", "a2", null, "8.00", 800, 8, "0", "0", 2));
        MetricsUpdate day = channelDay(flushAndTake());
        assertThat(day.spend()).as("a1 stored + a2 new, not a2 alone").isEqualByComparingTo("18.00");
        assertThat(LOADS.get()).as("loaded once per day key").isEqualTo(1);
    }

    @Test
    void changesWithinTheDebounceAreWrittenOnceThenTheNextChangeAgain() throws Exception {
        send(ad("c1", "a1", null, "10.00", 1000, 10, "1", "20.00", 0));
        send(ad("c1", "a2", null, "5.00", 500, 5, "0", "0", 0));
        assertThat(harness.extractOutputValues()).as("nothing before the debounce").isEmpty();
        List<MetricsUpdate> first = flushAndTake();
        assertThat(first).extracting(MetricsUpdate::level).containsExactlyInAnyOrder("channel", "creative", "creative");
        assertThat(channelDay(first).spend()).isEqualByComparingTo("15.00");

        send(ad("c1", "a2", null, "7.00", 700, 7, "0", "0", 1));
        List<MetricsUpdate> second = flushAndTake();
        assertThat(second).as("only the touched rows").hasSize(2);
        assertThat(channelDay(second).spend()).isEqualByComparingTo("17.00");
        assertThat(harness.getSideOutput(DayAggregateFn.ORG_ITEMS)).extracting(r -> r.getValue().spend().toPlainString())
                .containsExactly("15.00", "17.00");
    }

    @Test
    void aRestatementWithinTheAllowedLatenessCorrectsTheDay() throws Exception {
        send(ad("c1", "a1", null, "10.00", 1000, 10, "1", "20.00", 0));
        flushAndTake();
        harness.processWatermark(DAY_TIME + Duration.ofDays(2).toMillis()); // two days later: late, within lateness
        send(ad("c1", "a1", null, "10.00", 1000, 10, "3", "70.00", 60 * 48)); // late conversions restate the day
        MetricsUpdate day = channelDay(flushAndTake());
        assertThat(day.conversions()).isEqualByComparingTo("3");
        assertThat(day.conversionValue()).isEqualByComparingTo("70.00");
        assertThat(harness.getSideOutput(DayAggregateFn.LATE)).isNullOrEmpty();
    }

    @Test
    void afterTheAllowedLatenessStateIsGoneAndItemsGoToTheLateOutput() throws Exception {
        send(ad("c1", "a1", null, "10.00", 1000, 10, "1", "20.00", 0));
        send(order("c1", "a1", "o1", 10, "30.00", 1));
        // the watermark passes the end of the day plus the lateness before the debounce fires: pending rows flush
        harness.processWatermark(EventTimes.endOfDayEverywhere(Items.DAY) + LATENESS.toMillis());
        assertThat(channelDay(harness.extractOutputValues()).attributedRevenue()).isEqualByComparingTo("30.00");
        assertThat(harness.numKeyedStateEntries()).as("state cleaned up").isZero();
        assertThat(harness.numEventTimeTimers()).isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
        harness.getOutput().clear();

        Contribution tooLate = ad("c1", "a1", null, "12.00", 1000, 10, "1", "20.00", 90);
        send(tooLate);
        assertThat(harness.extractOutputValues()).isEmpty();
        ConcurrentLinkedQueue<StreamRecord<Contribution>> late = harness.getSideOutput(DayAggregateFn.LATE);
        assertThat(late).extracting(StreamRecord::getValue).containsExactly(tooLate);
        assertThat(harness.numKeyedStateEntries()).isZero();
    }
}
