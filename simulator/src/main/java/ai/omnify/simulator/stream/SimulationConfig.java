package ai.omnify.simulator.stream;

import ai.omnify.simulator.incident.Incidents;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Everything that determines a simulation: the same config always gives the same brand and the same stream.
 *
 * @param days history days before today (today itself is reported up to {@code now})
 * @param now the simulated present: history runs up to it, live continues from it
 * @param orgId put in every row when set; when null the ingest service takes it from the API key
 * @param hourlyDays how many of the most recent days (today included) get hour rows (0: none)
 * @param restateDays how many days before its own day a poll reports again
 * @param historyPollTimes local times (account time zone) of the polls made during history; one more is made at now
 * @param duplicateRate share of snapshot rows re-sent identically in the same poll
 * @param staleRate share of the previous poll's rows re-sent after the current poll's rows
 * @param badRowsPerPoll chance that a full poll carries one malformed row
 * @param badOrderRate chance that an order delivery is followed by a malformed order row
 */
public record SimulationConfig(
        long seed,
        int days,
        Instant now,
        String orgId,
        int hourlyDays,
        int restateDays,
        List<LocalTime> historyPollTimes,
        double duplicateRate,
        double staleRate,
        double badRowsPerPoll,
        double badOrderRate,
        Incidents incidents) {

    public static final int MAX_DAYS = 730;

    public SimulationConfig {
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(incidents, "incidents");
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days must be from 1 to " + MAX_DAYS + ", was " + days);
        }
        if (hourlyDays < 0 || restateDays < 0 || restateDays > 28) {
            throw new IllegalArgumentException("hourlyDays must be >= 0 and restateDays within 0..28");
        }
        now = now.truncatedTo(ChronoUnit.MILLIS);
        historyPollTimes = List.copyOf(historyPollTimes);
    }

    /** The defaults: 2 days of hour rows, 3 restated days, polls at 08:00 and 20:00, a little disorder and bad rows. */
    public static SimulationConfig of(long seed, int days, Instant now, String orgId) {
        return new SimulationConfig(seed, days, now, orgId, 2, 3, List.of(LocalTime.of(8, 0), LocalTime.of(20, 0)),
                0.02, 0.015, 0.5, 0.003, Incidents.none());
    }

    public SimulationConfig withHourlyDays(int n) {
        return new SimulationConfig(seed, days, now, orgId, n, restateDays, historyPollTimes, duplicateRate, staleRate,
                badRowsPerPoll, badOrderRate, incidents);
    }

    /** With {@link ai.omnify.simulator.incident.IncidentPlan#standard}: every alert kind injected, with ground truth. */
    public SimulationConfig withStandardIncidents() {
        java.time.LocalDate firstDay = java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC).minusDays(days);
        return withIncidents(ai.omnify.simulator.incident.IncidentPlan.standard(
                ai.omnify.simulator.brand.BrandCatalog.generate(seed, firstDay, days), firstDay, days));
    }

    public SimulationConfig withIncidents(Incidents i) {
        return new SimulationConfig(seed, days, now, orgId, hourlyDays, restateDays, historyPollTimes, duplicateRate,
                staleRate, badRowsPerPoll, badOrderRate, i);
    }
}
