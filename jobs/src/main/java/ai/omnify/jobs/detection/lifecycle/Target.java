package ai.omnify.jobs.detection.lifecycle;

import ai.omnify.jobs.detection.MetricWindow;
import java.time.Instant;

/** What an alert is about and the window that shows it. */
public record Target(String orgId, String level, String targetId, String channelId, String creativeId,
        Instant windowStart, Instant windowEnd) {

    public static Target of(MetricWindow w) {
        return new Target(w.orgId(), w.level(), w.targetId(), w.channelId(), w.creativeId(), w.start(), w.end());
    }
}
