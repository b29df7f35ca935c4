package ai.omnify.simulator.reporting;

import java.time.LocalDate;

/**
 * Which dates an account reports: none before {@code firstDate} (the start of history), hourly rows only from
 * {@code hourlyFrom} on, and each poll restates the {@code restateDays} days before its own day.
 */
public record ReportingWindow(LocalDate firstDate, LocalDate hourlyFrom, int restateDays) {
    public ReportingWindow {
        if (restateDays < 0) {
            throw new IllegalArgumentException("restateDays must not be negative");
        }
    }
}
