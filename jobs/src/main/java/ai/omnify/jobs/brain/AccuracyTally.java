package ai.omnify.jobs.brain;

import ai.omnify.model.brain.Oracle;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** Running accuracy of one metric and horizon over an organization's scored forecasts. */
public record AccuracyTally(String metric, int horizon, long scored, double apeSum, long apeCount, long inside) {

    public AccuracyTally add(ScoreRow s) {
        return new AccuracyTally(metric, horizon, scored + 1, apeSum + (s.ape() == null ? 0 : s.ape().doubleValue()),
                apeCount + (s.ape() == null ? 0 : 1), inside + (s.inside() ? 1 : 0));
    }

    public Oracle.Accuracy view() {
        return new Oracle.Accuracy(metric, horizon, scored,
                apeCount == 0 ? null : BigDecimal.valueOf(apeSum / apeCount).setScale(4, RoundingMode.HALF_EVEN),
                scored == 0 ? null : BigDecimal.valueOf((double) inside / scored).setScale(4, RoundingMode.HALF_EVEN));
    }
}
