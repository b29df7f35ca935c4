package ai.omnify.bench.freshness;

import ai.omnify.model.Ids;
import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the load generator sends, like the live simulator: one brand on Meta, Google and TikTok (USD accounts, the
 * organization reports in USD), snapshots of today (mostly), yesterday and the day before, each with a newer
 * {@code reportedAt} and grown totals than the last snapshot of the same ad-day (or ad-hour).
 *
 * <p>Probe channels are separate campaigns only probe rows touch, one probe at a time per channel-day, so the
 * channel-day's spend after a probe row is known exactly. Not thread-safe: one thread builds the requests.
 */
final class LoadShape {
    static final Platform[] PLATFORMS = {Platform.META, Platform.GOOGLE, Platform.TIKTOK};
    private static final int LOAD_CAMPAIGNS = 10;
    private static final int LOAD_ADS = 10;
    private static final int PROBE_CAMPAIGNS = 20;
    private static final int PROBE_ADS = 2;

    private final String orgId;
    private final Clock clock;
    private final LocalDate today;
    private final SplittableRandom random = new SplittableRandom(20261125L);
    private final Map<String, Snapshot> current = new HashMap<>();
    private final List<List<ProbeSlot>> slotsByPlatform = new ArrayList<>();
    private final int[] nextSlot = new int[PLATFORMS.length];

    /** A channel-day that probes measure: its ads' current spend in cents. */
    static final class ProbeSlot {
        final int platform;
        final int campaign;
        final String channelId;
        final LocalDate date;
        final long[] spendCents = new long[PROBE_ADS];
        final AtomicBoolean busy = new AtomicBoolean();
        int nextAd;

        ProbeSlot(int platform, int campaign, String channelId, LocalDate date) {
            this.platform = platform;
            this.campaign = campaign;
            this.channelId = channelId;
            this.date = date;
        }

        BigDecimal expectedSpend() {
            long sum = 0;
            for (long c : spendCents) {
                sum += c;
            }
            return BigDecimal.valueOf(sum, 2);
        }
    }

    /** A probe carried by a request: the slot and the channel-day spend that must become visible. */
    record ProbeRow(ProbeSlot slot, BigDecimal expected) {}

    /** One request: the platform, the NDJSON body, how many rows, and the probe it carries (or null). */
    record Request(Platform platform, String body, int rows, ProbeRow probe) {}

    private record Snapshot(long spendCents, long impressions, long clicks, long conversions, Instant reportedAt) {}

    LoadShape(String orgId, Clock clock) {
        this.orgId = orgId;
        this.clock = clock;
        this.today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        for (int p = 0; p < PLATFORMS.length; p++) {
            List<ProbeSlot> slots = new ArrayList<>();
            for (int c = 0; c < PROBE_CAMPAIGNS; c++) {
                String channel = Ids.channelId(orgId, PLATFORMS[p], probeCampaignId(p, c)).toString();
                for (int d = 0; d < 2; d++) {
                    slots.add(new ProbeSlot(p, c, channel, today.minusDays(d)));
                }
            }
            slotsByPlatform.add(slots);
        }
    }

    int probeSlots() {
        return slotsByPlatform.stream().mapToInt(List::size).sum();
    }

    /** Rows that give every probe channel-day its first values (sent before the load starts), per platform. */
    List<Request> seedRequests() {
        List<Request> out = new ArrayList<>();
        for (int p = 0; p < PLATFORMS.length; p++) {
            StringBuilder body = new StringBuilder();
            int rows = 0;
            for (ProbeSlot s : slotsByPlatform.get(p)) {
                for (int a = 0; a < PROBE_ADS; a++) {
                    appendProbeRow(body, s, a);
                    rows++;
                }
            }
            out.add(new Request(PLATFORMS[p], body.toString(), rows, null));
        }
        return out;
    }

    /** The next request for {@code platform}: a probe row first (when {@code probe} and a slot is free), then load rows. */
    Request next(int platform, int rows, boolean probe) {
        StringBuilder body = new StringBuilder(rows * 400);
        ProbeRow probeRow = null;
        int n = 0;
        if (probe) {
            ProbeSlot slot = freeSlot(platform);
            if (slot != null) {
                int ad = slot.nextAd;
                slot.nextAd = (ad + 1) % PROBE_ADS;
                appendProbeRow(body, slot, ad);
                probeRow = new ProbeRow(slot, slot.expectedSpend());
                n++;
            }
        }
        for (; n < rows; n++) {
            appendLoadRow(body, platform);
        }
        return new Request(PLATFORMS[platform], body.toString(), rows, probeRow);
    }

    private ProbeSlot freeSlot(int platform) {
        List<ProbeSlot> slots = slotsByPlatform.get(platform);
        for (int i = 0; i < slots.size(); i++) {
            ProbeSlot s = slots.get((nextSlot[platform] + i) % slots.size());
            if (s.busy.compareAndSet(false, true)) {
                nextSlot[platform] = (nextSlot[platform] + i + 1) % slots.size();
                return s;
            }
        }
        return null;
    }

    private void appendProbeRow(StringBuilder body, ProbeSlot s, int ad) {
        String adId = probeAdId(s.platform, s.campaign, ad);
        Snapshot snap = grow(s.platform + ":" + adId + ":" + s.date + ":d");
        s.spendCents[ad] = snap.spendCents();
        append(body, s.platform, probeCampaignId(s.platform, s.campaign), "Probe campaign " + s.campaign, adId, s.date, null, snap);
    }

    private void appendLoadRow(StringBuilder body, int p) {
        int campaign = random.nextInt(LOAD_CAMPAIGNS);
        int ad = random.nextInt(LOAD_ADS);
        int roll = random.nextInt(100);
        LocalDate date = roll < 70 ? today : roll < 90 ? today.minusDays(1) : today.minusDays(2);
        Integer hour = null;
        if (random.nextInt(100) < 25) {
            int nowHour = clock.instant().atZone(ZoneOffset.UTC).getHour();
            hour = date.equals(today) ? random.nextInt(nowHour + 1) : random.nextInt(24);
        }
        String adId = "ad-" + p + "-" + campaign + "-" + ad;
        Snapshot snap = grow(p + ":" + adId + ":" + date + ":" + (hour == null ? "d" : hour));
        append(body, p, "cmp-" + p + "-" + campaign, "Campaign " + campaign, adId, date, hour, snap);
    }

    /** A newer snapshot of the key, with grown totals and a later reportedAt. */
    private Snapshot grow(String key) {
        Snapshot old = current.get(key);
        long inc = 1 + random.nextInt(500);
        Instant now = clock.instant();
        Snapshot s;
        if (old == null) {
            s = new Snapshot(inc, inc * 3, inc / 20, 0, now);
        } else {
            Instant at = now.isAfter(old.reportedAt()) ? now : old.reportedAt().plusMillis(1);
            s = new Snapshot(old.spendCents() + inc, old.impressions() + inc * 3, old.clicks() + inc / 20,
                    old.conversions() + (random.nextInt(10) == 0 ? 1 : 0), at);
        }
        current.put(key, s);
        return s;
    }

    private void append(StringBuilder body, int p, String campaignId, String campaignName, String adId, LocalDate date,
            Integer hour, Snapshot s) {
        AdInsight in = new AdInsight(null, null, "act-" + p, campaignId, campaignName, adId, "Ad " + adId, date, hour,
                BigDecimal.valueOf(s.spendCents(), 2), s.impressions(), s.clicks(), BigDecimal.valueOf(s.conversions()),
                BigDecimal.valueOf(s.conversions() * 4500, 2), null, "USD", s.reportedAt(), "bench", null);
        body.append(Json.write(in)).append('\n');
    }

    static String probeCampaignId(int platform, int campaign) {
        return "probe-" + platform + "-" + campaign;
    }

    static String probeAdId(int platform, int campaign, int ad) {
        return "probe-ad-" + platform + "-" + campaign + "-" + ad;
    }

    String orgId() {
        return orgId;
    }
}
