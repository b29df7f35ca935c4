package ai.omnify.jobs.metrics;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the MetricsJob treats time. {@code outOfOrderness}: how far behind the newest data a record may be before it
 * is late for the watermark; {@code idleness}: when a silent partition stops holding the watermark back;
 * {@code debounce}: how long changes to a day gather before its rows are written; {@code allowedLateness}: how long
 * after a day is over its live state is kept (later items are corrected from the stored rows); {@code lateSettle}:
 * how long a late item waits before the stored day is read; {@code lateKeep}: how long a corrected day stays loaded.
 */
public record MetricsSettings(
        Duration outOfOrderness,
        Duration idleness,
        Duration debounce,
        Duration allowedLateness,
        Duration lateSettle,
        Duration lateKeep,
        Duration orderStateTtl,
        Duration dimensionStateTtl) implements Serializable {

    public static MetricsSettings defaults() {
        return new MetricsSettings(Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofMillis(300),
                Duration.ofDays(35), Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofDays(120),
                Duration.ofDays(35));
    }

    public MetricsSettings withAllowedLateness(Duration d) {
        return new MetricsSettings(outOfOrderness, idleness, debounce, d, lateSettle, lateKeep, orderStateTtl, dimensionStateTtl);
    }

    public MetricsSettings withDebounce(Duration d) {
        return new MetricsSettings(outOfOrderness, idleness, d, allowedLateness, lateSettle, lateKeep, orderStateTtl, dimensionStateTtl);
    }

    public MetricsSettings withLateSettle(Duration d) {
        return new MetricsSettings(outOfOrderness, idleness, debounce, allowedLateness, d, lateKeep, orderStateTtl, dimensionStateTtl);
    }
}
