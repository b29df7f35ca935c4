package ai.omnify.jobs.detection.anomaly;

import ai.omnify.jobs.detection.DetectorSettings;
import ai.omnify.jobs.detection.MetricWindow;
import ai.omnify.jobs.detection.Point;
import ai.omnify.jobs.detection.lifecycle.Reading;
import ai.omnify.jobs.detection.lifecycle.Wording;
import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.alert.AlertRules;
import java.util.Locale;

/** Spend far above its usual value for the slot ({@link Usual}): beyond the threshold and the robust z limit. */
public final class SpendSpike implements ChannelRule {

    @Override
    public AlertKind kind() {
        return AlertKind.SPEND_SPIKE;
    }

    @Override
    public Reading read(ChannelEvidence e, AlertRules rules, DetectorSettings s) {
        MetricWindow w = e.window();
        Baseline b = Usual.of(w.slot(), e.span(), Point::spend);
        if (!b.isReady(s.minPoints()) || b.median() < s.minSpend()) {
            return null;
        }
        double x = w.spendValue();
        double rel = b.relative(x);
        double th = rules.threshold(AlertKind.SPEND_SPIKE);
        if (rel >= th && b.z(x) >= rules.zLimit()) {
            return Reading.anomaly(AlertKind.SPEND_SPIKE, "spend", x, b.median(), rel, SeverityScale.spike(rel, th),
                    String.format(Locale.ROOT, "Spend %s is %s above the usual %s for this %s (median of the last %d "
                            + "weeks).", Wording.money(x), Wording.pct(rel), Wording.money(b.median()),
                            Wording.slotName(w), b.n()));
        }
        return Reading.normal(AlertKind.SPEND_SPIKE, "spend", x, b.median(), rel);
    }
}
