package ai.omnify.jobs.brain.curiosity;

import ai.omnify.jobs.brain.ActionRow;
import ai.omnify.model.Json;
import ai.omnify.model.brain.BrainState;
import ai.omnify.model.brain.Curiosity;
import java.util.ArrayList;
import java.util.List;

/** The actions of a published state as the {@code actions} table keeps them (pure). */
public final class ActionRows {
    private ActionRows() {}

    /** Every action the state recommends, open. */
    public static List<ActionRow> open(String orgId, BrainState s) {
        List<ActionRow> out = new ArrayList<>();
        for (Curiosity.Action a : s.curiosity().actions()) {
            out.add(new ActionRow(a.id(), orgId, a.kind(), Json.write(a.target()), a.rationale(),
                    a.expectedImpact().metric(), a.expectedImpact().value(), a.expectedImpact().currency(),
                    a.confidence(), a.urgency(), a.expectedImpact().horizonDays(), "open"));
        }
        return out;
    }

    /** An action the brain no longer recommends: its last row, expired. */
    public static ActionRow expired(ActionRow last) {
        return new ActionRow(last.id(), last.orgId(), last.kind(), last.targetJson(), last.rationale(),
                last.impactMetric(), last.expectedImpact(), last.currency(), last.confidence(), last.urgency(),
                last.expectedDays(), "expired");
    }
}
