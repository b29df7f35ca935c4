package ai.omnify.bench.detection;

import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.model.Ids;
import ai.omnify.model.fx.FxTable;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.metrics.MetricMath;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.simulator.truth.ExpectedAttribution;
import ai.omnify.simulator.truth.GroundTruth;
import ai.omnify.simulator.truth.SnapshotKey;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The day windows the DetectionJob judges, built offline (pure) from a simulated brand's data, as the MetricsJob
 * stores them (ChannelDayRollup; docs/semantics.md):
 * <ul>
 *   <li>per ad and date, its day snapshot when it has one, else the sum of its hour snapshots; amounts converted to
 *       the organization's currency per snapshot (rate of the snapshot's date, half-even to 4 decimals), conversions
 *       to 6 decimals;</li>
 *   <li>a channel-day sums its ads; orders attributed to the channel (platform and campaign known) add attributed
 *       orders (1 unless cancelled) and net revenue, on their creation date in the organization's zone; those naming
 *       an ad with data in that channel-day add to the creative too;</li>
 *   <li>a creative-day's frequency is impressions / reach of its day snapshot (none for an hours-only day, as in
 *       the MetricsJob);</li>
 *   <li>windows labelled by their date read as UTC, {@code history} = the key's earlier windows.</li>
 * </ul>
 * Two readings of the data: {@link #of} the final data (every snapshot's latest version; what the ground truth
 * holds), and {@link #asJudged} the data as the DetectionJob judged each window (its first version reported
 * {@code dayMaturity} after its end), leaving out the windows the job never closes.
 *
 * @param channels per channel id, its windows in date order
 * @param creatives per creative id, its windows in date order
 */
public record ReplayWindows(Map<String, List<MetricWindow>> channels, Map<String, List<MetricWindow>> creatives) {
    static final int CONVERSIONS_SCALE = 6;

    /** How the DetectionJob closes day windows (CloseWindowsFn with maturity rules). */
    public record Closing(Duration dayMaturity, Duration settle, Duration incompleteWait, Instant watermark) {}

    /** The windows on the final data (every snapshot's latest version), every window with data. */
    public static ReplayWindows of(String org, GroundTruth truth, FxTable fx, String currency, ZoneId zone) {
        Map<String, List<AdInsight>> byAdDay = new TreeMap<>();
        for (AdInsight in : truth.snapshots().values()) {
            byAdDay.computeIfAbsent(adDayKey(in), k -> new ArrayList<>()).add(in);
        }
        Sums sums = new Sums(org, fx, currency);
        byAdDay.values().forEach(vs -> sums.addAdDay(dayRows(vs), dayRows(vs), null, null, true));
        sums.addOrders(truth.orders().values(), zone);
        return sums.windows(t -> true);
    }

    /**
     * The windows as the DetectionJob judges them (CloseWindowsFn with maturity rules): a channel-day (or
     * creative-day) on the data sent up to the history day (slice) that brought its first snapshot version reported
     * at least {@code dayMaturity} after the window's end (the date read as UTC, as the job reads it): per snapshot
     * key its latest version by then. (The pipeline benchmark sends a history day at once and the MetricsJob
     * debounces, so the day that matures a window is in the row it is judged on; the job may close a window on a
     * partly read day, which this does not model.)
     * A window with no such version is closed by the watermark on its final data: when covered (a version reported
     * after its end) once the watermark is {@code settle} past its end, else {@code incompleteWait} past it; otherwise
     * (the last days, today's partial day) it is never judged. Orders: their final versions.
     */
    public static ReplayWindows asJudged(String org, ReplayHistory history, FxTable fx, String currency, ZoneId zone,
            Closing closing) {
        Map<String, List<AdInsight>> byAdDay = new TreeMap<>();
        history.versions().values().forEach(vs -> vs.forEach(in ->
                byAdDay.computeIfAbsent(adDayKey(in), k -> new ArrayList<>()).add(in)));
        // first mature report per channel-day and per ad-day (= creative-day)
        Map<String, Integer> channelMature = new HashMap<>();
        Map<String, Integer> adMature = new HashMap<>();
        Map<String, Boolean> channelCovered = new HashMap<>();
        Map<String, Boolean> adCovered = new HashMap<>();
        for (Map.Entry<String, List<AdInsight>> e : byAdDay.entrySet()) {
            AdInsight any = e.getValue().get(0);
            String cd = channelDayKey(org, any);
            Instant end = any.date().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            for (AdInsight in : e.getValue()) {
                if (!in.reportedAt().isBefore(end.plus(closing.dayMaturity()))) {
                    int slice = history.sliceOf().get(in);
                    channelMature.merge(cd, slice, Math::min);
                    adMature.merge(e.getKey(), slice, Math::min);
                }
                if (!in.reportedAt().isBefore(end)) {
                    channelCovered.put(cd, true);
                    adCovered.put(e.getKey(), true);
                }
            }
        }
        Sums sums = new Sums(org, fx, currency);
        for (Map.Entry<String, List<AdInsight>> e : byAdDay.entrySet()) {
            String cd = channelDayKey(org, e.getValue().get(0));
            Integer atChannel = channelMature.get(cd);
            Integer atCreative = adMature.get(e.getKey());
            sums.addAdDay(dayRows(latestBy(e.getValue(), history.sliceOf(), atChannel)),
                    dayRows(latestBy(e.getValue(), history.sliceOf(), atCreative)), atChannel, atCreative,
                    adCovered.getOrDefault(e.getKey(), false));
            sums.channelCovered(cd, channelCovered.getOrDefault(cd, false));
        }
        sums.addOrders(history.truth().orders().values(), zone);
        return sums.windows(t -> {
            if (t.matureAt != null) {
                return true;
            }
            Instant end = t.date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            Duration wait = t.covered ? closing.settle() : closing.incompleteWait();
            return !end.plus(wait).isAfter(closing.watermark());
        });
    }

    /** The newest window start with delivery (spend or impressions), its date and hour read as UTC. */
    public static Instant newestDelivery(ReplayHistory history) {
        Instant newest = Instant.EPOCH;
        for (List<AdInsight> vs : history.versions().values()) {
            for (AdInsight in : vs) {
                if (in.impressions() > 0 || in.spend().signum() > 0) {
                    Instant s = in.date().atTime(in.hour() == null ? 0 : in.hour(), 0).toInstant(ZoneOffset.UTC);
                    newest = s.isAfter(newest) ? s : newest;
                }
            }
        }
        return newest;
    }

    private static String adDayKey(AdInsight in) {
        return in.platform().wire() + "|" + in.adId() + "|" + in.date();
    }

    private static String channelDayKey(String org, AdInsight in) {
        return Ids.channelId(org, in.platform(), in.campaignId()) + "|" + in.date();
    }

    /**
     * Per snapshot key its latest version among those sent up to history day {@code slice} (null: all); equal times:
     * the later sent.
     */
    static List<AdInsight> latestBy(List<AdInsight> versions, Map<AdInsight, Integer> sliceOf, Integer slice) {
        Map<SnapshotKey, AdInsight> latest = new LinkedHashMap<>();
        for (AdInsight in : versions) {
            if (slice != null && sliceOf.get(in) > slice) {
                continue;
            }
            latest.merge(SnapshotKey.of(in), in, (old, neu) -> neu.reportedAt().isBefore(old.reportedAt()) ? old : neu);
        }
        return new ArrayList<>(latest.values());
    }

    /** An ad-day's rows that count: its day snapshot when there is one, else its hour snapshots. */
    static List<AdInsight> dayRows(List<AdInsight> snapshots) {
        for (AdInsight in : snapshots) {
            if (in.hour() == null) {
                return List.of(in);
            }
        }
        return snapshots;
    }

    /** The running sums of every channel-day and creative-day. */
    private static final class Sums {
        final String org;
        final FxTable fx;
        final String currency;
        final Map<String, Map<LocalDate, Totals>> channels = new HashMap<>();
        final Map<String, Map<LocalDate, Totals>> creatives = new HashMap<>();

        Sums(String org, FxTable fx, String currency) {
            this.org = org;
            this.fx = fx;
            this.currency = currency;
        }

        void addAdDay(List<AdInsight> channelRows, List<AdInsight> creativeRows, Integer channelMature,
                Integer creativeMature, boolean creativeCovered) {
            if (!channelRows.isEmpty()) {
                AdInsight any = channelRows.get(0);
                String channel = Ids.channelId(org, any.platform(), any.campaignId()).toString();
                Totals ch = totals(channels, channel, any.date(), channel);
                channelRows.forEach(ch::addAd);
                ch.creatives.add(Ids.creativeId(org, any.platform(), any.adId()).toString());
                ch.matureAt = channelMature;
            }
            if (!creativeRows.isEmpty()) {
                AdInsight any = creativeRows.get(0);
                String channel = Ids.channelId(org, any.platform(), any.campaignId()).toString();
                String creative = Ids.creativeId(org, any.platform(), any.adId()).toString();
                Totals cr = totals(creatives, creative, any.date(), channel);
                creativeRows.forEach(cr::addAd);
                AdInsight day = creativeRows.stream().filter(r -> r.hour() == null).findFirst().orElse(null);
                cr.reach = day == null ? null : day.reach();
                cr.matureAt = creativeMature;
                cr.covered = creativeCovered;
            }
        }

        void channelCovered(String channelDay, boolean covered) {
            int bar = channelDay.lastIndexOf('|');
            Totals t = channels.getOrDefault(channelDay.substring(0, bar), Map.of())
                    .get(LocalDate.parse(channelDay.substring(bar + 1)));
            if (t != null) {
                t.covered = t.covered || covered;
            }
        }

        void addOrders(Collection<OrderEvent> orders, ZoneId zone) {
            for (OrderEvent o : orders) {
                ExpectedAttribution a = ExpectedAttribution.of(o);
                if (a.platform() == null || a.campaignId() == null || a.campaignId().isBlank()) {
                    continue; // not a channel's order
                }
                LocalDate date = o.createdAt().atZone(zone).toLocalDate();
                BigDecimal revenue = fx.convert(o.netRevenue(), o.currency(), currency, date).orElseThrow(() ->
                        new IllegalStateException("no rate from " + o.currency() + " to " + currency));
                long counted = o.cancelledAt() == null ? 1 : 0;
                String channel = Ids.channelId(org, a.platform(), a.campaignId().trim()).toString();
                Totals ch = totals(channels, channel, date, channel);
                ch.addOrder(revenue, counted);
                if (a.adId() != null && !a.adId().isBlank()) {
                    String creative = Ids.creativeId(org, a.platform(), a.adId().trim()).toString();
                    Totals cr = creatives.getOrDefault(creative, Map.of()).get(date);
                    if (ch.creatives.contains(creative) && cr != null) {
                        cr.addOrder(revenue, counted);
                    }
                }
            }
        }

        Totals totals(Map<String, Map<LocalDate, Totals>> level, String id, LocalDate date, String channel) {
            return level.computeIfAbsent(id, k -> new TreeMap<>()).computeIfAbsent(date,
                    k -> new Totals(channel, date, fx, currency));
        }

        ReplayWindows windows(Predicate<Totals> judged) {
            return new ReplayWindows(windowsOf(channels, "channel", judged), windowsOf(creatives, "creative", judged));
        }

        Map<String, List<MetricWindow>> windowsOf(Map<String, Map<LocalDate, Totals>> level, String name,
                Predicate<Totals> judged) {
            Map<String, List<MetricWindow>> out = new TreeMap<>();
            boolean creative = "creative".equals(name);
            level.forEach((id, days) -> {
                List<MetricWindow> ws = new ArrayList<>();
                for (Totals t : days.values()) {
                    if (!judged.test(t)) {
                        continue;
                    }
                    Instant start = t.date.atStartOfDay(ZoneOffset.UTC).toInstant();
                    ws.add(new MetricWindow(org, name, id, t.channelId, creative ? id : null, MetricWindow.DAY, start,
                            start.plus(Duration.ofDays(1)), ws.size(), t.spend, t.impressions, t.clicks,
                            t.conversions, t.revenue, t.orders,
                            creative ? MetricMath.frequency(t.impressions, t.reach) : null));
                }
                if (!ws.isEmpty()) {
                    out.put(id, ws);
                }
            });
            return out;
        }
    }

    /** Exact running sums of one window. */
    private static final class Totals {
        final String channelId;
        final LocalDate date;
        final FxTable fx;
        final String currency;
        final Set<String> creatives = new LinkedHashSet<>();
        BigDecimal spend = BigDecimal.ZERO;
        long impressions;
        long clicks;
        BigDecimal conversions = BigDecimal.ZERO;
        BigDecimal revenue = BigDecimal.ZERO;
        long orders;
        Long reach;
        /** History day that sent the first version reported dayMaturity after the end; null: none (final data, or
         * never mature). */
        Integer matureAt;
        boolean covered;

        Totals(String channelId, LocalDate date, FxTable fx, String currency) {
            this.channelId = channelId;
            this.date = date;
            this.fx = fx;
            this.currency = currency;
        }

        void addAd(AdInsight in) {
            spend = spend.add(fx.convert(in.spend(), in.currency(), currency, in.date()).orElseThrow(() ->
                    new IllegalStateException("no rate from " + in.currency() + " to " + currency)));
            impressions += in.impressions();
            clicks += in.clicks();
            conversions = conversions.add((in.conversions() == null ? BigDecimal.ZERO : in.conversions())
                    .setScale(CONVERSIONS_SCALE, RoundingMode.HALF_EVEN));
        }

        void addOrder(BigDecimal r, long n) {
            revenue = revenue.add(r);
            orders += n;
        }
    }
}
