package ai.omnify.jobs.brain;

import java.io.Serializable;

/**
 * How the brain computes, the same for every organization.
 *
 * @param horizon forecast days (14: the 7- and 14-day forecasts are its first 7 and all 14 points)
 * @param holdout days held out to choose a model per series by backtest error
 * @param historyDays days of history kept per organization
 * @param maxShift how far a budget recommendation may move a channel from its current spend (0.3 = ±30%)
 * @param dependencyShare a channel or platform above this share of spend is a dependency risk
 * @param maxActions actions kept after ranking
 */
public record BrainSettings(int horizon, int holdout, int historyDays, double maxShift, double dependencyShare,
        int maxActions) implements Serializable {

    public BrainSettings {
        if (horizon < 1 || holdout < 1 || historyDays < 30 || maxShift <= 0 || maxActions < 1) {
            throw new IllegalArgumentException("invalid brain settings: horizon, holdout and maxActions must be "
                    + "positive, historyDays at least 30, maxShift above 0");
        }
    }

    public static BrainSettings defaults() {
        return new BrainSettings(14, 14, 100, 0.3, 0.6, 12);
    }
}
