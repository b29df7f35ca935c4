package ai.omnify.jobs.detection.anomaly;

import ai.omnify.jobs.detection.Point;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The usual value of a metric on one slot of the week (pure): the level over every slot of the span times the slot's
 * weekly factor, shrunk towards 1 by how much of the factors' spread is real rather than chance.
 *
 * <p>Why not the slot's own median: a day window has 6 same-weekday days in a
 * 6-week span, and at 10-20 conversions a day their median is off by about 15%, more than most weekdays differ from
 * one another. A Tuesday whose six earlier Tuesdays happened to be low made a fall look small; one whose Tuesdays were
 * high made chance look like a fall. The level over all 42 days is about three times as exact; the weekday factors are
 * estimated as the slots' medians over the level, and shrunk by the method of moments: their mean squared distance
 * from 1 is the real weekly shape plus the chance error of a median of n values ({@code pi / 2 * w^2 / n} at a
 * within-slot relative spread {@code w}), and only the part beyond chance is kept. A strong weekly shape (weekends
 * twice the weekdays) stays; a flat week with noisy weekdays becomes flat.
 *
 * <p>The spread is the robust spread (MAD) of every window of the span relative to the level, scaled to the usual
 * value: 42 days give a steadier measure than 6. It includes the weekly shape, so it is a little wider than a day's
 * spread around its own slot's usual value; that also covers the usual value's own error. Measured on the replay, the
 * spread around each slot's usual value instead let through chance falls as conversion drops (precision 0.94 -> 0.79
 * on seeds 21-40) and found no more incidents.
 *
 * <p>A span of one slot only (the hour windows keep the same hour of the week, {@link ChannelEvidence#span}) is the slot's
 * own median and MAD, as before.
 */
final class Usual {
    private Usual() {}

    /**
     * The baseline of {@code metric} on {@code slot} from {@code span}: its median is the usual value, its MAD the
     * spread at that value, its size the slot's own windows (the warm-up counts like slots, as before).
     */
    static Baseline of(int slot, List<Point> span, ToDoubleFunction<Point> metric) {
        Map<Integer, List<Double>> bySlot = new HashMap<>();
        for (Point p : span) {
            double x = metric.applyAsDouble(p);
            if (Double.isFinite(x)) {
                bySlot.computeIfAbsent(p.slot(), k -> new ArrayList<>()).add(x);
            }
        }
        Baseline own = Baseline.of(values(bySlot.getOrDefault(slot, List.of())));
        if (own.n() == 0 || bySlot.size() < 2) {
            return own;
        }
        List<Double> all = new ArrayList<>();
        bySlot.values().forEach(all::addAll);
        Baseline overall = Baseline.of(values(all));
        double level = overall.median();
        if (!(level > 0)) {
            return own;
        }
        double factor = own.median() / level;
        double expected = level * (1 + shrinkage(bySlot, level) * (factor - 1));
        // the day-to-day spread over the whole span relative to its level, the weekly shape included: a little more
        // than a day's spread around its own slot's usual value, which also covers that value's own error
        double spread = overall.mad() / level;
        return new Baseline(expected, spread * expected, own.n());
    }

    /**
     * How much of the slots' factors is real, from 0 (a flat week) to 1 (each slot's own median): the share of their
     * mean squared distance from 1 that is beyond the chance error of a median of the slots' windows.
     */
    static double shrinkage(Map<Integer, List<Double>> bySlot, double level) {
        double sq = 0;
        double chance = 0;
        int k = 0;
        for (List<Double> xs : bySlot.values()) {
            if (xs.size() < 2) {
                continue;
            }
            Baseline b = Baseline.of(values(xs));
            if (!(b.median() > 0)) {
                continue;
            }
            double within = Baseline.MAD_SCALE * b.mad() / b.median();
            sq += Math.pow(b.median() / level - 1, 2);
            chance += Math.PI / 2 * within * within / xs.size() * Math.pow(b.median() / level, 2);
            k++;
        }
        if (k < 2 || sq <= 0) {
            return 0;
        }
        return Math.max(0, Math.min(1, 1 - chance / sq));
    }

    private static double[] values(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
