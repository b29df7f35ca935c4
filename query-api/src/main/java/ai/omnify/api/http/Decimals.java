package ai.omnify.api.http;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Decimals as JSON numbers: exact, without trailing zeros, never in exponent notation ({@code 1E+2} is {@code 100}). */
public final class Decimals {
    private Decimals() {}

    public static String plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        if (value.signum() == 0) {
            return "0";
        }
        return value.stripTrailingZeros().toPlainString();
    }

    /**
     * A decimal in text (PostgreSQL's numeric output, or a BigDecimal's toString) written plainly: trailing zeros of
     * the fraction dropped, exponent notation expanded. Cheaper than parsing a BigDecimal: PostgreSQL's own text is
     * already plain, so usually this only trims. {@code NaN} and infinities (no JSON number) become null.
     */
    public static String plainText(String text) {
        if (text == null) {
            return null;
        }
        int n = text.length();
        int dot = -1;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                dot = i;
            } else if ((c < '0' || c > '9') && !(c == '-' && i == 0)) {
                if (c == 'e' || c == 'E') {
                    return plain(new BigDecimal(text));
                }
                return null; // NaN, Infinity, -Infinity
            }
        }
        int end = n;
        if (dot >= 0) {
            while (end > dot + 1 && text.charAt(end - 1) == '0') {
                end--;
            }
            if (end == dot + 1) {
                end = dot;
            }
        }
        String plain = end == n ? text : text.substring(0, end);
        return isNegativeZero(plain) ? "0" : plain;
    }

    private static boolean isNegativeZero(String s) {
        if (s.isEmpty() || s.charAt(0) != '-') {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (s.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    /** Rounded half-even to {@code scale} decimals first (for ratios computed here), then written plainly. */
    public static String plain(BigDecimal value, int scale) {
        return value == null ? null : plain(value.setScale(scale, RoundingMode.HALF_EVEN));
    }
}
