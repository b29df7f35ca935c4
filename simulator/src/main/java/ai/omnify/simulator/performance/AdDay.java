package ai.omnify.simulator.performance;

import ai.omnify.simulator.brand.Ad;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * The true performance of one ad on one day (in the account's time zone), hour slot by hour slot. A day has 23 to 25
 * slots (daylight saving); two slots share a local hour on the day clocks go back. Immutable.
 */
public final class AdDay {
    static final long HOUR_MILLIS = 3_600_000L;

    private final Ad ad;
    private final LocalDate date;
    private final long[] slotStartMillis;
    private final int[] slotHour;
    private final long[] spend;
    private final long[] impressions;
    private final long[] clicks;
    private final double frequency;
    private final List<Conversion> conversions;

    AdDay(Ad ad, LocalDate date, long[] slotStartMillis, int[] slotHour, long[] spend, long[] impressions,
            long[] clicks, double frequency, List<Conversion> conversions) {
        this.ad = ad;
        this.date = date;
        this.slotStartMillis = slotStartMillis;
        this.slotHour = slotHour;
        this.spend = spend;
        this.impressions = impressions;
        this.clicks = clicks;
        this.frequency = frequency;
        this.conversions = List.copyOf(conversions);
    }

    static AdDay empty(Ad ad, LocalDate date, long[] slotStartMillis, int[] slotHour) {
        int n = slotStartMillis.length;
        return new AdDay(ad, date, slotStartMillis, slotHour, new long[n], new long[n], new long[n], 1.0, List.of());
    }

    public Ad ad() {
        return ad;
    }

    public LocalDate date() {
        return date;
    }

    /** Average impressions per person reached, for reach = impressions / frequency. */
    public double frequency() {
        return frequency;
    }

    public List<Conversion> conversions() {
        return conversions;
    }

    public int slots() {
        return slotStartMillis.length;
    }

    public Instant slotStart(int slot) {
        return Instant.ofEpochMilli(slotStartMillis[slot]);
    }

    public int slotHour(int slot) {
        return slotHour[slot];
    }

    /** True totals of the whole day, everything reported. */
    public Totals total() {
        return asOf(Long.MAX_VALUE, null);
    }

    /** True totals of one local hour (both slots of it on the day clocks go back), everything reported. */
    public Totals totalOfHour(int hour) {
        return asOf(Long.MAX_VALUE, hour);
    }

    /**
     * What the platform knows at {@code at}: delivery of the hours elapsed (the current hour pro rata) and the
     * conversions reported by then.
     *
     * @param hour a local hour (0-23) for that hour's totals, or null for the day's
     */
    public Totals asOf(Instant at, Integer hour) {
        return asOf(at.toEpochMilli(), hour);
    }

    private Totals asOf(long at, Integer hour) {
        long s = 0;
        long imp = 0;
        long clk = 0;
        for (int i = 0; i < slotStartMillis.length; i++) {
            if (hour != null && slotHour[i] != hour) {
                continue;
            }
            long start = slotStartMillis[i];
            if (at >= start + HOUR_MILLIS) {
                s += spend[i];
                imp += impressions[i];
                clk += clicks[i];
            } else if (at > start) {
                double f = (at - start) / (double) HOUR_MILLIS;
                s += (long) Math.floor(spend[i] * f);
                imp += (long) Math.floor(impressions[i] * f);
                clk += (long) Math.floor(clicks[i] * f);
            }
        }
        long conv = 0;
        long value = 0;
        for (Conversion c : conversions) {
            if (c.reportedAtMillis() <= at && (hour == null || slotHour[c.slot()] == hour)) {
                conv += c.creditHundredths();
                value += c.valueCents();
            }
        }
        return new Totals(s, imp, clk, conv, value);
    }

    /** Local hours that have a slot on this day, ascending (hour 2 is missing on the day clocks go forward). */
    public int[] hours() {
        return Arrays.stream(slotHour).distinct().sorted().toArray();
    }
}
