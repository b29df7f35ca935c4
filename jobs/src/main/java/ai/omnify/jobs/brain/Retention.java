package ai.omnify.jobs.brain;

import ai.omnify.jobs.brain.memory.MemoryBuilder;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.metrics.MetricsUpdate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an organization's brain keeps (pure): day rows within the history kept, alerts until 30 days after they were
 * resolved, and the copy of ads that are live, launched within the history kept, or still have day rows.
 */
public final class Retention {
    /** How long a closed alert is kept after its day. */
    static final int ALERT_DAYS = 30;

    private Retention() {}

    /** The keys of rows older than {@code historyDays} before the latest day of {@code h}. */
    public static List<String> oldRows(Map<String, MetricsUpdate> rows, BrainHistory h, int historyDays) {
        List<String> out = new ArrayList<>();
        if (h.latest() == null) {
            return out;
        }
        LocalDate keepFrom = h.latest().minusDays(historyDays);
        rows.forEach((k, r) -> {
            if (r.date().isBefore(keepFrom)) {
                out.add(k);
            }
        });
        return out;
    }

    /** The keys of alerts no longer open whose day is more than {@link #ALERT_DAYS} before the latest day. */
    public static List<String> staleAlerts(Map<String, Alert> alerts, BrainHistory h) {
        List<String> out = new ArrayList<>();
        if (h.latest() == null) {
            return out;
        }
        alerts.forEach((k, a) -> {
            if (!"open".equals(a.status())
                    && MemoryBuilder.alertDay(a, h.latest()).isBefore(h.latest().minusDays(ALERT_DAYS))) {
                out.add(k);
            }
        });
        return out;
    }

    /**
     * The creative ids of paused or archived ads launched before the kept history with no day rows left: their copy is
     * no longer used.
     */
    public static List<String> goneAds(Map<String, AdCopy> ads, BrainHistory h, int historyDays) {
        List<String> out = new ArrayList<>();
        if (h.latest() == null) {
            return out;
        }
        LocalDate keepFrom = h.latest().minusDays(historyDays);
        ads.forEach((k, a) -> {
            if (!a.isLive() && (a.launchDate() == null || a.launchDate().isBefore(keepFrom))
                    && !h.creatives().containsKey(k)) {
                out.add(k);
            }
        });
        return out;
    }
}
