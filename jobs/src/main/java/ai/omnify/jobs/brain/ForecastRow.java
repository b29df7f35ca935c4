package ai.omnify.jobs.brain;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One forecast point of {@code brain_forecasts}; {@code series} is the channel id or {@code org}. */
public record ForecastRow(String orgId, String series, String channelId, String metric, LocalDate origin,
        int horizon, LocalDate targetDate, String model, BigDecimal value, BigDecimal lower, BigDecimal upper) {

    public String key() {
        return series + "|" + metric + "|" + origin + "|" + horizon;
    }
}
