package ai.omnify.jobs.brain.oracle;

/** Forecast error measures. */
public final class Accuracy {
    private Accuracy() {}

    /** Mean absolute percentage error over the days whose actual is not zero (0.1 = 10%); NaN when there are none. */
    public static double mape(double[] actual, double[] forecast) {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < actual.length && i < forecast.length; i++) {
            if (actual[i] != 0) {
                sum += Math.abs(actual[i] - forecast[i]) / Math.abs(actual[i]);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Absolute percentage error of one day; NaN when the actual is zero. */
    public static double ape(double actual, double forecast) {
        return actual == 0 ? Double.NaN : Math.abs(actual - forecast) / Math.abs(actual);
    }
}
