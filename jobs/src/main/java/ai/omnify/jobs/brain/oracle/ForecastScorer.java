package ai.omnify.jobs.brain.oracle;

import ai.omnify.jobs.brain.BrainHistory;
import ai.omnify.jobs.brain.ForecastRow;
import ai.omnify.jobs.brain.ScoreRow;
import ai.omnify.model.metrics.MetricsUpdate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.TreeMap;

/** Scores a stored forecast point once its day is complete. */
public final class ForecastScorer {
    private ForecastScorer() {}

    /** The actual of the series on the forecast's day (zero when there is no row), against the forecast. */
    public static ScoreRow score(ForecastRow f, BrainHistory h) {
        TreeMap<LocalDate, MetricsUpdate> rows = f.channelId() == null ? h.org() : h.channels().get(f.channelId());
        MetricsUpdate r = rows == null ? null : rows.get(f.targetDate());
        double actual = r == null ? 0 : OracleBuilder.value(f.metric(), r);
        double forecast = f.value().doubleValue();
        double ape = Accuracy.ape(actual, forecast);
        BigDecimal a = BigDecimal.valueOf(actual).setScale(4, RoundingMode.HALF_EVEN);
        boolean inside = a.compareTo(f.lower()) >= 0 && a.compareTo(f.upper()) <= 0;
        return new ScoreRow(f.orgId(), f.series(), f.channelId(), f.metric(), f.origin(), f.horizon(), f.targetDate(),
                f.value(), f.lower(), f.upper(), a,
                Double.isNaN(ape) ? null : BigDecimal.valueOf(ape).setScale(6, RoundingMode.HALF_EVEN), inside);
    }
}
