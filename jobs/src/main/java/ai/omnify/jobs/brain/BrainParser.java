package ai.omnify.jobs.brain;

import ai.omnify.model.DeadLetter;
import ai.omnify.model.Topics;
import ai.omnify.model.Parsed;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.insight.AdEntity;
import ai.omnify.model.metrics.MetricsUpdate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Raw values of the metrics changelog, the alerts and the ad-entities topics to brain inputs. Hour rows are not the brain's business and
 * are skipped (null); anything unusable becomes a dead letter naming the problem.
 */
public final class BrainParser {
    public static final String METRICS_SOURCE = "job:brain:channel-metrics";
    public static final String ALERTS_SOURCE = "job:brain:alerts";
    public static final String AD_ENTITIES_SOURCE = "job:brain:ad-entities";

    private BrainParser() {}

    /** The input, or null for a valid row the brain does not use (hour grain). */
    public static BrainInput metrics(String value, Instant receivedAt) {
        Parsed<MetricsUpdate> parsed = Topics.CHANNEL_METRICS.read(value);
        if (!parsed.isOk()) {
            return BrainInput.rejected(DeadLetter.of(value, METRICS_SOURCE, parsed.error(), receivedAt));
        }
        MetricsUpdate m = parsed.value();
        List<String> reasons = new ArrayList<>();
        String org = checkOrg(m.orgId(), reasons);
        if (m.level() == null || !List.of(MetricsUpdate.CHANNEL, MetricsUpdate.CREATIVE, MetricsUpdate.ORG).contains(m.level())) {
            reasons.add("level must be channel, creative or org, got '" + m.level() + "'");
        }
        if (m.grain() == null || !List.of(MetricsUpdate.DAY, MetricsUpdate.HOUR).contains(m.grain())) {
            reasons.add("grain must be day or hour, got '" + m.grain() + "'");
        }
        if (m.date() == null) {
            reasons.add("date is missing");
        }
        if (MetricsUpdate.CHANNEL.equals(m.level()) && m.channelId() == null) {
            reasons.add("channelId is missing on a channel row");
        }
        if (MetricsUpdate.CREATIVE.equals(m.level()) && (m.creativeId() == null || m.channelId() == null)) {
            reasons.add("creativeId and channelId are required on a creative row");
        }
        if (m.spend() != null && m.spend().signum() < 0) {
            reasons.add("spend is negative");
        }
        if (!reasons.isEmpty()) {
            return BrainInput.rejected(new DeadLetter(value, METRICS_SOURCE, String.join("; ", reasons), receivedAt, org));
        }
        return MetricsUpdate.HOUR.equals(m.grain()) ? null : BrainInput.of(m);
    }

    public static BrainInput alert(String value, Instant receivedAt) {
        Parsed<Alert> parsed = Topics.ALERTS.read(value);
        if (!parsed.isOk()) {
            return BrainInput.rejected(DeadLetter.of(value, ALERTS_SOURCE, parsed.error(), receivedAt));
        }
        Alert a = parsed.value();
        List<String> reasons = new ArrayList<>();
        String org = checkOrg(a.orgId(), reasons);
        if (!List.of("open", "resolved", "acknowledged").contains(a.status())) {
            reasons.add("status must be open, acknowledged or resolved, got '" + a.status() + "'");
        }
        if (!reasons.isEmpty()) {
            return BrainInput.rejected(new DeadLetter(value, ALERTS_SOURCE, String.join("; ", reasons), receivedAt, org));
        }
        return BrainInput.of(a);
    }

    /** An ad's copy, or a dead letter when it has no organization, platform or ad id. */
    public static BrainInput adEntity(String value, Instant receivedAt) {
        Parsed<AdEntity> parsed = Topics.AD_ENTITIES.read(value);
        if (!parsed.isOk()) {
            return BrainInput.rejected(DeadLetter.of(value, AD_ENTITIES_SOURCE, parsed.error(), receivedAt));
        }
        AdEntity e = parsed.value();
        List<String> reasons = new ArrayList<>();
        String org = checkOrg(e.orgId(), reasons);
        if (e.platform() == null) {
            reasons.add("platform is missing");
        }
        if (e.adId() == null || e.adId().isBlank()) {
            reasons.add("adId is missing");
        }
        if (e.status() != null && !List.of("active", "paused", "archived").contains(e.status())) {
            reasons.add("status must be active, paused or archived, got '" + e.status() + "'");
        }
        if (!reasons.isEmpty()) {
            return BrainInput.rejected(new DeadLetter(value, AD_ENTITIES_SOURCE, String.join("; ", reasons), receivedAt,
                    org));
        }
        return BrainInput.of(org, AdCopy.of(e));
    }

    private static String checkOrg(String orgId, List<String> reasons) {
        if (orgId == null || orgId.isBlank()) {
            reasons.add("orgId is missing");
            return null;
        }
        try {
            if (UUID.fromString(orgId).toString().equals(orgId.toLowerCase())) {
                return orgId;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        reasons.add("orgId '" + orgId + "' is not a UUID");
        return null;
    }
}
