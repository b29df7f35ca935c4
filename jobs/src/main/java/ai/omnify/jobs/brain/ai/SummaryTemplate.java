package ai.omnify.jobs.brain.ai;

import ai.omnify.model.brain.BrainState;
import ai.omnify.model.brain.Curiosity;
import ai.omnify.model.brain.Memory;
import java.math.RoundingMode;

/** The deterministic executive summary: used when no model is configured or its answer fails validation. */
public final class SummaryTemplate {
    private SummaryTemplate() {}

    public static String summary(BrainState s) {
        StringBuilder b = new StringBuilder();
        Memory.Kpis week = s.memory().kpis().stream()
                .filter(k -> k.windowDays() == 7 && k.scope().equals("org")).findFirst().orElse(null);
        if (week == null) {
            return "No data yet.";
        }
        b.append("Last 7 days: spend ").append(week.spend().setScale(2, RoundingMode.HALF_EVEN)).append(' ')
                .append(s.currency()).append(", platform revenue ")
                .append(week.platformRevenue().setScale(2, RoundingMode.HALF_EVEN)).append(' ').append(s.currency());
        if (week.roas() != null) {
            b.append(", ROAS ").append(week.roas().setScale(2, RoundingMode.HALF_EVEN));
        }
        if (week.mer() != null) {
            b.append(", MER ").append(week.mer().setScale(2, RoundingMode.HALF_EVEN));
        }
        b.append('.');
        long risks = s.oracle().risks().size();
        long fatigue = s.oracle().fatigue().stream().filter(f -> f.daysToFatigue() != null && f.daysToFatigue() <= 7).count();
        if (risks > 0) {
            b.append(' ').append(risks).append(risks == 1 ? " risk" : " risks").append(": ")
                    .append(s.oracle().risks().get(0).text()).append('.');
        }
        if (fatigue > 0) {
            b.append(' ').append(fatigue).append(fatigue == 1 ? " creative fatigues" : " creatives fatigue")
                    .append(" within 7 days.");
        }
        if (!s.curiosity().actions().isEmpty()) {
            Curiosity.Action top = s.curiosity().actions().get(0);
            b.append(" Top action: ").append(top.rationale()).append('.');
        }
        return b.toString();
    }
}
