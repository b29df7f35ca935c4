package ai.omnify.simulator.brand;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A campaign on one ad account: a channel in Omnify's terms.
 *
 * @param startDate first day it delivers
 * @param pausedFrom first day it does not deliver because it was paused (null if never paused)
 * @param resumedOn first day it delivers again after the pause (null if it stays paused)
 * @param cpmFactor how its cost per thousand impressions compares with the account's typical one
 * @param ctrFactor how its click-through rate compares with the account's typical one
 */
public record Campaign(
        int index,
        AdAccount account,
        String campaignId,
        String name,
        String objective,
        BigDecimal dailyBudget,
        LocalDate startDate,
        LocalDate pausedFrom,
        LocalDate resumedOn,
        ResponseCurve curve,
        double cpmFactor,
        double ctrFactor) {

    public boolean deliversOn(LocalDate date) {
        if (date.isBefore(startDate)) {
            return false;
        }
        return !isPausedOn(date);
    }

    public boolean isPausedOn(LocalDate date) {
        return pausedFrom != null && !date.isBefore(pausedFrom) && (resumedOn == null || date.isBefore(resumedOn));
    }

    /** ACTIVE or PAUSED, as the platform would show it on {@code date}. */
    public String status(LocalDate date) {
        return isPausedOn(date) ? "PAUSED" : "ACTIVE";
    }
}
