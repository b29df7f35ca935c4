package ai.omnify.bench.detection;

import ai.omnify.jobs.detection.DetectionSettings;
import ai.omnify.jobs.detection.DetectorSettings;
import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.model.Ids;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.alert.AlertRules;
import ai.omnify.model.fx.FxTable;
import ai.omnify.simulator.brand.Ad;
import ai.omnify.simulator.brand.BrandCatalog;
import ai.omnify.simulator.brand.Campaign;
import ai.omnify.simulator.stream.SimulationConfig;
import ai.omnify.simulator.stream.SyntheticBrand;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Detection quality offline (pure Java, no Kafka, Flink or database; seconds per seed): the simulator's brand with its
 * standard incidents, its final data turned into the day windows the MetricsJob would store ({@link ReplayWindows}),
 * judged by the DetectionJob's own detector code ({@link ReplayJudge}) and scored like the pipeline benchmark
 * ({@link DetectionScore}, truth from {@link IncidentTruth}).
 *
 * <p>Each window is judged on the data the job judges it on ({@link Data#JUDGED}: its first version reported 8 h after
 * its end, see {@link ReplayWindows#asJudged}) or on the final data ({@link Data#FINAL}). Not replayed: budget pacing
 * (it needs hour windows and the day's spend so far; its incidents are left out of the score), arrival order (a
 * window closed on a partly read poll), processing-time effects (backfill quiet periods, state TTLs).
 */
public final class DetectionReplay {
    public static final String CURRENCY = "EUR";
    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** Kinds the replay cannot judge (hour windows). */
    public static final List<String> NOT_REPLAYED = List.of(AlertKind.BUDGET_PACING.wire());

    /** Where a target is: its platform and campaign (channel) or ad (creative) id. */
    public record TargetName(String platform, String level, String externalId) {
        @Override
        public String toString() {
            return platform + " " + (level.equals("channel") ? "campaign " : "ad ") + externalId;
        }
    }

    /**
     * One seed's replay.
     *
     * @param opened each alert's first record (its opening)
     * @param names every channel's and creative's platform and external id, by target id
     */
    public record Result(long seed, String org, ReplayWindows windows, ReplayJudge judge, List<DetectionScore.Truth> truth,
            List<DetectionScore.Truth> natural, List<Alert> opened, Map<String, DetectionScore.KindScore> scores,
            Map<String, TargetName> names) {}

    private DetectionReplay() {}

    /** The organization id of a seed's replay (any UUID; fixed so runs compare). */
    public static String orgOf(long seed) {
        return UUID.nameUUIDFromBytes(("detection-replay|" + seed).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Which data a window is judged on. */
    public enum Data {
        /** as the DetectionJob judges it: its first version reported 8 h after its end; never-closed days left out */
        JUDGED,
        /** the final (restated) data, every day with data */
        FINAL;

        public static Data parse(String s) {
            return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "judged" -> JUDGED;
                case "final" -> FINAL;
                default -> throw new IllegalArgumentException("replay data '" + s + "' is neither 'judged' nor 'final'");
            };
        }
    }

    /** How long a window no report ever covered waits for the watermark (CloseWindowsFn.INCOMPLETE_WAIT_MILLIS). */
    static final Duration INCOMPLETE_WAIT = Duration.ofDays(7);

    public static Result run(long seed, int days, Instant now) {
        return run(seed, days, now, Data.JUDGED, SeedRates.table(), DetectionSettings.defaults());
    }

    public static Result run(long seed, int days, Instant now, Data data, FxTable fx, DetectionSettings job) {
        DetectorSettings settings = job.detectors();
        String org = orgOf(seed);
        SimulationConfig config = SimulationConfig.of(seed, days, now, org).withStandardIncidents();
        SyntheticBrand brand = SyntheticBrand.create(config);
        ReplayHistory history = ReplayHistory.of(brand);
        ReplayWindows windows = data == Data.FINAL ? ReplayWindows.of(org, history.truth(), fx, CURRENCY, ZONE)
                : ReplayWindows.asJudged(org, history, fx, CURRENCY, ZONE, new ReplayWindows.Closing(job.dayMaturity(),
                        job.settle(), INCOMPLETE_WAIT,
                        ReplayWindows.newestDelivery(history).minus(job.outOfOrderness())));
        ReplayJudge judge = new ReplayJudge(AlertRules.defaults(org), settings, now);
        windows.channels().values().forEach(judge::channel);
        windows.creatives().values().forEach(judge::creative);

        Map<String, Alert> first = new HashMap<>();
        for (Alert a : judge.alerts()) {
            first.merge(a.id(), a, (x, y) -> x.revision() <= y.revision() ? x : y);
        }
        List<Alert> opened = new ArrayList<>(first.values());
        opened.sort((x, y) -> x.since().compareTo(y.since()));
        List<DetectionScore.Truth> truth = IncidentTruth.injected(config.incidents().all(), brand.catalog(), org)
                .stream().filter(t -> !NOT_REPLAYED.contains(t.kind())).toList();
        List<DetectionScore.Truth> natural = IncidentTruth.natural(brand.catalog(), org, now, days);
        return new Result(seed, org, windows, judge, truth, natural, opened,
                DetectionScore.score(truth, opened, natural), names(brand.catalog(), org));
    }

    static Map<String, TargetName> names(BrandCatalog catalog, String org) {
        Map<String, TargetName> out = new HashMap<>();
        for (Campaign c : catalog.campaigns()) {
            out.put(Ids.channelId(org, c.account().platform(), c.campaignId()).toString(),
                    new TargetName(c.account().platform().wire(), "channel", c.campaignId()));
        }
        for (Ad a : catalog.ads()) {
            out.put(Ids.creativeId(org, a.campaign().account().platform(), a.adId()).toString(),
                    new TargetName(a.campaign().account().platform().wire(), "creative", a.adId()));
        }
        return out;
    }

    /** The windows of a target (channel or creative id). */
    public static List<MetricWindow> windowsOf(ReplayWindows w, String target) {
        List<MetricWindow> ws = w.channels().get(target);
        return ws != null ? ws : w.creatives().getOrDefault(target, List.of());
    }
}
