package ai.omnify.jobs.detection.anomaly;

import ai.omnify.jobs.detection.Point;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One day window with its own span (the windows its usual values are made of, {@link ChannelEvidence#span}): one day of
 * evidence that the count-based rules may pool with the days after it ({@link PooledEvidence}).
 */
public record Day(Point point, List<Point> span) {

    /** The usual value of {@code metric} on this day's slot of the week ({@link Usual}). */
    Baseline usual(ToDoubleFunction<Point> metric) {
        return Usual.of(point.slot(), span, metric);
    }
}
