package ai.omnify.bench.detection;

import ai.omnify.model.Ids;
import ai.omnify.simulator.brand.BrandCatalog;
import ai.omnify.simulator.brand.Campaign;
import ai.omnify.simulator.incident.Incident;
import ai.omnify.simulator.incident.NaturalFatigue;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The truth the detection benchmarks score against (pure), shared by the pipeline benchmark
 * ({@link DetectionQualityBenchmark}) and the offline replay ({@link DetectionReplay}): the injected incidents as
 * {@link DetectionScore.Truth} (consecutive days of one kind and target merged), and the simulator's own creative
 * fatigue (right when alerted, not counted in recall).
 */
public final class IncidentTruth {
    private IncidentTruth() {}

    /** Each campaign's account time zone, by campaign id. */
    public static Map<String, ZoneId> zones(BrandCatalog catalog) {
        Map<String, ZoneId> zones = new HashMap<>();
        for (Campaign c : catalog.campaigns()) {
            zones.put(c.campaignId(), c.account().zone());
        }
        return zones;
    }

    /** The injected incidents, on the creative when they name an ad, else on the channel. */
    public static List<DetectionScore.Truth> injected(List<Incident> incidents, BrandCatalog catalog, String org) {
        Map<String, ZoneId> zones = zones(catalog);
        return DetectionScore.merge(incidents.stream().map(i -> new DetectionScore.Truth(
                i.kind(), i.adId() != null ? Ids.creativeId(org, i.platform(), i.adId()).toString()
                        : Ids.channelId(org, i.platform(), i.campaignId()).toString(),
                i.start(), i.end(), zones.get(i.campaignId()))).toList());
    }

    /** The simulator's own fatigue episodes (young creatives) within the {@code days} days before {@code now}. */
    public static List<DetectionScore.Truth> natural(BrandCatalog catalog, String org, Instant now, int days) {
        LocalDate firstDay = LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(days);
        return NaturalFatigue.episodes(catalog, firstDay, days).stream().map(e -> new DetectionScore.Truth(
                "creative_fatigue", Ids.creativeId(org, e.platform(), e.adId()).toString(),
                e.first().atStartOfDay(e.zone()).toInstant(),
                e.last().plusDays(1).atStartOfDay(e.zone()).toInstant(), e.zone())).toList();
    }
}
