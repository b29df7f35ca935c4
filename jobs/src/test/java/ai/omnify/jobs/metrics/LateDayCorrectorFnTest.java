package ai.omnify.jobs.metrics;

import static ai.omnify.jobs.metrics.Items.ad;
import static ai.omnify.jobs.metrics.Items.order;
import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.metrics.MetricsUpdate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LateDayCorrectorFnTest {
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final Duration KEEP = Duration.ofMinutes(10);
    static final List<Contribution> STORED = new ArrayList<>();
    static final AtomicInteger LOADS = new AtomicInteger();

    /** The stored rows of the day, as the live path wrote them. */
    static final class MemoryStore implements DayItemStore {
        @Override
        public void open() {}

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
        STORED.add(ad("c1", "a1", null, "10.00", 1000, 10, "1", "20.00", 0));
        STORED.add(ad("c1", "a2", null, "5.00", 500, 5, "0", "0", 0));
        STORED.add(order("c1", "a1", "o1", 9, "25.00", 0));
        harness = ProcessFunctionTestHarnesses.forKeyedProcessFunction(
                new LateDayCorrectorFn(new ChannelDayRollup(), new MemoryStore(), SETTLE, KEEP),
                Contribution::channelDayKey, Types.STRING);
        harness.setProcessingTime(0);
    }

    @AfterEach
    void tearDown() throws Exception {
        harness.close();
    }

    private static MetricsUpdate channelDay(List<MetricsUpdate> rows) {
        return rows.stream().filter(m -> m.level().equals("channel") && m.grain().equals("day")).findFirst().orElseThrow();
    }

    @Test
    void aLateItemIsMergedIntoTheStoredDayAfterItSettles() throws Exception {
        harness.processElement(ad("c1", "a2", null, "8.00", 800, 8, "1", "30.00", 60 * 24 * 40), 0);
        harness.setProcessingTime(SETTLE.toMillis() - 1);
        assertThat(harness.extractOutputValues()).as("waits for the live rows to be stored").isEmpty();

        harness.setProcessingTime(SETTLE.toMillis());
        List<MetricsUpdate> rows = harness.extractOutputValues();
        MetricsUpdate day = channelDay(rows);
        assertThat(day.spend()).isEqualByComparingTo("18.00");
        assertThat(day.conversionValue()).isEqualByComparingTo("50.00");
        assertThat(day.attributedRevenue()).isEqualByComparingTo("25.00");
        assertThat(rows).as("every row of the day is rewritten")
                .extracting(m -> m.level() + "/" + m.grain() + "/" + (m.creativeId() == null ? "-" : m.creativeId()) + "/" + m.hour())
                .containsExactlyInAnyOrder("channel/day/-/null", "channel/hour/-/9",
                        "creative/day/" + Items.creative("a1") + "/null", "creative/day/" + Items.creative("a2") + "/null",
                        "creative/hour/" + Items.creative("a1") + "/9");
        assertThat(harness.getSideOutput(DayAggregateFn.ORG_ITEMS)).hasSize(1);
    }

    @Test
    void anOlderLateSnapshotDoesNotBeatTheStoredOne() throws Exception {
        STORED.set(1, ad("c1", "a2", null, "5.00", 500, 5, "0", "0", 100));
        harness.processElement(ad("c1", "a2", null, "99.00", 800, 8, "1", "30.00", 50), 0);
        harness.setProcessingTime(SETTLE.toMillis());
        assertThat(channelDay(harness.extractOutputValues()).spend()).isEqualByComparingTo("15.00");
    }

    @Test
    void theDayIsLoadedOnceWhileItIsKeptThenDropped() throws Exception {
        harness.processElement(ad("c1", "a2", null, "8.00", 800, 8, "1", "30.00", 1000), 0);
        harness.setProcessingTime(SETTLE.toMillis());
        harness.getOutput().clear();
        harness.processElement(ad("c1", "a1", null, "11.00", 1000, 10, "1", "20.00", 1001), 0);
        harness.setProcessingTime(SETTLE.toMillis() + 1);
        assertThat(channelDay(harness.extractOutputValues()).spend()).isEqualByComparingTo("19.00");
        assertThat(LOADS.get()).isEqualTo(1);

        harness.setProcessingTime(SETTLE.toMillis() + 1 + KEEP.toMillis());
        assertThat(harness.numKeyedStateEntries()).as("dropped after being kept").isZero();
        assertThat(harness.numProcessingTimeTimers()).isZero();
    }
}
