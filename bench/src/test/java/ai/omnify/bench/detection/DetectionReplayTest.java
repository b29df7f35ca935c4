package ai.omnify.bench.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.jobs.metrics.Attribution;
import ai.omnify.model.Ids;
import ai.omnify.model.fx.FxTable;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.simulator.stream.SimulationConfig;
import ai.omnify.simulator.stream.SyntheticBrand;
import ai.omnify.simulator.truth.GroundTruth;
import ai.omnify.simulator.truth.SnapshotKey;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The offline replay's windows against the brand's ground truth, computed here independently; no quality asserted. */
class DetectionReplayTest {
    static final long SEED = 11;
    static final int DAYS = 30;
    static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    static String org;
    static ReplayHistory history;
    static GroundTruth truth;
    static ReplayWindows windows;
    static FxTable fx;

    @BeforeAll
    static void replay() {
        org = DetectionReplay.orgOf(SEED);
        SyntheticBrand brand = SyntheticBrand.create(SimulationConfig.of(SEED, DAYS, NOW, org).withStandardIncidents());
        history = ReplayHistory.of(brand);
        truth = history.truth();
        fx = SeedRates.table();
        windows = ReplayWindows.of(org, truth, fx, "EUR", DetectionReplay.ZONE);
    }

    @Test
    void channelDaysSumTheSnapshotsSpendAndClicks() {
        // per ad-day the day snapshot if there is one, else its hours; keyed channel|date
        Set<String> adDaysWithDayRow = new HashSet<>();
        truth.snapshots().keySet().stream().filter(k -> k.hour() == null)
                .forEach(k -> adDaysWithDayRow.add(k.platform() + "|" + k.adId() + "|" + k.date()));
        Map<String, BigDecimal> spend = new HashMap<>();
        Map<String, Long> clicks = new HashMap<>();
        for (Map.Entry<SnapshotKey, AdInsight> e : truth.snapshots().entrySet()) {
            SnapshotKey k = e.getKey();
            if (k.hour() != null && adDaysWithDayRow.contains(k.platform() + "|" + k.adId() + "|" + k.date())) {
                continue;
            }
            AdInsight in = e.getValue();
            String key = Ids.channelId(org, in.platform(), in.campaignId()) + "|" + in.date();
            BigDecimal eurPerUnit = in.currency().equals("EUR") ? BigDecimal.ONE
                    : in.currency().equals("USD") ? new BigDecimal("0.92")
                    : fx.rate(in.currency(), "EUR", in.date()).orElseThrow();
            spend.merge(key, in.spend().multiply(eurPerUnit).setScale(4, RoundingMode.HALF_EVEN), BigDecimal::add);
            clicks.merge(key, in.clicks(), Long::sum);
        }
        assertThat(spend).isNotEmpty();
        Map<String, BigDecimal> replaySpend = new HashMap<>();
        Map<String, Long> replayClicks = new HashMap<>();
        for (List<MetricWindow> ws : windows.channels().values()) {
            for (MetricWindow w : ws) {
                if (w.impressions() == 0 && w.spend().signum() == 0) {
                    continue; // a day of attributed orders alone
                }
                String key = w.channelId() + "|" + LocalDate.ofInstant(w.start(), ZoneOffset.UTC);
                replaySpend.put(key, w.spend());
                replayClicks.put(key, w.clicks());
            }
        }
        assertThat(replaySpend.keySet()).isEqualTo(spend.keySet());
        spend.forEach((k, v) -> assertThat(replaySpend.get(k)).as(k).isEqualByComparingTo(v));
        assertThat(replayClicks).isEqualTo(clicks);
    }

    @Test
    void attributedOrdersPerChannelDayEqualAnIndependentCount() {
        // the job's own attribution (not the simulator's ExpectedAttribution the replay uses), Berlin dates
        Map<String, Long> expected = new HashMap<>();
        for (OrderEvent o : truth.orders().values()) {
            Optional<Attribution> a = Attribution.of(o);
            if (a.isEmpty() || o.cancelledAt() != null) {
                continue;
            }
            String key = Ids.channelId(org, a.get().platform(), a.get().campaignId()) + "|"
                    + o.createdAt().atZone(DetectionReplay.ZONE).toLocalDate();
            expected.merge(key, 1L, Long::sum);
        }
        assertThat(expected).isNotEmpty();
        Map<String, Long> replay = new HashMap<>();
        for (List<MetricWindow> ws : windows.channels().values()) {
            for (MetricWindow w : ws) {
                if (w.orders() > 0) {
                    replay.put(w.channelId() + "|" + LocalDate.ofInstant(w.start(), ZoneOffset.UTC), w.orders());
                }
            }
        }
        assertThat(replay).isEqualTo(expected);
    }

    @Test
    void windowsAreDaysInOrderWithTheirHistoryCounted() {
        for (Map<String, List<MetricWindow>> level : List.of(windows.channels(), windows.creatives())) {
            for (List<MetricWindow> ws : level.values()) {
                for (int i = 0; i < ws.size(); i++) {
                    MetricWindow w = ws.get(i);
                    assertThat(w.history()).isEqualTo(i);
                    assertThat(w.grain()).isEqualTo(MetricWindow.DAY);
                    assertThat(w.end()).isEqualTo(w.start().plusSeconds(86_400));
                    if (i > 0) {
                        assertThat(w.start()).isAfter(ws.get(i - 1).start());
                    }
                }
            }
        }
        assertThat(windows.creatives().values().stream().flatMap(List::stream)
                .anyMatch(w -> w.frequency() != null && w.frequency().signum() > 0)).isTrue();
    }

    @Test
    void aReplayScoresItsOwnOrganizationsAlerts() {
        DetectionReplay.Result r = DetectionReplay.run(SEED, DAYS, NOW);
        assertThat(r.opened()).allSatisfy(a -> {
            assertThat(a.orgId()).isEqualTo(r.org());
            assertThat(a.revision()).isEqualTo(1);
        });
        assertThat(r.truth()).noneMatch(t -> DetectionReplay.NOT_REPLAYED.contains(t.kind()));
    }

    @Test
    void asJudgedLeavesOutTheDaysTheJobNeverClosesAndKeepsTheRest() {
        Instant newest = ReplayWindows.newestDelivery(history);
        ReplayWindows judged = ReplayWindows.asJudged(org, history, fx, "EUR", DetectionReplay.ZONE,
                new ReplayWindows.Closing(java.time.Duration.ofHours(8), java.time.Duration.ofDays(1),
                        java.time.Duration.ofDays(7), newest.minusSeconds(3600)));
        LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
        Set<String> finalDays = new HashSet<>();
        windows.channels().values().forEach(ws -> ws.forEach(w -> finalDays.add(w.channelId() + "|" + w.start())));
        int judgedDays = 0;
        for (List<MetricWindow> ws : judged.channels().values()) {
            for (int i = 0; i < ws.size(); i++) {
                MetricWindow w = ws.get(i);
                assertThat(finalDays).contains(w.channelId() + "|" + w.start());
                assertThat(LocalDate.ofInstant(w.start(), ZoneOffset.UTC)).isBefore(today); // today is still open
                assertThat(w.history()).isEqualTo(i);
                judgedDays++;
            }
        }
        // every channel-day with delivery that a later poll covered 8 h after its end is judged
        assertThat(judgedDays).isGreaterThan(finalDays.size() / 2);
    }

    @Test
    void seedsAreRangesAndLists() {
        assertThat(DetectionReplayBenchmark.parseSeeds("1-3,42")).containsExactly(1L, 2L, 3L, 42L);
        assertThat(DetectionReplayBenchmark.parseSeeds("7, 42")).containsExactly(7L, 42L);
        assertThatThrownBy(() -> DetectionReplayBenchmark.parseSeeds("5-1")).hasMessageContaining("backwards");
        assertThatThrownBy(() -> DetectionReplayBenchmark.parseSeeds("x")).hasMessageContaining("not a seed");
    }

    @Test
    void seedRatesCrossThroughUsd() {
        assertThat(fx.rate("USD", "EUR", LocalDate.of(2026, 1, 1))).contains(new BigDecimal("0.9200"));
        assertThat(fx.rate("GBP", "EUR", LocalDate.of(2026, 1, 1)).orElseThrow().doubleValue())
                .isCloseTo(0.92 / 0.79, offset(1e-9));
    }
}
