package ai.omnify.jobs.brain;

import ai.omnify.model.alert.Alert;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Inputs of {@code BrainFn} in two phases (see the detection operators' {@code StateScenarios}): phase one leaves
 * every kind of its state filled (rows, an alert, an ad's copy, the reload marker, the forecast ledger, accuracy
 * tallies, open actions, the version and fingerprint); the snapshot in {@code state-snapshots/} was written after it
 * by the operator of the previous package layout.
 */
final class BrainStateScenarios {
    static final String ORG = "6f1d7c52-0000-4000-8000-0000000000e1";

    private BrainStateScenarios() {}

    /** One phase's inputs, each followed by a processing time to move to (null: none). */
    record Step(BrainInput input, Long processingTime) {}

    static List<Step> phaseOne() {
        List<Step> out = new ArrayList<>();
        SyntheticDays.rows(ORG, 0, 35, 1).forEach(r -> out.add(new Step(BrainInput.of(r), null)));
        out.add(new Step(BrainInput.of(alert()), null));
        out.add(new Step(BrainInput.of(ORG, ad()), null));
        out.add(new Step(BrainInput.loaded(ORG, 35, null), 1_000L));
        SyntheticDays.rows(ORG, 35, 5, 1).forEach(r -> out.add(new Step(BrainInput.of(r), null)));
        out.add(new Step(null, 2_000L));
        return out;
    }

    static List<Step> phaseTwo() {
        List<Step> out = new ArrayList<>();
        SyntheticDays.rows(ORG, 40, 3, 1).forEach(r -> out.add(new Step(BrainInput.of(r), null)));
        out.add(new Step(null, 3_000L));
        return out;
    }

    static Alert alert() {
        return new Alert("a-1", ORG, "spend_spike:channel:x", "spend_spike", "critical", "open",
                SyntheticDays.channelId(ORG, SyntheticDays.CHANNELS.get(0)), null, "spend", null, null,
                new BigDecimal("250"), new BigDecimal("100"), new BigDecimal("6"), Instant.parse("2026-10-04T00:00:00Z"),
                Instant.parse("2026-10-04T01:00:00Z"), "Spend 2.5x the usual");
    }

    static AdCopy ad() {
        var c = SyntheticDays.CHANNELS.get(0);
        return new AdCopy(SyntheticDays.creativeId(ORG, c, 1), SyntheticDays.channelId(ORG, c), "meta",
                c.campaign() + "-ad1", "Meta prospecting ad 1", "Boots", "Boots that last", "Ten winters, one pair.",
                "active", LocalDate.of(2026, 9, 1), Instant.parse("2026-09-01T08:00:00Z"), new float[] {0.6f, 0.8f},
                "test-embedding");
    }

}
