package ai.omnify.jobs.metrics;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the MetricsJob treats time. {@code outOfOrderness}: how far behind the newest data a record may be before it
 * is late for the watermark; {@code idleness}: when a silent partition stops holding the watermark back;
 * {@code debounce}: how long changes to a day gather before its rows are written; {@code allowedLateness}: how long
 * after a day is over its live state is kept (later items are corrected from the stored rows); {@code lateSettle}:
 * how long a late item waits before the stored day is read; {@code lateKeep}: how long a corrected day stays loaded;
 * {@code busyDebounce} and {@code busyRate}: while one subtask takes more than {@code busyRate} items a second (a
 * backlog, a backfill), changes gather for {@code busyDebounce} instead, so a day is written once where it would
 * be written many times; live traffic stays below the rate and keeps {@code debounce}.
 */
public record MetricsSettings(
        Duration outOfOrderness,
        Duration idleness,
        Duration debounce,
        Duration busyDebounce,
        int busyRate,
        Duration allowedLateness,
        Duration lateSettle,
        Duration lateKeep,
        Duration orderStateTtl,
        Duration dimensionStateTtl) implements Serializable {

    public static MetricsSettings defaults() {
        return new MetricsSettings(Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofMillis(300),
                Duration.ofSeconds(2), 5000, Duration.ofDays(35), Duration.ofSeconds(5), Duration.ofMinutes(10), Duration.ofDays(120),
                Duration.ofDays(35));
    }

    public MetricsSettings withAllowedLateness(Duration d) {
        return new MetricsSettings(outOfOrderness, idleness, debounce, busyDebounce, busyRate, d, lateSettle, lateKeep, orderStateTtl, dimensionStateTtl);
    }

    public MetricsSettings withDebounce(Duration d) {
        return new MetricsSettings(outOfOrderness, idleness, d, busyDebounce, busyRate, allowedLateness, lateSettle, lateKeep, orderStateTtl, dimensionStateTtl);
    }

    public MetricsSettings withLateSettle(Duration d) {
        return new MetricsSettings(outOfOrderness, idleness, debounce, busyDebounce, busyRate, allowedLateness, d, lateKeep, orderStateTtl, dimensionStateTtl);
    }
}
