package ai.omnify.model.fx;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Exchange rates by day, and conversion with them. A rate for (base, quote) holds from its date until the next one.
 * A pair is found directly, else inverted, else crossed through USD; no rate on or before the date means no
 * conversion (the caller refuses the amount with a reason, it does not guess).
 *
 * <p>Converted amounts are {@code amount × rate} rounded half-even to 4 decimals; inverted and crossed rates are
 * rounded to 12 decimals first.
 */
public final class FxTable implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final int AMOUNT_SCALE = 4;
    private static final int RATE_SCALE = 12;
    private static final String PIVOT = "USD";

    /** One row of the {@code fx_rates} table. */
    public record Rate(String base, String quote, LocalDate date, BigDecimal rate) implements Serializable {}

    private final Map<String, NavigableMap<LocalDate, BigDecimal>> byPair;

    private FxTable(Map<String, NavigableMap<LocalDate, BigDecimal>> byPair) {
        this.byPair = byPair;
    }

    public static FxTable of(List<Rate> rates) {
        Map<String, NavigableMap<LocalDate, BigDecimal>> m = new HashMap<>();
        for (Rate r : rates) {
            m.computeIfAbsent(r.base() + r.quote(), k -> new TreeMap<>()).put(r.date(), r.rate());
        }
        return new FxTable(m);
    }

    public static FxTable empty() {
        return new FxTable(Map.of());
    }

    /** The rate that turns one unit of {@code from} into {@code to} on {@code date}. */
    public Optional<BigDecimal> rate(String from, String to, LocalDate date) {
        if (from.equals(to)) {
            return Optional.of(BigDecimal.ONE);
        }
        Optional<BigDecimal> direct = directOrInverse(from, to, date);
        if (direct.isPresent() || from.equals(PIVOT) || to.equals(PIVOT)) {
            return direct;
        }
        Optional<BigDecimal> toPivot = directOrInverse(from, PIVOT, date);
        Optional<BigDecimal> fromPivot = directOrInverse(PIVOT, to, date);
        if (toPivot.isEmpty() || fromPivot.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(toPivot.get().multiply(fromPivot.get()).setScale(RATE_SCALE, RoundingMode.HALF_EVEN));
    }

    /** {@code amount} in {@code from} as {@code to} on {@code date}, rounded to 4 decimals; empty without a rate. */
    public Optional<BigDecimal> convert(BigDecimal amount, String from, String to, LocalDate date) {
        return rate(from, to, date).map(r -> amount.multiply(r).setScale(AMOUNT_SCALE, RoundingMode.HALF_EVEN));
    }

    private Optional<BigDecimal> directOrInverse(String from, String to, LocalDate date) {
        Optional<BigDecimal> direct = lookup(from, to, date);
        if (direct.isPresent()) {
            return direct;
        }
        return lookup(to, from, date).map(r -> BigDecimal.ONE.divide(r, RATE_SCALE, RoundingMode.HALF_EVEN));
    }

    private Optional<BigDecimal> lookup(String base, String quote, LocalDate date) {
        NavigableMap<LocalDate, BigDecimal> series = byPair.get(base + quote);
        if (series == null) {
            return Optional.empty();
        }
        Map.Entry<LocalDate, BigDecimal> e = series.floorEntry(date);
        return e == null ? Optional.empty() : Optional.of(e.getValue());
    }
}
