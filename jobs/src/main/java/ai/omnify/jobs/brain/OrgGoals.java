package ai.omnify.jobs.brain;

import java.io.Serializable;
import java.time.ZoneId;

/**
 * What one organization aims for, from {@code brain_settings} (defaults when it has no row).
 *
 * @param targetRoas the ROAS below which a channel is at risk
 * @param monthlyBudget the month's total ad budget in the reporting currency, or null when none is set
 */
public record OrgGoals(String currency, String timeZone, double targetRoas, Double monthlyBudget)
        implements Serializable {
    public static final double DEFAULT_TARGET_ROAS = 2.0;

    public static OrgGoals defaults(String currency) {
        return new OrgGoals(currency, "UTC", DEFAULT_TARGET_ROAS, null);
    }

    public ZoneId zone() {
        try {
            return ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
