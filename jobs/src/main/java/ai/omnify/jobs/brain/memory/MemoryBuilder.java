package ai.omnify.jobs.brain.memory;

import ai.omnify.jobs.brain.BrainHistory;
import ai.omnify.jobs.brain.Num;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.brain.Memory;
import ai.omnify.model.metrics.MetricsUpdate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Memory: what happened, from the day rows and alerts of one organization. */
public final class MemoryBuilder {
    public static final int[] WINDOWS = {7, 30, 90};
    static final int CREATIVES_SHOWN = 5;
    static final int TIMELINE_SIZE = 30;

    private MemoryBuilder() {}

    public static Memory build(BrainHistory h) {
        LocalDate end = h.latest();
        if (end == null) {
            return new Memory(List.of(), List.of(), List.of(), List.of(), List.of());
        }
        List<Memory.Kpis> kpis = new ArrayList<>();
        List<Memory.RevenueViews> views = new ArrayList<>();
        for (int w : WINDOWS) {
            LocalDate from = end.minusDays(w - 1);
            Totals org = new Totals();
            Map<String, Totals> platforms = new TreeMap<>();
            Map<String, Totals> channels = new LinkedHashMap<>();
            for (var e : h.channels().entrySet()) {
                Totals t = new Totals();
                e.getValue().subMap(from, true, end, true).values().forEach(t::add);
                channels.put(e.getKey(), t);
                MetricsUpdate info = h.channelInfo(e.getKey());
                String platform = info.platform() == null ? "unknown" : info.platform().wire();
                platforms.computeIfAbsent(platform, k -> new Totals()).merge(t);
                org.merge(t);
            }
            BigDecimal store = BigDecimal.ZERO;
            boolean hasStore = false;
            for (MetricsUpdate r : h.org().subMap(from, true, end, true).values()) {
                if (r.storeRevenue() != null) {
                    store = store.add(r.storeRevenue());
                    hasStore = true;
                }
            }
            BigDecimal storeRevenue = hasStore ? store : null;
            kpis.add(kpi(w, "org", h.orgId(), null, org, org.spend, storeRevenue));
            for (var p : platforms.entrySet()) {
                kpis.add(kpi(w, "platform", p.getKey(), p.getKey(), p.getValue(), org.spend, null));
            }
            for (var c : channels.entrySet()) {
                MetricsUpdate info = h.channelInfo(c.getKey());
                kpis.add(kpi(w, "channel", c.getKey(), info.name(), c.getValue(), org.spend, null));
            }
            BigDecimal gap = org.platformRevenue.subtract(org.attributed);
            views.add(new Memory.RevenueViews(w, org.platformRevenue, storeRevenue, org.attributed, gap,
                    Num.div(gap, org.platformRevenue, 4)));
        }
        List<Memory.CreativeStanding> standings = creatives(h, end);
        List<Memory.CreativeStanding> best = standings.stream()
                .sorted(Comparator.comparing(Memory.CreativeStanding::roas).reversed()
                        .thenComparing(Memory.CreativeStanding::creativeId))
                .limit(CREATIVES_SHOWN).toList();
        List<Memory.CreativeStanding> worst = standings.stream()
                .sorted(Comparator.comparing(Memory.CreativeStanding::roas)
                        .thenComparing(Memory.CreativeStanding::creativeId))
                .limit(CREATIVES_SHOWN).toList();
        return new Memory(kpis, views, best, worst, timeline(h, end));
    }

    private static Memory.Kpis kpi(int w, String scope, String id, String name, Totals t, BigDecimal orgSpend,
            BigDecimal storeRevenue) {
        BigDecimal shopify = storeRevenue != null ? storeRevenue : t.attributed;
        return new Memory.Kpis(w, scope, id, name, t.spend, t.platformRevenue, shopify, t.conversions,
                Num.div(t.platformRevenue, t.spend, 4), Num.div(t.spend, t.conversions, 4),
                Num.div(shopify, t.spend, 4), Num.div(t.spend, orgSpend, 4));
    }

    /** Creatives with spend in the last 7 days: ROAS and CTR there, and the change against the 7 days before. */
    static List<Memory.CreativeStanding> creatives(BrainHistory h, LocalDate end) {
        List<Memory.CreativeStanding> out = new ArrayList<>();
        LocalDate from = end.minusDays(6);
        for (var e : h.creatives().entrySet()) {
            Totals now = new Totals();
            Totals before = new Totals();
            e.getValue().subMap(from, true, end, true).values().forEach(now::add);
            e.getValue().subMap(from.minusDays(7), true, from, false).values().forEach(before::add);
            if (now.spend.signum() <= 0) {
                continue;
            }
            MetricsUpdate last = e.getValue().lastEntry().getValue();
            BigDecimal roas = Num.div(now.platformRevenue, now.spend, 4);
            BigDecimal roasBefore = Num.div(before.platformRevenue, before.spend, 4);
            BigDecimal change = roasBefore == null || roasBefore.signum() == 0 ? null
                    : roas.subtract(roasBefore).divide(roasBefore, 4, RoundingMode.HALF_EVEN);
            String trend = change == null ? "new"
                    : change.doubleValue() > 0.1 ? "rising" : change.doubleValue() < -0.1 ? "falling" : "stable";
            BigDecimal ctr = now.impressions == 0 ? null
                    : BigDecimal.valueOf(now.clicks).divide(BigDecimal.valueOf(now.impressions), 6, RoundingMode.HALF_EVEN);
            out.add(new Memory.CreativeStanding(e.getKey(), last.channelId(), last.name(), now.spend,
                    now.platformRevenue, roas, ctr, change, trend));
        }
        return out;
    }

    /** Alerts, creative launches and channel budget changes (3-day spend 30% off the week before), newest first. */
    static List<Memory.TimelineEvent> timeline(BrainHistory h, LocalDate end) {
        List<Memory.TimelineEvent> events = new ArrayList<>();
        LocalDate from = end.minusDays(29);
        for (Alert a : h.alerts()) {
            LocalDate day = alertDay(a, end);
            String text = a.explanation() != null ? a.explanation()
                    : a.kind().replace('_', ' ') + " (" + a.severity() + ")";
            events.add(new Memory.TimelineEvent(day, "alert", a.channelId(), a.creativeId(), a.id(), text));
        }
        for (var e : h.creatives().entrySet()) {
            LocalDate launch = e.getValue().firstKey();
            if (!launch.isBefore(from) && launch.isAfter(h.org().isEmpty() ? LocalDate.MIN : firstDay(h))) {
                MetricsUpdate r = e.getValue().firstEntry().getValue();
                events.add(new Memory.TimelineEvent(launch, "launch", r.channelId(), e.getKey(), null,
                        "Creative '" + r.name() + "' launched"));
            }
        }
        for (var e : h.channels().entrySet()) {
            TreeMap<LocalDate, MetricsUpdate> rows = e.getValue();
            MetricsUpdate info = h.channelInfo(e.getKey());
            for (LocalDate d = from; !d.isAfter(end); d = d.plusDays(1)) {
                double recent = avgSpend(rows, d.minusDays(2), d);
                double before = avgSpend(rows, d.minusDays(9), d.minusDays(3));
                double prevRecent = avgSpend(rows, d.minusDays(3), d.minusDays(1));
                double prevBefore = avgSpend(rows, d.minusDays(10), d.minusDays(4));
                if (changed(recent, before) && !changed(prevRecent, prevBefore)) {
                    String dir = recent > before ? "raised" : "cut";
                    events.add(new Memory.TimelineEvent(d, "budget_change", e.getKey(), null, null,
                            "Spend on '" + info.name() + "' " + dir + ": " + Num.money(recent) + " a day against "
                                    + Num.money(before) + " the week before"));
                }
            }
        }
        events.sort(Comparator.comparing(Memory.TimelineEvent::date).reversed()
                .thenComparing(Memory.TimelineEvent::kind)
                .thenComparing(ev -> ev.text() == null ? "" : ev.text()));
        return events.size() > TIMELINE_SIZE ? List.copyOf(events.subList(0, TIMELINE_SIZE)) : events;
    }

    public static LocalDate alertDay(Alert a, LocalDate fallback) {
        java.time.Instant at = a.since() != null ? a.since() : a.windowStart() != null ? a.windowStart() : a.detectedAt();
        return at == null ? fallback : LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private static LocalDate firstDay(BrainHistory h) {
        LocalDate first = h.org().isEmpty() ? LocalDate.MAX : h.org().firstKey();
        for (var m : h.channels().values()) {
            if (m.firstKey().isBefore(first)) {
                first = m.firstKey();
            }
        }
        return first;
    }

    private static boolean changed(double recent, double before) {
        return before > 0 && Math.abs(recent - before) / before > 0.3;
    }

    private static double avgSpend(TreeMap<LocalDate, MetricsUpdate> rows, LocalDate from, LocalDate to) {
        double sum = 0;
        for (MetricsUpdate r : rows.subMap(from, true, to, true).values()) {
            sum += Num.d(r.spend());
        }
        return sum / (to.toEpochDay() - from.toEpochDay() + 1);
    }

    /** Sums of one scope. */
    static final class Totals {
        BigDecimal spend = BigDecimal.ZERO;
        BigDecimal platformRevenue = BigDecimal.ZERO;
        BigDecimal attributed = BigDecimal.ZERO;
        BigDecimal conversions = BigDecimal.ZERO;
        long impressions;
        long clicks;

        void add(MetricsUpdate r) {
            spend = spend.add(nz(r.spend()));
            platformRevenue = platformRevenue.add(nz(r.conversionValue()));
            attributed = attributed.add(nz(r.attributedRevenue()));
            conversions = conversions.add(nz(r.conversions()));
            impressions += r.impressions();
            clicks += r.clicks();
        }

        void merge(Totals t) {
            spend = spend.add(t.spend);
            platformRevenue = platformRevenue.add(t.platformRevenue);
            attributed = attributed.add(t.attributed);
            conversions = conversions.add(t.conversions);
            impressions += t.impressions;
            clicks += t.clicks;
        }

        private static BigDecimal nz(BigDecimal v) {
            return v == null ? BigDecimal.ZERO : v;
        }
    }
}
