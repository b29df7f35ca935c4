package ai.omnify.simulator.performance;

import ai.omnify.model.Platform;
import java.time.DayOfWeek;

/** Weekly seasonality and trend of the brand's demand and of ad prices. Pure functions. */
public final class Seasonality {
    /** Gentle growth of demand: +0.15% a day. */
    public static final double TREND_PER_DAY = 0.0015;

    private Seasonality() {}

    /** Demand (conversions, hence revenue) by day of week: weekends are about +25% on weekdays. */
    public static double demand(DayOfWeek day) {
        return switch (day) {
            case MONDAY -> 0.96;
            case TUESDAY -> 0.94;
            case WEDNESDAY -> 0.96;
            case THURSDAY -> 0.98;
            case FRIDAY -> 1.04;
            case SATURDAY, SUNDAY -> 1.22;
        };
    }

    /** Cost per thousand impressions by day of week: weekend auctions differ per platform. */
    public static double cpm(Platform platform, DayOfWeek day) {
        boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
        if (!weekend) {
            return 1.0;
        }
        return switch (platform) {
            case META -> 1.08;
            case GOOGLE -> 0.95;
            default -> 0.92;
        };
    }

    /** Demand trend {@code daysSinceStart} days after the first history day. */
    public static double trend(long daysSinceStart) {
        return 1.0 + TREND_PER_DAY * daysSinceStart;
    }
}
