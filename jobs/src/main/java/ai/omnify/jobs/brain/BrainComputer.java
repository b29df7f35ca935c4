package ai.omnify.jobs.brain;

import ai.omnify.jobs.brain.ai.SummaryTemplate;
import ai.omnify.jobs.brain.curiosity.CuriosityPlanner;
import ai.omnify.jobs.brain.memory.MemoryBuilder;
import ai.omnify.jobs.brain.oracle.OracleBuilder;
import ai.omnify.model.brain.BrainState;
import ai.omnify.model.brain.Curiosity;
import ai.omnify.model.brain.Memory;
import ai.omnify.model.brain.Oracle;
import java.time.Instant;
import java.util.List;

/** Memory, Oracle and Curiosity from one organization's history: a pure function of the data. */
public final class BrainComputer {
    private final OracleBuilder oracle;
    private final CuriosityPlanner curiosity;

    public BrainComputer(BrainSettings settings) {
        this.oracle = new OracleBuilder(settings);
        this.curiosity = new CuriosityPlanner(settings);
    }

    /** The state (version and time to be set by the caller), with a template summary. */
    public BrainState compute(BrainHistory h, List<Oracle.Accuracy> accuracy, long version, Instant computedAt) {
        Memory memory = MemoryBuilder.build(h);
        Oracle o = oracle.build(h, memory, accuracy);
        Curiosity c = curiosity.plan(h, memory, o);
        BrainState state = new BrainState(h.orgId(), version, computedAt, h.origin(), h.goals().currency(), memory, o,
                c, null);
        return state.withSummary(SummaryTemplate.summary(state));
    }
}
