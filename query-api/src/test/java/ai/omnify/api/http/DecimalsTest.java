package ai.omnify.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class DecimalsTest {
    @Test
    void stripsTrailingZeros() {
        assertThat(Decimals.plain(new BigDecimal("12.3400"))).isEqualTo("12.34");
        assertThat(Decimals.plain(new BigDecimal("12.0000"))).isEqualTo("12");
        assertThat(Decimals.plain(new BigDecimal("0.000100"))).isEqualTo("0.0001");
    }

    @Test
    void neverWritesExponents() {
        assertThat(Decimals.plain(new BigDecimal("100.0000"))).isEqualTo("100");
        assertThat(Decimals.plain(new BigDecimal("1E+6"))).isEqualTo("1000000");
        assertThat(Decimals.plain(new BigDecimal("1.5E-7"))).isEqualTo("0.00000015");
        assertThat(Decimals.plain(new BigDecimal("99999999999999.9999"))).isEqualTo("99999999999999.9999");
    }

    @Test
    void zeroIsZeroWhateverItsScale() {
        assertThat(Decimals.plain(new BigDecimal("0.0000"))).isEqualTo("0");
        assertThat(Decimals.plain(new BigDecimal("0E+3"))).isEqualTo("0");
        assertThat(Decimals.plain(BigDecimal.ZERO)).isEqualTo("0");
    }

    @Test
    void negativesKeepTheirSign() {
        assertThat(Decimals.plain(new BigDecimal("-5.5000"))).isEqualTo("-5.5");
        assertThat(Decimals.plain(new BigDecimal("-500"))).isEqualTo("-500");
    }

    @Test
    void nullStaysNull() {
        assertThat(Decimals.plain(null)).isNull();
        assertThat(Decimals.plain(null, 4)).isNull();
    }

    @Test
    void ratiosRoundHalfEvenToTheScale() {
        assertThat(Decimals.plain(new BigDecimal("0.03125"), 4)).isEqualTo("0.0312");
        assertThat(Decimals.plain(new BigDecimal("0.03135"), 4)).isEqualTo("0.0314");
        assertThat(Decimals.plain(new BigDecimal("2.50000000000000000000"), 4)).isEqualTo("2.5");
        assertThat(Decimals.plain(new BigDecimal("3.333333333333333333"), 4)).isEqualTo("3.3333");
    }

    @Test
    void textIsTrimmedTheSameWay() {
        for (String s : new String[] {"12.3400", "12.0000", "0.000100", "100.0000", "0.0000", "0", "-5.5000", "-500",
                "99999999999999.9999", "1E+6", "1.5E-7", "0E-10", "123", "-0.0000", "7.", "0.10"}) {
            assertThat(Decimals.plainText(s)).as(s).isEqualTo(Decimals.plain(new BigDecimal(s)));
        }
    }

    @Test
    void textThatIsNoNumberIsNull() {
        assertThat(Decimals.plainText(null)).isNull();
        assertThat(Decimals.plainText("NaN")).isNull();
        assertThat(Decimals.plainText("Infinity")).isNull();
        assertThat(Decimals.plainText("-Infinity")).isNull();
    }
}
