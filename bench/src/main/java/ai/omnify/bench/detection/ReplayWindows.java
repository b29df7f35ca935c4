package ai.omnify.bench.detection;

import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.model.Ids;
import ai.omnify.model.fx.FxTable;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.metrics.MetricMath;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.simulator.truth.ExpectedAttribution;
import ai.omnify.simulator.truth.GroundTruth;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The day windows the DetectionJob would judge, built offline (pure) from the final data of a simulated brand, as the
 * MetricsJob stores them (ChannelDayRollup, docs/DECISIONS.md "Semantics (MetricsJob)"):
 * <ul>
 *   <li>per ad and date, its day snapshot when it has one, else the sum of its hour snapshots; amounts converted to
 *       the organization's currency per snapshot (rate of the snapshot's date, half-even to 4 decimals), conversions
 *       to 6 decimals;</li>
 *   <li>a channel-day sums its ads; orders attributed to the channel (platform and campaign known) add attributed
 *       orders (1 unless cancelled) and net revenue, on their creation date in the organization's zone; those naming
 *       an ad with data that day add to the creative too;</li>
 *   <li>a creative-day's frequency is impressions / reach of its day snapshot (none for an hours-only day, as in
 *       the MetricsJob);</li>
 *   <li>windows labelled by their date read as UTC, {@code history} = the key's earlier windows.</li>
 * </ul>
 * Unlike the job, which judges a day on its first version reported 8 h after its end, this sees the final
 * (restated) values.
 *
 * @param channels per channel id, its windows in date order
 * @param creatives per creative id, its windows in date order
 */
public record ReplayWindows(Map<String, List<MetricWindow>> channels, Map<String, List<MetricWindow>> creatives) {
    static final int CONVERSIONS_SCALE = 6;

    public static ReplayWindows of(String org, GroundTruth truth, FxTable fx, String currency, ZoneId zone) {
        // one ad's data per date: the day snapshot, else its hours
        Map<String, AdDay> adDays = new TreeMap<>();
        for (AdInsight in : truth.snapshots().values()) {
            AdDay d = adDays.computeIfAbsent(in.platform().wire() + "|" + in.adId() + "|" + in.date(), k -> new AdDay());
            if (in.hour() == null) {
                d.day = in;
            } else {
                d.hours.add(in);
            }
        }
        Map<String, Map<LocalDate, Totals>> channels = new HashMap<>();
        Map<String, Map<LocalDate, Totals>> creatives = new HashMap<>();
        for (AdDay d : adDays.values()) {
            List<AdInsight> rows = d.day != null ? List.of(d.day) : d.hours;
            AdInsight any = rows.get(0);
            String channel = Ids.channelId(org, any.platform(), any.campaignId()).toString();
            String creative = Ids.creativeId(org, any.platform(), any.adId()).toString();
            Totals ch = channels.computeIfAbsent(channel, k -> new TreeMap<>()).computeIfAbsent(any.date(),
                    k -> new Totals(channel));
            Totals cr = creatives.computeIfAbsent(creative, k -> new TreeMap<>()).computeIfAbsent(any.date(),
                    k -> new Totals(channel));
            for (AdInsight in : rows) {
                BigDecimal spend = fx.convert(in.spend(), in.currency(), currency, in.date()).orElseThrow(() ->
                        new IllegalStateException("no rate from " + in.currency() + " to " + currency));
                BigDecimal conversions = nz(in.conversions()).setScale(CONVERSIONS_SCALE, RoundingMode.HALF_EVEN);
                ch.addAd(spend, in.impressions(), in.clicks(), conversions);
                cr.addAd(spend, in.impressions(), in.clicks(), conversions);
            }
            ch.creatives.add(creative);
            cr.reach = d.day != null ? d.day.reach() : null;
        }
        for (OrderEvent o : truth.orders().values()) {
            ExpectedAttribution a = ExpectedAttribution.of(o);
            if (a.platform() == null || a.campaignId() == null || a.campaignId().isBlank()) {
                continue; // not a channel's order
            }
            LocalDate date = o.createdAt().atZone(zone).toLocalDate();
            BigDecimal revenue = fx.convert(o.netRevenue(), o.currency(), currency, date).orElseThrow(() ->
                    new IllegalStateException("no rate from " + o.currency() + " to " + currency));
            long orders = o.cancelledAt() == null ? 1 : 0;
            String channel = Ids.channelId(org, a.platform(), a.campaignId().trim()).toString();
            Totals ch = channels.computeIfAbsent(channel, k -> new TreeMap<>()).computeIfAbsent(date,
                    k -> new Totals(channel));
            ch.addOrder(revenue, orders);
            if (a.adId() != null && !a.adId().isBlank()) {
                String creative = Ids.creativeId(org, a.platform(), a.adId().trim()).toString();
                if (ch.creatives.contains(creative)) {
                    creatives.get(creative).get(date).addOrder(revenue, orders);
                }
            }
        }
        Map<String, List<MetricWindow>> channelWindows = new TreeMap<>();
        channels.forEach((id, days) -> channelWindows.put(id, windows(org, "channel", id, days)));
        Map<String, List<MetricWindow>> creativeWindows = new TreeMap<>();
        creatives.forEach((id, days) -> creativeWindows.put(id, windows(org, "creative", id, days)));
        return new ReplayWindows(channelWindows, creativeWindows);
    }

    private static List<MetricWindow> windows(String org, String level, String target, Map<LocalDate, Totals> days) {
        List<MetricWindow> out = new ArrayList<>();
        boolean creative = "creative".equals(level);
        for (Map.Entry<LocalDate, Totals> e : days.entrySet()) {
            Totals t = e.getValue();
            java.time.Instant start = e.getKey().atStartOfDay(ZoneOffset.UTC).toInstant();
            out.add(new MetricWindow(org, level, target, t.channelId, creative ? target : null, MetricWindow.DAY,
                    start, start.plus(Duration.ofDays(1)), out.size(), t.spend, t.impressions, t.clicks, t.conversions,
                    t.revenue, t.orders, creative ? MetricMath.frequency(t.impressions, t.reach) : null));
        }
        return out;
    }

    private static BigDecimal nz(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }

    private static final class AdDay {
        AdInsight day;
        final List<AdInsight> hours = new ArrayList<>();
    }

    /** Exact running sums of one window. */
    private static final class Totals {
        final String channelId;
        final Set<String> creatives = new LinkedHashSet<>();
        BigDecimal spend = BigDecimal.ZERO;
        long impressions;
        long clicks;
        BigDecimal conversions = BigDecimal.ZERO;
        BigDecimal revenue = BigDecimal.ZERO;
        long orders;
        Long reach;

        Totals(String channelId) {
            this.channelId = channelId;
        }

        void addAd(BigDecimal s, long i, long c, BigDecimal conv) {
            spend = spend.add(s);
            impressions += i;
            clicks += c;
            conversions = conversions.add(conv);
        }

        void addOrder(BigDecimal r, long n) {
            revenue = revenue.add(r);
            orders += n;
        }
    }
}
