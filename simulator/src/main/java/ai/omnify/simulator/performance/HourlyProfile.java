package ai.omnify.simulator.performance;

/** How delivery and shopping spread over the hours of a day (local time): quiet at night, peak in the evening. */
public final class HourlyProfile {
    private static final double[] WEIGHTS = {
        0.35, 0.25, 0.18, 0.15, 0.15, 0.20, 0.35, 0.60, 0.80, 0.95, 1.00, 1.05,
        1.10, 1.05, 1.00, 1.00, 1.05, 1.10, 1.20, 1.35, 1.45, 1.40, 1.10, 0.70};

    private HourlyProfile() {}

    /** Relative weight of local hour {@code hour} (0-23). */
    public static double weight(int hour) {
        return WEIGHTS[hour];
    }
}
