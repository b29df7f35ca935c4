package ai.omnify.simulator.performance;

/** Splitting a whole amount into whole parts by weight, exactly (largest remainder). */
public final class Allocation {
    private Allocation() {}

    /**
     * Parts proportional to {@code weights} that sum to exactly {@code total}. A part never exceeds
     * {@code ceil(total * w / sum)}, and parts of zero (or negative) weight stay zero (unless no weight is positive and
     * finite, when the first part takes everything).
     */
    public static long[] split(long total, double[] weights) {
        int n = weights.length;
        long[] parts = new long[n];
        if (n == 0 || total == 0) {
            return parts;
        }
        double max = 0;
        for (double w : weights) {
            max = Math.max(max, w);
        }
        if (!(max > 0) || Double.isInfinite(max)) {
            parts[0] = total;
            return parts;
        }
        double sum = 0;
        for (double w : weights) {
            sum += Math.max(0, w) / max;
        }
        double[] remainders = new double[n];
        long allocated = 0;
        for (int i = 0; i < n; i++) {
            double exact = total * (Math.max(0, weights[i]) / max / sum);
            parts[i] = (long) Math.floor(exact);
            remainders[i] = exact - parts[i];
            allocated += parts[i];
        }
        long left = total - allocated;
        while (left > 0) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (weights[i] > 0 && (best < 0 || remainders[i] > remainders[best])) {
                    best = i;
                }
            }
            parts[best]++;
            remainders[best] = -1;
            left--;
        }
        return parts;
    }

    public static double[] asWeights(long[] values) {
        double[] w = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            w[i] = values[i];
        }
        return w;
    }

    /**
     * Moves whatever exceeds {@code caps} in a part to parts with room, so no part exceeds its cap; the sum is kept
     * (the caller ensures the sum of caps is large enough). Returns {@code parts}, changed in place.
     */
    public static long[] capTo(long[] parts, long[] caps) {
        long excess = 0;
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] > caps[i]) {
                excess += parts[i] - caps[i];
                parts[i] = caps[i];
            }
        }
        for (int i = 0; i < parts.length && excess > 0; i++) {
            long room = Math.min(excess, caps[i] - parts[i]);
            parts[i] += room;
            excess -= room;
        }
        return parts;
    }
}
