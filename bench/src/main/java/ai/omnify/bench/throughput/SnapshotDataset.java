package ai.omnify.bench.throughput;

import ai.omnify.model.Ids;
import ai.omnify.model.Platform;
import ai.omnify.model.fx.FxTable;
import ai.omnify.model.insight.AdInsight;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A brand's ad-insight history as the pollers would produce it: {@code campaigns} campaigns (spread over Meta, Google
 * and TikTok; the TikTok account reports in EUR) of {@code adsPerCampaign} ads, {@code days} days up to two days ago.
 * Each ad-day is polled {@code polls} times with a growing day-to-date total (the last poll, the next morning, is a
 * restatement and the truth); about 5% of ad-days have their third poll delivered after the restatement, so the job
 * must keep the latest by {@code reportedAt}, not by arrival. The last {@code hourDays} days also have each hour's
 * snapshot. Records are produced in delivery order (by poll time), the way a live backfill arrives.
 *
 * <p>All values are a pure function of (ad, day, poll), so the expected totals are computed without keeping records.
 */
public final class SnapshotDataset {
    static final String[] CURRENCY = {"USD", "USD", "EUR"};
    static final Platform[] PLATFORMS = {Platform.META, Platform.GOOGLE, Platform.TIKTOK};
    /** Share of the final day total reported by poll k; the last is the next-morning restatement. */
    private static final double[] POLL_SHARE = {0.35, 0.70, 0.95, 1.0};
    private static final int[] POLL_HOUR = {8, 16, 23, 30};
    private static final long LATE_DELIVERY_MIN = 8 * 60;

    final String orgId;
    final int campaigns;
    final int adsPerCampaign;
    final int days;
    final int polls;
    final int hourDays;
    final LocalDate firstDay;

    public SnapshotDataset(String orgId, int campaigns, int adsPerCampaign, int days, int polls, int hourDays, LocalDate lastDay) {
        if (polls < 1 || polls > POLL_SHARE.length) {
            throw new IllegalArgumentException("polls must be 1 to " + POLL_SHARE.length);
        }
        this.orgId = orgId;
        this.campaigns = campaigns;
        this.adsPerCampaign = adsPerCampaign;
        this.days = days;
        this.polls = polls;
        this.hourDays = Math.min(hourDays, days);
        this.firstDay = lastDay.minusDays(days - 1L);
    }

    public int ads() {
        return campaigns * adsPerCampaign;
    }

    public long size() {
        return (long) ads() * days * polls + (long) ads() * hourDays * 24;
    }

    public LocalDate firstDay() {
        return firstDay;
    }

    public LocalDate lastDay() {
        return firstDay.plusDays(days - 1L);
    }

    /** Calls {@code out} with every record, in delivery order. */
    public void forEach(Consumer<AdInsight> out) {
        long[] order = deliveryOrder();
        for (long code : order) {
            int slot = (int) (code & 0x3F);
            int day = (int) ((code >>> 6) & 0x3FF);
            int ad = (int) ((code >>> 16) & 0xFFFFF);
            out.accept(slot < 8 ? daySnapshot(ad, day, slot) : hourSnapshot(ad, day, slot - 8));
        }
    }

    /** Every record as (delivery minute | ad | day | slot) in one long, sorted: slot 0-7 a day poll, 8+h hour h. */
    private long[] deliveryOrder() {
        long n = size();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many records: " + n);
        }
        long[] codes = new long[(int) n];
        int i = 0;
        for (int ad = 0; ad < ads(); ad++) {
            for (int day = 0; day < days; day++) {
                boolean lateThird = polls >= 3 && rng(ad, day, 99).nextInt(100) < 5;
                for (int k = 0; k < polls; k++) {
                    long minute = day * 1440L + pollHour(k) * 60L + (ad % 50);
                    if (lateThird && k == polls - 2) {
                        minute += LATE_DELIVERY_MIN; // arrives after the restatement: must not win
                    }
                    codes[i++] = encode(minute, ad, day, k);
                }
                if (day >= days - hourDays) {
                    for (int h = 0; h < 24; h++) {
                        codes[i++] = encode(day * 1440L + (h + 1) * 60L + 10 + (ad % 40), ad, day, 8 + h);
                    }
                }
            }
        }
        Arrays.sort(codes);
        return codes;
    }

    private static long encode(long minute, int ad, int day, int slot) {
        return (minute << 36) | ((long) ad << 16) | ((long) day << 6) | slot;
    }

    private int pollHour(int k) {
        return POLL_HOUR[POLL_HOUR.length - polls + k];
    }

    private double pollShare(int k) {
        return POLL_SHARE[POLL_SHARE.length - polls + k];
    }

    AdInsight daySnapshot(int ad, int day, int k) {
        Totals t = finalDay(ad, day).scaled(pollShare(k));
        LocalDate date = firstDay.plusDays(day);
        Instant reportedAt = date.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(pollHour(k) * 3600L + ad % 50 * 60L);
        return insight(ad, date, null, t, reportedAt);
    }

    AdInsight hourSnapshot(int ad, int day, int hour) {
        Totals t = hourTotals(ad, day, hour);
        LocalDate date = firstDay.plusDays(day);
        Instant reportedAt = date.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds((hour + 1) * 3600L + 600 + ad % 40 * 60L);
        return insight(ad, date, hour, t, reportedAt);
    }

    private AdInsight insight(int ad, LocalDate date, Integer hour, Totals t, Instant reportedAt) {
        int campaign = ad / adsPerCampaign;
        int p = campaign % 3;
        return new AdInsight(orgId, PLATFORMS[p], accountId(p), campaignId(campaign), "Campaign " + campaign,
                adId(ad), "Ad " + ad, date, hour, t.spend, t.impressions, t.clicks, t.conversions,
                t.conversionValue, t.reach, CURRENCY[p], reportedAt, "bench", null);
    }

    static String accountId(int platform) {
        return "act_10" + platform + "4455";
    }

    static String campaignId(int campaign) {
        return "23851" + String.format("%06d", campaign);
    }

    static String adId(int ad) {
        return "23852" + String.format("%07d", ad);
    }

    /** The last (restated) day total of an ad-day. */
    Totals finalDay(int ad, int day) {
        SplittableRandom r = rng(ad, day, 1);
        long spendCents = 1000 + r.nextInt(49_000);
        return Totals.of(spendCents, r);
    }

    Totals hourTotals(int ad, int day, int hour) {
        SplittableRandom r = rng(ad, day, 100 + hour);
        long spendCents = 10 + r.nextInt(2_500);
        return Totals.of(spendCents, r);
    }

    private static SplittableRandom rng(int ad, int day, int salt) {
        return new SplittableRandom(((long) ad * 1_000_003L + day) * 1_009L + salt);
    }

    /** Expected rows: channel-day and channel-hour totals in the reporting currency (USD). */
    public Expected expected(FxTable fx) {
        Map<String, long[]> dayCounts = new HashMap<>();
        Map<String, BigDecimal> daySpend = new HashMap<>();
        Map<String, BigDecimal> hourSpend = new HashMap<>();
        BigDecimal totalDay = BigDecimal.ZERO;
        BigDecimal totalHour = BigDecimal.ZERO;
        for (int ad = 0; ad < ads(); ad++) {
            int campaign = ad / adsPerCampaign;
            int p = campaign % 3;
            String channel = Ids.channelId(orgId, PLATFORMS[p], campaignId(campaign)).toString();
            for (int day = 0; day < days; day++) {
                LocalDate date = firstDay.plusDays(day);
                BigDecimal rate = fx.rate(CURRENCY[p], "USD", date).orElseThrow();
                Totals t = finalDay(ad, day).scaled(pollShare(polls - 1));
                BigDecimal spend = convert(t.spend, rate);
                String key = channel + "|" + date;
                daySpend.merge(key, spend, BigDecimal::add);
                long[] c = dayCounts.computeIfAbsent(key, k -> new long[2]);
                c[0] += t.impressions;
                c[1] += t.clicks;
                totalDay = totalDay.add(spend);
                if (day >= days - hourDays) {
                    for (int h = 0; h < 24; h++) {
                        BigDecimal hs = convert(hourTotals(ad, day, h).spend, rate);
                        hourSpend.merge(key + "|" + h, hs, BigDecimal::add);
                        totalHour = totalHour.add(hs);
                    }
                }
            }
        }
        return new Expected(daySpend, dayCounts, hourSpend, totalDay, totalHour, (long) ads() * days);
    }

    static BigDecimal convert(BigDecimal amount, BigDecimal rate) {
        return amount.multiply(rate).setScale(FxTable.AMOUNT_SCALE, RoundingMode.HALF_EVEN);
    }

    /** What daily_metrics and hourly_metrics must hold afterwards. Keys: {@code channelId|date[|hour]}. */
    public record Expected(Map<String, BigDecimal> daySpend, Map<String, long[]> dayImpressionsClicks,
            Map<String, BigDecimal> hourSpend, BigDecimal totalDaySpend, BigDecimal totalHourSpend, long creativeDays) {}

    record Totals(BigDecimal spend, long impressions, long clicks, BigDecimal conversions, BigDecimal conversionValue,
            Long reach) {
        static Totals of(long spendCents, SplittableRandom r) {
            long impressions = spendCents * (20 + r.nextInt(40)) / 10;
            long clicks = impressions * (5 + r.nextInt(25)) / 1000;
            long conv = clicks * (1 + r.nextInt(6)) / 100;
            long aovCents = 3000 + r.nextInt(9000);
            return new Totals(BigDecimal.valueOf(spendCents, 2), impressions, clicks, BigDecimal.valueOf(conv),
                    BigDecimal.valueOf(conv * aovCents, 2), impressions * 7 / 10);
        }

        Totals scaled(double share) {
            if (share >= 1.0) {
                return this;
            }
            long cents = spend.movePointRight(2).longValueExact();
            return new Totals(BigDecimal.valueOf(Math.round(cents * share), 2), Math.round(impressions * share),
                    Math.round(clicks * share), BigDecimal.valueOf(Math.round(conversions.doubleValue() * share)),
                    conversionValue.multiply(BigDecimal.valueOf(share)).setScale(2, RoundingMode.HALF_EVEN),
                    Math.round(reach * share));
        }
    }
}
