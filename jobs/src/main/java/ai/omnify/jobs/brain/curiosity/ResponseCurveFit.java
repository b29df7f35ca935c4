package ai.omnify.jobs.brain.curiosity;

/**
 * A channel's estimated daily revenue at daily spend {@code s}: {@code a * s^b}, {@code b} below 1 (diminishing
 * returns), fitted by least squares on log spend against log revenue. Where the spend hardly varied the slope is not
 * identified, so it is shrunk toward a prior elasticity, and the curve always passes through the mean day.
 */
public record ResponseCurveFit(double a, double b, double meanSpend, double meanRevenue, int days) {
    public static final double PRIOR_B = 0.6;
    public static final double MIN_B = 0.2;
    public static final double MAX_B = 0.95;

    public double revenue(double spend) {
        return spend <= 0 ? 0 : a * Math.pow(spend, b);
    }

    /** Revenue bought by the last unit of spend: the marginal ROAS at {@code spend}. */
    public double marginalRoas(double spend) {
        return spend <= 0 ? Double.POSITIVE_INFINITY : a * b * Math.pow(spend, b - 1);
    }

    /** How much the fitted slope is trusted (0..1): grows with the number of days and the spread of log spend. */
    public static double identification(int n, double varLogSpend) {
        double w = n * varLogSpend;
        return w / (w + 1.0);
    }

    /** Fits the curve to days with positive spend; null when fewer than 5 such days or no revenue. */
    public static ResponseCurveFit fit(double[] spend, double[] revenue) {
        int n = 0;
        double sx = 0;
        double sy = 0;
        double ms = 0;
        double mr = 0;
        for (int i = 0; i < spend.length; i++) {
            if (spend[i] > 0 && revenue[i] > 0) {
                sx += Math.log(spend[i]);
                sy += Math.log(revenue[i]);
                n++;
            }
            if (spend[i] > 0) {
                ms += spend[i];
                mr += revenue[i];
            }
        }
        if (n < 5 || mr <= 0) {
            return null;
        }
        double mx = sx / n;
        double my = sy / n;
        double sxx = 0;
        double sxy = 0;
        int days = 0;
        for (int i = 0; i < spend.length; i++) {
            if (spend[i] > 0 && revenue[i] > 0) {
                double dx = Math.log(spend[i]) - mx;
                sxx += dx * dx;
                sxy += dx * (Math.log(revenue[i]) - my);
            }
            if (spend[i] > 0) {
                days++;
            }
        }
        double bHat = sxx > 0 ? sxy / sxx : PRIOR_B;
        double w = identification(n, sxx / n);
        double b = Math.max(MIN_B, Math.min(MAX_B, w * bHat + (1 - w) * PRIOR_B));
        double meanSpend = ms / days;
        double meanRevenue = mr / days;
        double a = meanRevenue / Math.pow(meanSpend, b);
        return new ResponseCurveFit(a, b, meanSpend, meanRevenue, n);
    }
}
