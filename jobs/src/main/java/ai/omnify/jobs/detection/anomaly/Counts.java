package ai.omnify.jobs.detection.anomaly;

/**
 * How surprising a count is (pure). Conversions and orders are counts: a channel that usually gets 9 a day gets 4 or 15
 * now and then by chance alone, and a relative threshold with a spread from 3-6 same-weekday points cannot tell that
 * from an incident. A Poisson tail tells how likely a count this low (or high) is when {@code expected} were the mean.
 */
public final class Counts {
    private Counts() {}

    /** P(X ≤ k) for X ~ Poisson(lambda); k is floored; 1 when lambda ≤ 0. */
    public static double lowerTail(double k, double lambda) {
        if (lambda <= 0) {
            return 1;
        }
        long n = (long) Math.floor(k);
        if (n < 0) {
            return 0;
        }
        double logTerm = -lambda; // log P(X = 0)
        double sum = Math.exp(logTerm);
        for (long i = 1; i <= n; i++) {
            logTerm += Math.log(lambda) - Math.log(i);
            sum += Math.exp(logTerm);
        }
        return Math.min(1, sum);
    }

    /**
     * P(X ≤ k) for an overdispersed count with mean {@code lambda} and variance {@code phi * lambda}: the negative
     * binomial (a Poisson count whose rate itself varies from day to day, gamma-distributed), with success probability
     * {@code 1 / phi} and size {@code lambda / (phi - 1)}; {@code phi} 1 or less is the plain Poisson tail. Sums of
     * such counts over days with the same {@code phi} are again of this form, so pooled days are judged the same way.
     * k is floored.
     */
    public static double lowerTail(double k, double lambda, double phi) {
        if (phi <= 1 + 1e-9) {
            return lowerTail(k, lambda);
        }
        if (lambda <= 0) {
            return 1;
        }
        long n = (long) Math.floor(k);
        if (n < 0) {
            return 0;
        }
        double r = lambda / (phi - 1);
        double q = 1 - 1 / phi; // the failure probability
        double logTerm = r * Math.log(1 / phi); // log P(X = 0)
        double sum = Math.exp(logTerm);
        for (long i = 0; i < n; i++) {
            logTerm += Math.log(i + r) - Math.log(i + 1) + Math.log(q);
            sum += Math.exp(logTerm);
        }
        return Math.min(1, sum);
    }

    /**
     * The significance a count must reach for the organization's sensitivity: low 0.00001, medium 0.0001, high 0.001
     * (alongside the relative threshold and the robust z, which still apply; the tail is the quasi-Poisson one with
     * the channel's {@link Dispersion}). Small because an organization's windows are many tests: 20 channels x 30 days
     * x 4 count-based kinds, each on 1-3 pooled days, are several thousand judgements a month. Chosen on the offline
     * replay of 20 simulated brands (`bench/run detection-replay`): at 0.001 a quarter of the alerts were
     * chance, at 0.0001 about one in eight; "high" keeps the more sensitive level for an organization that wants it.
     */
    public static double alpha(String sensitivity) {
        return switch (sensitivity == null ? "medium" : sensitivity) {
            case "low" -> 0.00001;
            case "high" -> 0.001;
            default -> 0.0001;
        };
    }
}
