package ai.omnify.jobs.brain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Doubles of the brain's estimates to decimals of the state (money to cents, ratios to 4 places). */
public final class Num {
    private Num() {}

    public static BigDecimal money(double v) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_EVEN) : null;
    }

    public static BigDecimal ratio(double v) {
        return Double.isFinite(v) ? BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_EVEN) : null;
    }

    public static double d(BigDecimal v) {
        return v == null ? 0 : v.doubleValue();
    }

    public static BigDecimal div(BigDecimal a, BigDecimal b, int scale) {
        return b == null || b.signum() == 0 || a == null ? null : a.divide(b, scale, RoundingMode.HALF_EVEN);
    }
}
