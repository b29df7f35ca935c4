package ai.omnify.jobs.detection.window;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.detection.ChangelogRows;
import ai.omnify.jobs.detection.Windows;
import ai.omnify.model.metrics.MetricsUpdate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class OrgActivityFnTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);
    private static final long NOW = TODAY.toEpochDay() * 86_400_000L + 10 * 3_600_000L;

    private static MetricsUpdate orgDay(LocalDate d) {
        MetricsUpdate channel = ChangelogRows.channelDay(Windows.ORG, Windows.CHANNEL, d, 1.0, 1, 1, Instant.EPOCH);
        return new MetricsUpdate(channel.orgId(), MetricsUpdate.ORG, MetricsUpdate.DAY, null, null, null, null, null,
                d, null, channel.spend(), 1, 1, null, null, null, 0, null, null, null, null, null, null, null, null,
                null, null, null, null, "EUR", Instant.EPOCH);
    }

    @Test
    void pastDaysAreActivityOncePerIntervalTodayAndYesterdayAreNot() throws Exception {
        try (var h = ProcessFunctionTestHarnesses.forKeyedProcessFunction(new OrgActivityFn(Duration.ofSeconds(1)),
                MetricsUpdate::orgId, Types.STRING)) {
            h.setProcessingTime(NOW);
            h.processElement(orgDay(TODAY), 0);
            h.processElement(orgDay(TODAY.minusDays(1)), 0);
            h.processElement(orgDay(TODAY.minusDays(2)), 0);
            assertThat(h.extractOutputValues()).as("live polls and webhooks").isEmpty();
            h.processElement(orgDay(TODAY.minusDays(40)), 0);
            h.processElement(orgDay(TODAY.minusDays(41)), 0);
            h.setProcessingTime(NOW + 999);
            h.processElement(orgDay(TODAY.minusDays(42)), 0);
            h.setProcessingTime(NOW + 1_000);
            h.processElement(orgDay(TODAY.minusDays(43)), 0);
            assertThat(h.extractOutputValues()).containsExactly(new OrgActivity(Windows.ORG, NOW),
                    new OrgActivity(Windows.ORG, NOW + 1_000));
            assertThat(h.numKeyedStateEntries()).as("when the organization last sent, nothing more").isEqualTo(1);
            assertThat(h.numProcessingTimeTimers()).isZero();
        }
    }
}
