package ai.omnify.jobs.detection;

/**
 * What the baseline remembers of one past window: the raw totals (ratios are recomputed from them).
 *
 * @param start window start, epoch millis
 * @param slot slot of the week ({@link MetricWindow#slot()})
 */
public record Point(long start, int slot, double spend, long clicks, double conversions, double revenue, long orders) {

    public static Point of(MetricWindow w) {
        return new Point(w.start().toEpochMilli(), w.slot(), w.spendValue(), w.clicks(), w.conversionsValue(),
                w.revenueValue(), w.orders());
    }

    public double cpa() {
        return spend <= 0 || conversions <= 0 ? Double.NaN : spend / conversions;
    }

    public double roas() {
        return spend <= 0 ? Double.NaN : revenue / spend;
    }
}
