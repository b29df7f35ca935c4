package ai.omnify.jobs.detection;

import ai.omnify.model.DeadLetter;
import ai.omnify.model.Topics;
import ai.omnify.model.Parsed;
import ai.omnify.model.metrics.MetricsUpdate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Turns a {@code omnify.channel-metrics} value into a row the detectors can use, or a dead letter with the reason. */
public final class MetricsRowParser {
    public static final String SOURCE = "job:detection:channel-metrics";

    private MetricsRowParser() {}

    public static MetricsEnvelope parse(String value, Instant receivedAt) {
        Parsed<MetricsUpdate> parsed = Topics.CHANNEL_METRICS.read(value);
        if (!parsed.isOk()) {
            return MetricsEnvelope.rejected(DeadLetter.of(value, SOURCE, parsed.error(), receivedAt));
        }
        MetricsUpdate u = parsed.value();
        List<String> reasons = problems(u);
        if (!reasons.isEmpty()) {
            return MetricsEnvelope.rejected(new DeadLetter(value, SOURCE, String.join("; ", reasons), receivedAt,
                    uuidOrNull(u.orgId())));
        }
        return MetricsEnvelope.ok(u);
    }

    static List<String> problems(MetricsUpdate u) {
        List<String> out = new ArrayList<>();
        if (uuidOrNull(u.orgId()) == null) {
            out.add("orgId missing or not a UUID: '" + u.orgId() + "'");
        }
        if (!List.of(MetricsUpdate.CHANNEL, MetricsUpdate.CREATIVE, MetricsUpdate.ORG).contains(u.level())) {
            out.add("level must be channel, creative or org, was '" + u.level() + "'");
        }
        if (!MetricsUpdate.DAY.equals(u.grain()) && !MetricsUpdate.HOUR.equals(u.grain())) {
            out.add("grain must be day or hour, was '" + u.grain() + "'");
        }
        if (u.date() == null) {
            out.add("date is missing");
        }
        if (MetricsUpdate.HOUR.equals(u.grain()) && (u.hour() == null || u.hour() < 0 || u.hour() > 23)) {
            out.add("an hour row needs hour 0..23, was " + u.hour());
        }
        if (MetricsUpdate.CHANNEL.equals(u.level()) && uuidOrNull(u.channelId()) == null) {
            out.add("a channel row needs channelId (a UUID), was '" + u.channelId() + "'");
        }
        if (MetricsUpdate.CREATIVE.equals(u.level()) && uuidOrNull(u.creativeId()) == null) {
            out.add("a creative row needs creativeId (a UUID), was '" + u.creativeId() + "'");
        }
        if (u.spend() == null || u.spend().signum() < 0) {
            out.add("spend missing or negative: " + u.spend());
        }
        if (u.impressions() < 0 || u.clicks() < 0 || u.attributedOrders() < 0
                || (u.conversions() != null && u.conversions().signum() < 0)) {
            out.add("counts must not be negative");
        }
        return out;
    }

    /**
     * Whether a row moves the event-time clock: only rows with ad delivery (impressions or spend) do. Rows made of
     * attributed orders alone can run days ahead of the ad data (the MetricsJob reads the two topics at their own
     * pace during a replay) and would close windows before their ad data arrived.
     */
    public static boolean movesTime(MetricsEnvelope e) {
        if (!e.isOk()) {
            return false;
        }
        MetricsUpdate u = e.update();
        return u.impressions() > 0 || (u.spend() != null && u.spend().signum() > 0);
    }

    /** Start of the row's window: its date (and hour) read as UTC. */
    public static long windowStart(MetricsUpdate u) {
        int hour = u.hour() == null ? 0 : u.hour();
        return u.date().atTime(hour, 0).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    public static long windowEnd(MetricsUpdate u) {
        return windowStart(u) + (MetricsUpdate.HOUR.equals(u.grain()) ? 3_600_000L : 86_400_000L);
    }

    /** Baseline key of a row: {@code org|level|target|grain}. */
    public static String key(MetricsUpdate u) {
        String target = MetricsUpdate.CREATIVE.equals(u.level()) ? u.creativeId() : u.channelId();
        return u.orgId() + "|" + u.level() + "|" + target + "|" + u.grain();
    }

    private static String uuidOrNull(String s) {
        if (s == null) {
            return null;
        }
        try {
            UUID.fromString(s);
            return s;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
