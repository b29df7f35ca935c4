package ai.omnify.jobs.metrics;

import ai.omnify.model.Platform;
import ai.omnify.model.metrics.MetricsUpdate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A channel-day's rows from its items: the channel's day and hours, and each creative's day and hours.
 *
 * <p>Per ad, the day's values are its day snapshot when it has one, else the sum of its hour snapshots (the day row
 * is the day's truth, hour rows give its shape). Orders attributed to the channel add attributed revenue to the
 * channel's day and to the hour they were placed in; those attributed to a known ad add it to the creative too.
 */
public final class ChannelDayRollup implements DayRollup {
    private static final long serialVersionUID = 1L;
    static final String DAY_ROW = "day";

    static String hourRow(int hour) {
        return "hour|" + hour;
    }

    static String creativeDayRow(String creativeId) {
        return "cday|" + creativeId;
    }

    static String creativeHourRow(String creativeId, int hour) {
        return "chour|" + creativeId + "|" + hour;
    }

    @Override
    public Set<String> touchedRows(Contribution c) {
        if (Contribution.AD.equals(c.kind())) {
            if (c.hour() == null) {
                return Set.of(DAY_ROW, creativeDayRow(c.creativeId()));
            }
            return Set.of(DAY_ROW, hourRow(c.hour()), creativeDayRow(c.creativeId()), creativeHourRow(c.creativeId(), c.hour()));
        }
        int hour = c.hour() == null ? 0 : c.hour();
        if (c.creativeId() == null) {
            return Set.of(DAY_ROW, hourRow(hour));
        }
        return Set.of(DAY_ROW, hourRow(hour), creativeDayRow(c.creativeId()), creativeHourRow(c.creativeId(), hour));
    }

    @Override
    public Map<String, MetricsUpdate> rows(Collection<Contribution> items) {
        Map<String, Ad> ads = new LinkedHashMap<>();
        Contribution any = null;
        Contribution latestAd = null;
        java.time.Instant newest = null;
        for (Contribution c : items) {
            any = any == null ? c : any;
            newest = DayTotals.max(newest, c.version());
            if (Contribution.AD.equals(c.kind())) {
                Ad ad = ads.computeIfAbsent(c.creativeId(), k -> new Ad());
                ad.add(c);
                if (latestAd == null || c.supersedes(latestAd)) {
                    latestAd = c;
                }
            }
        }
        Map<String, MetricsUpdate> out = new HashMap<>();
        if (any == null) {
            return out;
        }
        Contribution meta = latestAd != null ? latestAd : any;
        String org = meta.orgId();
        String channel = meta.channelId();
        Platform platform = Platform.parse(meta.platform()).orElse(null);

        DayTotals day = new DayTotals();
        Map<Integer, DayTotals> hours = new TreeMap<>();
        Map<String, DayTotals> creativeDays = new HashMap<>();
        Map<String, Map<Integer, DayTotals>> creativeHours = new HashMap<>();

        for (Map.Entry<String, Ad> e : ads.entrySet()) {
            Ad ad = e.getValue();
            DayTotals cday = creativeDays.computeIfAbsent(e.getKey(), k -> new DayTotals());
            if (ad.day != null) {
                day.addAd(ad.day);
                cday.addAd(ad.day);
                cday.reach = ad.day.reach();
            }
            for (Contribution h : ad.hours.values()) {
                if (ad.day == null) {
                    day.addAd(h);
                    cday.addAd(h);
                }
                hours.computeIfAbsent(h.hour(), k -> new DayTotals()).addAd(h);
                DayTotals ch = creativeHours.computeIfAbsent(e.getKey(), k -> new TreeMap<>())
                        .computeIfAbsent(h.hour(), k -> new DayTotals());
                ch.addAd(h);
                ch.reach = h.reach();
            }
        }
        for (Contribution c : items) {
            if (!Contribution.ORDER.equals(c.kind())) {
                continue;
            }
            int hour = c.hour() == null ? 0 : c.hour();
            day.addAttributed(c);
            hours.computeIfAbsent(hour, k -> new DayTotals()).addAttributed(c);
            if (c.creativeId() != null && ads.containsKey(c.creativeId())) {
                creativeDays.get(c.creativeId()).addAttributed(c);
                creativeHours.computeIfAbsent(c.creativeId(), k -> new TreeMap<>())
                        .computeIfAbsent(hour, k -> new DayTotals()).addAttributed(c);
            }
        }

        // A row's asOf is the newest item considered for it, used or not (an ad's hour snapshots are considered even
        // when its day snapshot gives the day): so it never goes back, and a later row always supersedes an earlier one.
        day.asOf = newest;
        for (Map.Entry<String, Ad> e : ads.entrySet()) {
            DayTotals cday = creativeDays.get(e.getKey());
            cday.asOf = DayTotals.max(cday.asOf, e.getValue().newest);
        }
        String campaignId = meta.campaignId();
        String campaignName = meta.campaignName();
        out.put(DAY_ROW, day.toUpdate(org, MetricsUpdate.CHANNEL, MetricsUpdate.DAY, channel, null, platform,
                campaignId, campaignName, meta.date(), null, null));
        hours.forEach((h, t) -> out.put(hourRow(h), t.toUpdate(org, MetricsUpdate.CHANNEL, MetricsUpdate.HOUR,
                channel, null, platform, campaignId, campaignName, meta.date(), h, null)));
        for (Map.Entry<String, Ad> e : ads.entrySet()) {
            String creative = e.getKey();
            Ad ad = e.getValue();
            String source = ad.day != null ? "day" : "hours";
            out.put(creativeDayRow(creative), creativeDays.get(creative).toUpdate(org, MetricsUpdate.CREATIVE,
                    MetricsUpdate.DAY, channel, creative, platform, ad.adId, ad.adName, meta.date(), null, source));
            creativeHours.getOrDefault(creative, Map.of()).forEach((h, t) -> out.put(creativeHourRow(creative, h),
                    t.toUpdate(org, MetricsUpdate.CREATIVE, MetricsUpdate.HOUR, channel, creative, platform, ad.adId,
                            ad.adName, meta.date(), h, null)));
        }
        return out;
    }

    /** One ad's items within the day. */
    private static final class Ad {
        Contribution day;
        final Map<Integer, Contribution> hours = new TreeMap<>();
        String adId;
        String adName;
        Contribution latest;
        java.time.Instant newest;

        void add(Contribution c) {
            newest = DayTotals.max(newest, c.version());
            if (c.hour() == null) {
                day = c;
            } else {
                hours.put(c.hour(), c);
            }
            if (latest == null || c.supersedes(latest)) {
                latest = c;
                adId = c.itemId();
                adName = c.adName();
            }
        }
    }
}
