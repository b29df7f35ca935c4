package ai.omnify.model.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omnify.model.fx.FxTable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DailyBudgetsTest {
    static final LocalDate DAY = LocalDate.of(2026, 11, 26);
    static final FxTable FX = FxTable.of(List.of(
            new FxTable.Rate("USD", "EUR", LocalDate.of(2026, 11, 1), new BigDecimal("0.90")),
            new FxTable.Rate("USD", "EUR", LocalDate.of(2026, 12, 1), new BigDecimal("0.50")), // not yet
            new FxTable.Rate("USD", "GBP", LocalDate.of(2026, 11, 20), new BigDecimal("0.80"))));

    @Test
    void convertsEachBudgetToTheOrganizationsCurrencyAtTheRateHoldingThatDay() {
        Map<String, BigDecimal> eur = DailyBudgets.inCurrency(List.of(
                new DailyBudgets.Budget("c-usd", "USD", new BigDecimal("50")),
                new DailyBudgets.Budget("c-eur", "EUR", new BigDecimal("40.5")),
                // crossed through USD: 1 GBP = 1/0.8 USD = 1.25 USD = 1.125 EUR
                new DailyBudgets.Budget("c-gbp", "GBP", new BigDecimal("100"))), FX, "EUR", DAY);

        assertThat(eur).containsOnlyKeys("c-usd", "c-eur", "c-gbp");
        assertThat(eur.get("c-usd")).isEqualByComparingTo("45");
        assertThat(eur.get("c-eur")).isEqualByComparingTo("40.5");
        assertThat(eur.get("c-gbp")).isEqualByComparingTo("112.5");
        assertThat(eur.get("c-gbp").scale()).isEqualTo(FxTable.AMOUNT_SCALE);
    }

    @Test
    void aCurrencyWithoutARateIsNamedAndNothingIsGuessed() {
        assertThatThrownBy(() -> DailyBudgets.inCurrency(List.of(
                new DailyBudgets.Budget("a", "USD", BigDecimal.TEN),
                new DailyBudgets.Budget("b", "JPY", BigDecimal.TEN)), FX, "EUR", DAY))
                .isInstanceOf(DailyBudgets.NoRateException.class)
                .hasMessageContaining("JPY to EUR").hasMessageContaining(DAY.toString());
        // before the first rate there is none either
        assertThatThrownBy(() -> DailyBudgets.inCurrency(List.of(new DailyBudgets.Budget("a", "USD", BigDecimal.TEN)),
                FX, "EUR", LocalDate.of(2026, 10, 31))).isInstanceOf(DailyBudgets.NoRateException.class);
    }
}
