package ai.omnify.jobs.detection;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.metrics.MetricsUpdate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class CloseWindowsFnTest {
    private static final String CH = Windows.CHANNEL;
    private static final LocalDate D = Windows.FIRST;

    private static MetricsUpdate row(LocalDate d, double spendF, Instant asOf) {
        return ChangelogRows.channelDay(Windows.ORG, CH, d, spendF, 1, 1, asOf);
    }

    private static long ts(LocalDate d) {
        return d.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    @Test
    void aWindowClosesOnceWithItsNewestVersionAndLaterVersionsAreDropped() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, MetricsUpdate, MetricWindow> h = ProcessFunctionTestHarnesses
                .forKeyedProcessFunction(new CloseWindowsFn(Duration.ZERO, Duration.ofDays(60)),
                        MetricsRowParser::key, Types.STRING)) {
            Instant v1 = Instant.parse("2026-06-01T10:00:00Z");
            h.processElement(row(D, 1.0, v1.plusSeconds(60)), ts(D));
            h.processElement(row(D, 0.5, v1), ts(D)); // older version arriving later: ignored
            h.processElement(row(D.plusDays(1), 1.0, v1), ts(D.plusDays(1)));
            h.processWatermark(new Watermark(ts(D.plusDays(1))));
            List<MetricWindow> out = h.extractOutputValues();
            assertThat(out).singleElement().satisfies(w -> {
                assertThat(w.start()).isEqualTo(Instant.ofEpochMilli(ts(D)));
                assertThat(w.spendValue()).isGreaterThan(900);
                assertThat(w.history()).isZero();
            });
            // a restatement of the closed day is dropped; the next day closes as the second window
            h.processElement(row(D, 3.0, v1.plusSeconds(3600)), ts(D));
            h.processWatermark(new Watermark(ts(D.plusDays(2))));
            assertThat(h.extractOutputValues()).hasSize(2);
            assertThat(h.extractOutputValues().get(1).history()).isEqualTo(1);
            assertThat(h.extractOutputValues().get(1).spendValue()).isLessThan(2000);
        }
    }

    @Test
    void aWindowFirstSeenBehindTheWatermarkIsStillJudged() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, MetricsUpdate, MetricWindow> h = ProcessFunctionTestHarnesses
                .forKeyedProcessFunction(new CloseWindowsFn(Duration.ZERO, Duration.ofDays(60)),
                        MetricsRowParser::key, Types.STRING)) {
            h.processWatermark(new Watermark(ts(D.plusDays(5))));
            h.processElement(row(D, 1.0, Instant.now()), ts(D));
            h.processWatermark(new Watermark(ts(D.plusDays(5)) + 1));
            assertThat(h.extractOutputValues()).hasSize(1);
            assertThat(h.numKeyedStateEntries()).as("pending window removed; counters kept").isEqualTo(2);
        }
    }

    @Test
    void aDayClosesEarlyOnlyWhenItsAdDataIsMatureNotWhenAnOrderUpdateMovesItsVersion() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, MetricsUpdate, MetricWindow> h = ProcessFunctionTestHarnesses
                .forKeyedProcessFunction(new CloseWindowsFn(Duration.ofDays(1), Duration.ofHours(8),
                        Duration.ofMinutes(30), Duration.ofDays(60)), MetricsRowParser::key, Types.STRING)) {
            Instant dayEnd = Instant.ofEpochMilli(ts(D.plusDays(1)));
            Instant partialPoll = dayEnd.minus(Duration.ofHours(4));
            // the day's ad data from an evening poll, then an order update the next morning (asOf moves, reportedAt
            // does not): the day is not judged on that partial poll
            h.processElement(row(D, 0.8, partialPoll), ts(D));
            h.processElement(ChangelogRows.channelDay(Windows.ORG, CH, D, 0.8, 1, 1.1, dayEnd.plus(Duration.ofHours(9)),
                    partialPoll), ts(D));
            assertThat(h.extractOutputValues()).isEmpty();
            // the morning poll restating the whole day (reported 8 h after its end): judged now, on the full day
            h.processElement(ChangelogRows.channelDay(Windows.ORG, CH, D, 1.0, 1, 1.1, dayEnd.plus(Duration.ofHours(9)),
                    dayEnd.plus(Duration.ofHours(8))), ts(D));
            assertThat(h.extractOutputValues()).singleElement().satisfies(w ->
                    assertThat(w.spendValue()).isEqualTo(row(D, 1.0, dayEnd).spend().doubleValue()));
        }
    }

    @Test
    void theWatermarkDoesNotCloseADayItsAdDataHasNotCoveredYet() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, MetricsUpdate, MetricWindow> h = ProcessFunctionTestHarnesses
                .forKeyedProcessFunction(new CloseWindowsFn(Duration.ofDays(1), Duration.ofHours(8),
                        Duration.ofMinutes(30), Duration.ofDays(60)), MetricsRowParser::key, Types.STRING)) {
            Instant dayEnd = Instant.ofEpochMilli(ts(D.plusDays(1)));
            h.processElement(row(D, 0.8, dayEnd.minus(Duration.ofHours(4))), ts(D)); // an evening poll
            // other keys' days run ahead (a replay's partitions apart): the watermark passes the day's end + settle
            h.processWatermark(new Watermark(ts(D.plusDays(3))));
            assertThat(h.extractOutputValues()).isEmpty();
            // the morning poll comes: judged on the whole day
            h.processElement(row(D, 1.0, dayEnd.plus(Duration.ofHours(8))), ts(D));
            assertThat(h.extractOutputValues()).singleElement().satisfies(w ->
                    assertThat(w.spendValue()).isEqualTo(row(D, 1.0, dayEnd).spend().doubleValue()));
            // a day that never gets a report after its end closes a week after it
            h.processElement(row(D.plusDays(1), 0.5, dayEnd.plus(Duration.ofHours(2))), ts(D.plusDays(1)));
            h.processWatermark(new Watermark(ts(D.plusDays(8))));
            assertThat(h.extractOutputValues()).hasSize(1);
            h.processWatermark(new Watermark(ts(D.plusDays(9))));
            assertThat(h.extractOutputValues()).hasSize(2);
        }
    }
}
