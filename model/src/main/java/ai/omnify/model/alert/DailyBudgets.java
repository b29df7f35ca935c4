package ai.omnify.model.alert;

import ai.omnify.model.fx.FxTable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Campaign daily budgets, which the platforms give in the ad account's currency, as the alert rules hold them
 * ({@link AlertRules#dailyBudgets()}: per channel id, in the organization's reporting currency). Converted with the
 * MetricsJob's own {@link FxTable} (direct, inverted, or crossed through USD), half-even to 4 decimals.
 */
public final class DailyBudgets {
    private DailyBudgets() {}

    /** One channel's daily budget in its ad account's currency. */
    public record Budget(String channelId, String currency, BigDecimal amount) {}

    /** A budget that could not be converted: no rate on or before the day. */
    public static final class NoRateException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        NoRateException(String message) {
            super(message);
        }
    }

    /**
     * Each budget in {@code currency} at the rates that hold on {@code date} (the latest on or before it), keyed by
     * channel id in the order given (a channel listed twice keeps its last budget).
     *
     * @throws NoRateException naming every currency without a rate to {@code currency} on or before {@code date}
     */
    public static Map<String, BigDecimal> inCurrency(List<Budget> budgets, FxTable fx, String currency, LocalDate date) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Budget b : budgets) {
            fx.convert(b.amount(), b.currency(), currency, date).ifPresentOrElse(v -> out.put(b.channelId(), v), () -> {
                if (!missing.contains(b.currency())) {
                    missing.add(b.currency());
                }
            });
        }
        if (!missing.isEmpty()) {
            throw new NoRateException("no exchange rate from " + String.join(", ", missing) + " to " + currency
                    + " on or before " + date + " (fx_rates)");
        }
        return out;
    }
}
