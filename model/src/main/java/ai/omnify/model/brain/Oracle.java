package ai.omnify.model.brain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What will happen: forecasts with prediction intervals, creative fatigue, risks, and how accurate past forecasts
 * were.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Oracle(List<Forecast> forecasts, List<Fatigue> fatigue, List<Risk> risks, List<Accuracy> accuracy) {

    /**
     * A forecast of one metric of one channel (channelId null: the whole organization).
     *
     * @param metric {@code spend}, {@code revenue} or {@code roas}
     * @param model the model chosen by backtest error: {@code holt_winters_additive},
     *     {@code holt_winters_multiplicative} or {@code seasonal_naive}
     * @param backtestMape the chosen model's mean absolute percentage error on the held-out last days (0..)
     * @param naiveMape the seasonal-naive forecast's error on the same days
     * @param origin the last day of data the forecast starts after
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Forecast(String channelId, String metric, String model, BigDecimal backtestMape,
            BigDecimal naiveMape, LocalDate origin, List<Point> points) {}

    /** @param horizon days after the origin (1 = the next day); lower/upper: 80% prediction interval */
    public record Point(LocalDate date, int horizon, BigDecimal value, BigDecimal lower, BigDecimal upper) {}

    /**
     * @param metric {@code ctr} (falls to the threshold) or {@code cpa} (rises to it)
     * @param daysToFatigue 0 = already past the threshold; null = not heading there within the look-ahead
     * @param trendPerDay the fitted daily change of the metric
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Fatigue(String creativeId, String channelId, String name, String metric, BigDecimal current,
            BigDecimal baseline, BigDecimal threshold, BigDecimal trendPerDay, Integer daysToFatigue,
            BigDecimal dailySpend) {}

    /** @param kind {@code budget_exhaustion}, {@code roas_below_target}, {@code channel_dependency} */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Risk(String kind, String severity, String channelId, BigDecimal value, BigDecimal threshold,
            String text) {}

    /** Scored forecasts: mean absolute percentage error and interval coverage, per metric and horizon. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Accuracy(String metric, int horizon, long scored, BigDecimal mape, BigDecimal coverage) {}
}
