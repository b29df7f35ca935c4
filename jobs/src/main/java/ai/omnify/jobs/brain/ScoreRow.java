package ai.omnify.jobs.brain;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A forecast point scored against its actual day: a row of {@code forecast_scores}. */
public record ScoreRow(String orgId, String series, String channelId, String metric, LocalDate origin, int horizon,
        LocalDate targetDate, BigDecimal forecast, BigDecimal lower, BigDecimal upper, BigDecimal actual,
        BigDecimal ape, boolean inside) {}
