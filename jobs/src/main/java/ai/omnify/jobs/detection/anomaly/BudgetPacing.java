package ai.omnify.jobs.detection.anomaly;

import ai.omnify.jobs.detection.DetectorSettings;
import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.jobs.detection.lifecycle.Reading;
import ai.omnify.jobs.detection.lifecycle.Wording;
import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.alert.AlertRules;
import ai.omnify.model.alert.Severity;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * A day's spend (day windows) or its projection to the end of the day (hour windows, from
 * {@link DetectorSettings#pacingFromHour()} on: spend so far over the share of the day gone) above the channel's daily
 * budget by more than the threshold. Channels without a budget in the rules are not judged.
 */
public final class BudgetPacing implements ChannelRule {

    @Override
    public AlertKind kind() {
        return AlertKind.BUDGET_PACING;
    }

    @Override
    public Reading read(ChannelEvidence e, AlertRules rules, DetectorSettings s) {
        MetricWindow w = e.window();
        if (e.dailyBudget() == null || e.dailyBudget().signum() <= 0) {
            return null;
        }
        double budget = e.dailyBudget().doubleValue();
        double projected;
        String how;
        if (MetricWindow.HOUR.equals(w.grain())) {
            int hour = w.start().atZone(ZoneOffset.UTC).getHour();
            if (hour + 1 < s.pacingFromHour()) {
                return null;
            }
            double soFar = e.daySpendSoFar() + w.spendValue();
            projected = soFar * 24.0 / (hour + 1);
            how = String.format(Locale.ROOT, "%s spent by %02d:00 projects to %s for the day", Wording.money(soFar),
                    hour + 1, Wording.money(projected));
        } else {
            projected = w.spendValue();
            how = "the day's spend was " + Wording.money(projected);
        }
        double rel = projected / budget - 1;
        double th = rules.threshold(AlertKind.BUDGET_PACING);
        if (rel >= th) {
            return Reading.anomaly(AlertKind.BUDGET_PACING, "spend", projected, budget, rel,
                    rel >= 5 * th ? Severity.CRITICAL : Severity.WARNING,
                    String.format(Locale.ROOT, "Over budget: %s, %s above the daily budget of %s.", how,
                            Wording.pct(rel), Wording.money(budget)));
        }
        return Reading.normal(AlertKind.BUDGET_PACING, "spend", projected, budget, rel);
    }
}
