package ai.omnify.model.fx;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FxTableTest {
    private static final LocalDate NOV1 = LocalDate.of(2026, 11, 1);
    private static final FxTable RATES = FxTable.of(List.of(
            new FxTable.Rate("USD", "EUR", LocalDate.of(2000, 1, 1), new BigDecimal("0.92")),
            new FxTable.Rate("USD", "EUR", NOV1, new BigDecimal("0.90")),
            new FxTable.Rate("USD", "GBP", LocalDate.of(2000, 1, 1), new BigDecimal("0.80")),
            new FxTable.Rate("GBP", "SEK", NOV1, new BigDecimal("13.50"))));

    @Test
    void aRateHoldsFromItsDateUntilTheNext() {
        assertThat(RATES.convert(new BigDecimal("100.00"), "USD", "EUR", LocalDate.of(2026, 10, 31))).contains(new BigDecimal("92.0000"));
        assertThat(RATES.convert(new BigDecimal("100.00"), "USD", "EUR", NOV1)).contains(new BigDecimal("90.0000"));
        assertThat(RATES.convert(new BigDecimal("100.00"), "USD", "EUR", LocalDate.of(2027, 1, 1))).contains(new BigDecimal("90.0000"));
    }

    @Test
    void theSameCurrencyConvertsToItselfExactly() {
        assertThat(RATES.convert(new BigDecimal("12.345678"), "EUR", "EUR", NOV1)).contains(new BigDecimal("12.3457"));
        assertThat(RATES.convert(new BigDecimal("12.30"), "JPY", "JPY", NOV1)).contains(new BigDecimal("12.3000"));
    }

    @Test
    void anInverseAndACrossRateAreFound() {
        // EUR -> USD: 1 / 0.90
        assertThat(RATES.convert(new BigDecimal("90.00"), "EUR", "USD", NOV1)).contains(new BigDecimal("100.0000"));
        // EUR -> GBP via USD: (1 / 0.90) * 0.80
        assertThat(RATES.convert(new BigDecimal("90.00"), "EUR", "GBP", NOV1)).contains(new BigDecimal("80.0000"));
        // a direct pair wins over a cross
        assertThat(RATES.rate("GBP", "SEK", NOV1)).contains(new BigDecimal("13.50"));
    }

    @Test
    void noRateMeansNoConversionNotAGuess() {
        assertThat(RATES.convert(BigDecimal.ONE, "CLP", "EUR", NOV1)).isEmpty();
        assertThat(RATES.convert(BigDecimal.ONE, "GBP", "SEK", LocalDate.of(2026, 10, 31))).as("before the first rate")
                .isEmpty();
    }

    @Test
    void convertedAmountsRoundHalfEvenToFourDecimals() {
        FxTable t = FxTable.of(List.of(new FxTable.Rate("USD", "EUR", NOV1, new BigDecimal("0.5"))));
        assertThat(t.convert(new BigDecimal("0.00005"), "USD", "EUR", NOV1)).contains(new BigDecimal("0.0000"));
        assertThat(t.convert(new BigDecimal("0.00015"), "USD", "EUR", NOV1)).contains(new BigDecimal("0.0001"));
        assertThat(t.convert(new BigDecimal("0.00030"), "USD", "EUR", NOV1)).contains(new BigDecimal("0.0002"));
    }
}
