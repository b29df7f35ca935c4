package ai.omnify.jobs.detection.fatigue;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.jobs.detection.Windows;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class OrderWindowsFnTest {
    private static final LocalDate D = Windows.FIRST;
    private static final Duration BOUND = Duration.ofDays(2);

    private static MetricWindow day(int i) {
        return Windows.creativeDay(D.plusDays(i), i, 20, 2.0, 10);
    }

    private static long ts(int i) {
        return D.plusDays(i).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, MetricWindow, MetricWindow> harness()
            throws Exception {
        return ProcessFunctionTestHarnesses.forKeyedProcessFunction(new OrderWindowsFn(BOUND, Duration.ofDays(30)),
                MetricWindow::key, Types.STRING);
    }

    @Test
    void windowsThatFollowOnGoAtOnceAndAGapWaitsForTheWatermark() throws Exception {
        try (var h = harness()) {
            h.processElement(day(0), ts(0));
            assertThat(h.extractOutputValues()).as("a key's first window waits for the bound").isEmpty();
            h.processWatermark(new Watermark(ts(0) + BOUND.toMillis()));
            h.processElement(day(1), ts(1));
            h.processElement(day(2), ts(2));
            assertThat(h.extractOutputValues()).extracting(MetricWindow::history).containsExactly(0, 1, 2);
            h.processElement(day(4), ts(4)); // day 3 missing: waits
            h.processElement(day(3), ts(3)); // fills the gap: both go, in order
            assertThat(h.extractOutputValues()).extracting(MetricWindow::history).containsExactly(0, 1, 2, 3, 4);
            h.processElement(day(6), ts(6)); // day 5 never comes
            h.processWatermark(new Watermark(ts(6) + BOUND.toMillis()));
            assertThat(h.extractOutputValues()).extracting(MetricWindow::history).containsExactly(0, 1, 2, 3, 4, 6);
            assertThat(h.numKeyedStateEntries()).as("nothing waits; only how far the key was released").isEqualTo(1);
            assertThat(h.numEventTimeTimers()).isZero();
        }
    }

    @Test
    void aKeyReadLongAfterTheWatermarkPassedItsDaysGoesOnInOrderAndALateWindowIsDropped() throws Exception {
        try (var h = harness()) {
            h.processWatermark(new Watermark(ts(60))); // other creatives' histories came first
            h.processElement(day(1), ts(1));
            h.processElement(day(0), ts(0)); // older than one released: dropped
            h.processElement(day(2), ts(2));
            h.processElement(day(3), ts(3));
            assertThat(h.extractOutputValues()).extracting(MetricWindow::history).containsExactly(1, 2, 3);
        }
    }
}
