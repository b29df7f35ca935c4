package ai.omnify.jobs.detection;

import ai.omnify.jobs.detection.fatigue.FatigueRules;
import ai.omnify.jobs.detection.fatigue.FatigueSignal;
import ai.omnify.model.Platform;
import ai.omnify.model.metrics.MetricsUpdate;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Inputs of the detection operators in two phases, self-contained: the state-restore tests snapshot an operator after
 * phase one (the snapshots in {@code state-snapshots/} were written so by the operators of the previous package
 * layout), restore it and feed phase two, and compare with one operator fed both phases.
 */
public final class StateScenarios {
    public static final String ORG = "6f1c1f52-7a4e-4a32-9d1c-0c5a1e2b3c4d";
    public static final String CHANNEL = "1b2c3d4e-5f60-4718-9a2b-3c4d5e6f7081";
    public static final String CREATIVE = "2c3d4e5f-6071-4829-8b3c-4d5e6f708192";
    /** A Monday. */
    public static final LocalDate FIRST = LocalDate.of(2026, 6, 1);
    /** The channel's spend spike (day 30) that phase one leaves open. */
    public static final int SPIKE_DAY = 30;

    private StateScenarios() {}

    public static Instant start(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public static BigDecimal bd(double x) {
        return BigDecimal.valueOf(Math.round(x * 100) / 100.0);
    }

    /** A channel day: weekends 40% more, a small wobble; spend times {@code spendF}. */
    public static MetricWindow channelDay(int day, double spendF) {
        LocalDate d = FIRST.plusDays(day);
        double f = d.getDayOfWeek().getValue() >= 6 ? 1.4 : 1.0;
        double jitter = 1 + 0.03 * Math.sin(d.toEpochDay());
        long orders = Math.round(30 * f * jitter);
        Instant s = start(d);
        return new MetricWindow(ORG, "channel", CHANNEL, CHANNEL, null, "day", s, s.plusSeconds(86_400), day,
                bd(1000 * f * spendF * jitter), Math.round(20_000 * f * spendF), Math.round(400 * f * spendF),
                bd(Math.round(40 * f * jitter)), bd(orders * 100.0), orders, null);
    }

    public static MetricWindow channelHour(int day, int hour, double spend) {
        Instant s = start(FIRST.plusDays(day)).plusSeconds(3600L * hour);
        return new MetricWindow(ORG, "channel", CHANNEL, CHANNEL, null, "hour", s, s.plusSeconds(3600), 0, bd(spend),
                1000, 20, bd(2), bd(200), 1, null);
    }

    /** Phase one of the channel: 30 usual days, the spike day, and two hours of the next day. */
    public static List<MetricWindow> channelPhaseOne() {
        List<MetricWindow> out = new ArrayList<>();
        for (int i = 0; i < SPIKE_DAY; i++) {
            out.add(channelDay(i, 1));
        }
        out.add(channelDay(SPIKE_DAY, 3));
        out.add(channelHour(SPIKE_DAY + 1, 0, 40));
        out.add(channelHour(SPIKE_DAY + 1, 1, 45));
        return out;
    }

    /** Phase two: a third hour, then usual days that resolve the spike. */
    public static List<MetricWindow> channelPhaseTwo() {
        List<MetricWindow> out = new ArrayList<>();
        out.add(channelHour(SPIKE_DAY + 1, 2, 50));
        for (int i = SPIKE_DAY + 1; i < SPIKE_DAY + 5; i++) {
            out.add(channelDay(i, 1));
        }
        return out;
    }

    /** A creative day with the given CTR (per mille), frequency and conversions. */
    public static MetricWindow creativeDay(int day, double ctrPerMille, double frequency, double conv) {
        Instant s = start(FIRST.plusDays(day));
        long imps = 10_000;
        return new MetricWindow(ORG, "creative", CREATIVE, CHANNEL, CREATIVE, "day", s, s.plusSeconds(86_400), day,
                bd(100), imps, Math.round(imps * ctrPerMille / 1000), bd(conv), bd(conv * 50), Math.round(conv),
                bd(frequency));
    }

    /** 14 usual days, then 4 of falling CTR and rising frequency, then 4 usual again. */
    public static List<MetricWindow> creativeDays() {
        List<MetricWindow> out = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            out.add(creativeDay(i, i % 2 == 0 ? 20 : 21, 2.0, 10));
        }
        double[] ctr = {16, 12, 9, 6};
        for (int i = 0; i < ctr.length; i++) {
            out.add(creativeDay(14 + i, ctr[i], 2.2 + 0.2 * i, 8 - 2 * i));
        }
        for (int i = 18; i < 22; i++) {
            out.add(creativeDay(i, 20, 2.0, 10));
        }
        return out;
    }

    /** The fatigue run of days 13-16. */
    public static FatigueMatch fatigueMatch() {
        return FatigueRules.match(creativeDays().subList(13, 17));
    }

    /** Phase one of the creative: its match first (it waits for its windows), then days 0-14. */
    public static List<FatigueSignal> creativePhaseOne() {
        List<FatigueSignal> out = new ArrayList<>();
        out.add(FatigueSignal.of(fatigueMatch()));
        creativeDays().subList(0, 15).forEach(w -> out.add(FatigueSignal.of(w)));
        return out;
    }

    /** Phase two: days 15-21 (the match is judged on day 16, usual days resolve it). */
    public static List<FatigueSignal> creativePhaseTwo() {
        List<FatigueSignal> out = new ArrayList<>();
        creativeDays().subList(15, 22).forEach(w -> out.add(FatigueSignal.of(w)));
        return out;
    }

    /** A changelog row of the channel's day, every figure times {@code f}. */
    public static MetricsUpdate changelogDay(int day, double f, Instant asOf, Instant reportedAt) {
        MetricWindow w = channelDay(day, f);
        LocalDate d = FIRST.plusDays(day);
        return new MetricsUpdate(ORG, MetricsUpdate.CHANNEL, MetricsUpdate.DAY, CHANNEL, null, Platform.META, "c1",
                "Campaign", d, null, w.spend(), w.impressions(), w.clicks(), w.conversions(), w.revenue(),
                w.revenue(), w.orders(), null, null, null, null, null, null, null, null, null, null, null, reportedAt,
                "EUR", asOf);
    }

    /** Day 90, when the backfill of the channel is read. */
    public static final Instant BACKFILL_AT = start(FIRST.plusDays(90));

    /**
     * Phase one of closing windows (processing time 1,000 ms): a closed live day 0, an intraday poll of day 1, and a
     * backfill's days 2-4 waiting for the key to be quiet; its organization had past-day activity at 1,000 ms.
     */
    public static List<MetricsUpdate> changelogPhaseOne() {
        Instant d1End = start(FIRST.plusDays(1));
        List<MetricsUpdate> out = new ArrayList<>();
        out.add(changelogDay(0, 0.5, d1End.minusSeconds(3600), d1End.minusSeconds(3600)));
        out.add(changelogDay(0, 1, d1End.plusSeconds(9 * 3600), d1End.plusSeconds(9 * 3600)));
        Instant d2End = start(FIRST.plusDays(2));
        out.add(changelogDay(1, 0.6, d2End.minusSeconds(7200), d2End.minusSeconds(7200)));
        for (int day = 2; day < 5; day++) {
            out.add(changelogDay(day, 0.5, BACKFILL_AT.plusMillis(day), BACKFILL_AT.plusMillis(day)));
        }
        return out;
    }
}
