package ai.omnify.jobs.brain;

import ai.omnify.model.alert.Alert;
import ai.omnify.model.metrics.MetricsUpdate;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An organization's day rows (channel, creative and org level) and alerts, indexed for the brain. The latest day is
 * complete when a row of it was reported after the day ended in the organization's time zone; forecasts start after
 * the latest complete day, so a replay of the same data gives the same brain.
 */
public final class BrainHistory {
    private final String orgId;
    private final OrgGoals goals;
    private final Map<String, TreeMap<LocalDate, MetricsUpdate>> channels = new LinkedHashMap<>();
    private final Map<String, TreeMap<LocalDate, MetricsUpdate>> creatives = new LinkedHashMap<>();
    private final TreeMap<LocalDate, MetricsUpdate> org = new TreeMap<>();
    private final List<Alert> alerts;
    private final Map<String, AdCopy> ads;
    private final LocalDate latest;
    private final LocalDate origin;

    public BrainHistory(String orgId, OrgGoals goals, Collection<MetricsUpdate> rows, Collection<Alert> alerts) {
        this(orgId, goals, rows, alerts, List.of());
    }

    /** @param ads the organization's ads with their copy ({@code omnify.ad-entities}), latest snapshot each */
    public BrainHistory(String orgId, OrgGoals goals, Collection<MetricsUpdate> rows, Collection<Alert> alerts,
            Collection<AdCopy> ads) {
        this.orgId = orgId;
        TreeMap<String, AdCopy> byCreative = new TreeMap<>();
        for (AdCopy a : ads) {
            byCreative.put(a.creativeId(), a);
        }
        this.ads = java.util.Collections.unmodifiableMap(byCreative);
        this.goals = goals;
        List<MetricsUpdate> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing(MetricsUpdate::date).thenComparing(MetricsUpdate::key));
        LocalDate max = null;
        for (MetricsUpdate r : sorted) {
            if (!MetricsUpdate.DAY.equals(r.grain()) || r.date() == null) {
                continue;
            }
            switch (r.level()) {
                case MetricsUpdate.CHANNEL -> channels.computeIfAbsent(r.channelId(), k -> new TreeMap<>()).put(r.date(), r);
                case MetricsUpdate.CREATIVE -> creatives.computeIfAbsent(r.creativeId(), k -> new TreeMap<>()).put(r.date(), r);
                case MetricsUpdate.ORG -> org.put(r.date(), r);
                default -> { }
            }
            if (!MetricsUpdate.CREATIVE.equals(r.level()) && (max == null || r.date().isAfter(max))) {
                max = r.date();
            }
        }
        this.latest = max;
        this.origin = max == null ? null : (isComplete(max) ? max : max.minusDays(1));
        List<Alert> a = new ArrayList<>(alerts);
        a.sort(Comparator.comparing(Alert::id));
        this.alerts = a;
    }

    /** Whether a row of the day was reported after the day ended in the organization's time zone. */
    public boolean isComplete(LocalDate day) {
        if (latest != null && day.isBefore(latest)) {
            return true;
        }
        var end = ZonedDateTime.of(day.plusDays(1).atStartOfDay(), goals.zone()).toInstant();
        for (Map<LocalDate, MetricsUpdate> m : List.<Map<LocalDate, MetricsUpdate>>of(org)) {
            MetricsUpdate r = m.get(day);
            if (r != null && r.asOf() != null && !r.asOf().isBefore(end)) {
                return true;
            }
        }
        for (TreeMap<LocalDate, MetricsUpdate> m : channels.values()) {
            MetricsUpdate r = m.get(day);
            if (r != null && r.asOf() != null && !r.asOf().isBefore(end)) {
                return true;
            }
        }
        return false;
    }

    public String orgId() {
        return orgId;
    }

    public OrgGoals goals() {
        return goals;
    }

    public Map<String, TreeMap<LocalDate, MetricsUpdate>> channels() {
        return channels;
    }

    public Map<String, TreeMap<LocalDate, MetricsUpdate>> creatives() {
        return creatives;
    }

    public TreeMap<LocalDate, MetricsUpdate> org() {
        return org;
    }

    public List<Alert> alerts() {
        return alerts;
    }

    /** The ads' copy by creative id (sorted), empty when the ad-entities topic is not read. */
    public Map<String, AdCopy> ads() {
        return ads;
    }

    /** The latest day with data (null when there is none). */
    public LocalDate latest() {
        return latest;
    }

    /** The latest complete day: forecasts start the day after. */
    public LocalDate origin() {
        return origin;
    }

    /** Daily values of a series from its first day to {@code to} inclusive, missing days as zero. */
    public static double[] daily(TreeMap<LocalDate, MetricsUpdate> rows, LocalDate to,
            java.util.function.ToDoubleFunction<MetricsUpdate> value) {
        if (rows.isEmpty() || rows.firstKey().isAfter(to)) {
            return new double[0];
        }
        LocalDate first = rows.firstKey();
        int n = (int) (to.toEpochDay() - first.toEpochDay()) + 1;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            MetricsUpdate r = rows.get(first.plusDays(i));
            y[i] = r == null ? 0 : value.applyAsDouble(r);
        }
        return y;
    }

    /** The channel's platform and name, from its newest row. */
    public MetricsUpdate channelInfo(String channelId) {
        TreeMap<LocalDate, MetricsUpdate> m = channels.get(channelId);
        return m == null || m.isEmpty() ? null : m.lastEntry().getValue();
    }
}
