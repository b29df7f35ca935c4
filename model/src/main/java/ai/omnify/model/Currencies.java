package ai.omnify.model;

import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** ISO 4217 currency codes. An unknown code is refused, never guessed. */
public final class Currencies {
    private static final Set<String> KNOWN = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode)
            .collect(Collectors.toUnmodifiableSet());

    private Currencies() {}

    public static boolean isKnown(String code) {
        return code != null && KNOWN.contains(code);
    }

    /** Upper-cases and trims; null stays null. */
    public static String normalize(String code) {
        return code == null ? null : code.trim().toUpperCase(Locale.ROOT);
    }

    /** Digits after the decimal point of the currency's minor unit (2 for EUR, 0 for JPY); 2 when unknown. */
    public static int minorUnits(String code) {
        try {
            int d = Currency.getInstance(code).getDefaultFractionDigits();
            return d < 0 ? 2 : d;
        } catch (RuntimeException e) {
            return 2;
        }
    }
}
