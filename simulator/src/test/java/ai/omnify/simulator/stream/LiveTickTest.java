package ai.omnify.simulator.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.simulator.Datasets;
import ai.omnify.simulator.reporting.ReportingModel;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class LiveTickTest {
    private final Instant now = Datasets.NOW;

    @Test
    void ticksFollowTheHistoryAndTodayKeepsGrowing() {
        Datasets.History h = Datasets.generate(SimulationConfig.of(11, 7, now, Datasets.ORG));
        FeedStream stream = h.stream();
        FeedSlice full = stream.tick(now.plusSeconds(5), true);
        // a full tick restates the last days and sends hour rows of today and yesterday
        LocalDate metaToday = ReportingModel.localDate(h.brand().catalog().account(Platform.META), now);
        assertThat(full.lines(Platform.META)).filteredOn(l -> l.insight() != null)
                .extracting(l -> l.insight().date()).contains(metaToday, metaToday.minusDays(3));
        assertThat(full.lines(Platform.META)).anySatisfy(l -> assertThat(l.insight().hour()).isNotNull());

        FeedSlice light = stream.tick(now.plus(Duration.ofMinutes(10)), false);
        assertThat(light.lines(Platform.META)).isNotEmpty().allSatisfy(l -> {
            assertThat(l.insight().date()).isEqualTo(metaToday);
            assertThat(l.role()).isEqualTo(FeedLine.Role.ORIGINAL);
        });
        for (FeedLine l : light.lines(Platform.META)) {
            AdInsight before = h.truth().snapshots().get(ai.omnify.simulator.truth.SnapshotKey.of(l.insight()));
            if (before != null) {
                assertThat(l.insight().spend()).isGreaterThanOrEqualTo(before.spend());
                assertThat(l.insight().reportedAt()).isAfter(before.reportedAt());
            }
        }
        assertThat(stream.liveTicks()).isEqualTo(2);
    }

    @Test
    void aLightTickRightAfterAnotherSendsOnlyWhatChanged() {
        Datasets.History h = Datasets.generate(SimulationConfig.of(11, 3, now, Datasets.ORG));
        FeedStream stream = h.stream();
        stream.tick(now.plusSeconds(5), true);
        FeedSlice a = stream.tick(now.plusSeconds(10), false);
        FeedSlice b = stream.tick(now.plusSeconds(10).plusMillis(1), false);
        assertThat(b.size()).isLessThan(a.size() + 1);
        assertThat(stream.tick(now.plusSeconds(10), false).size()).as("a tick not after the last one").isZero();
    }

    @Test
    void orderDeliveriesContinueLive() {
        Datasets.History h = Datasets.generate(SimulationConfig.of(11, 3, now, Datasets.ORG));
        FeedSlice hour = h.stream().tick(now.plus(Duration.ofHours(1)), true);
        assertThat(hour.lines(Platform.SHOPIFY)).isNotEmpty()
                .allSatisfy(l -> assertThat(l.isBad() || l.order().updatedAt().isBefore(now.plus(Duration.ofHours(1))))
                        .isTrue());
    }

    @Test
    void liveTicksWaitForTheHistory() {
        FeedStream fresh = SyntheticBrand.create(SimulationConfig.of(11, 3, now, Datasets.ORG)).stream();
        assertThatThrownBy(() -> fresh.tick(now.plusSeconds(5), true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("history first");
    }
}
