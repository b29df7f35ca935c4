package ai.omnify.jobs.detection;

/**
 * What one creative window leaves behind for judging the creative's later fatigue runs: its CTR (the usual CTR a run
 * is measured against) and its spend and conversions (the usual CPA).
 *
 * @param ctr clicks per impression, NaN without impressions
 */
public record CreativeFigures(double ctr, double spend, double conversions) {
    public static CreativeFigures of(MetricWindow w) {
        return new CreativeFigures(w.ctr(), w.spendValue(), w.conversionsValue());
    }
}
