package ai.omnify.jobs.detection;

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
     * The significance a count must reach for the organization's sensitivity: low 0.0001, medium 0.001, high 0.01
     * (alongside the relative threshold and the robust z, which still apply). Small because an organization's windows
     * are many tests: 20 channels x 30 days x 4 count-based kinds are 2,400 judgements a month, and at 0.01 chance
     * alone would raise a couple of dozen alerts among them (issue 4, measured on the simulator's 90 days).
     */
    public static double alpha(String sensitivity) {
        return switch (sensitivity == null ? "medium" : sensitivity) {
            case "low" -> 0.0001;
            case "high" -> 0.01;
            default -> 0.001;
        };
    }
}
