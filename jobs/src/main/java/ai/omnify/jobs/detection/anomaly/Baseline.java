package ai.omnify.jobs.detection.anomaly;

import ai.omnify.jobs.detection.Point;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Robust statistics of one metric over the same slot of the last weeks: median and MAD (median absolute deviation),
 * so that one past incident does not move the baseline. Weekly seasonality comes from comparing like with like
 * (Mondays with Mondays, Monday 9:00 with Monday 9:00).
 *
 * @param median the expected value
 * @param mad the median absolute deviation
 * @param n how many past windows it is made of (0: no baseline)
 */
public record Baseline(double median, double mad, int n) {
    /** MAD to standard deviation for normal data. */
    public static final double MAD_SCALE = 1.4826;
    /** The spread is never taken as less than this share of the median (a flat history would make any move huge). */
    public static final double MIN_RELATIVE_SPREAD = 0.05;

    public static final Baseline NONE = new Baseline(Double.NaN, Double.NaN, 0);

    /** Of the finite values of {@code metric} over the points; {@link #NONE} when there is none. */
    public static Baseline of(List<Point> points, ToDoubleFunction<Point> metric) {
        return of(points.stream().mapToDouble(metric).toArray());
    }

    /** Of the finite values. */
    public static Baseline of(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
        if (v.length == 0) {
            return NONE;
        }
        double med = median(v);
        double[] dev = Arrays.stream(v).map(x -> Math.abs(x - med)).toArray();
        return new Baseline(med, median(dev), v.length);
    }

    /** Robust z: how many (scaled) MADs {@code x} is from the median, with a floor on the spread. */
    public double z(double x) {
        double spread = Math.max(MAD_SCALE * mad, Math.max(MIN_RELATIVE_SPREAD * Math.abs(median), 1e-9));
        return (x - median) / spread;
    }

    /** The spread behind {@link #z} as a share of the median (a day's usual relative wobble). */
    public double relativeSpread() {
        double spread = Math.max(MAD_SCALE * mad, Math.max(MIN_RELATIVE_SPREAD * Math.abs(median), 1e-9));
        return median == 0 ? Double.POSITIVE_INFINITY : spread / Math.abs(median);
    }

    /** Relative change of {@code x} from the median ({@code 0.8} = 80% above; {@code -0.5} = half). */
    public double relative(double x) {
        return median == 0 ? (x == 0 ? 0 : Double.POSITIVE_INFINITY) : (x - median) / Math.abs(median);
    }

    public boolean isReady(int minPoints) {
        return n >= minPoints;
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int m = s.length / 2;
        return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
    }
}
