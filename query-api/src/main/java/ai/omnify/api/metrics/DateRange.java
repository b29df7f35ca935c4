package ai.omnify.api.metrics;

import ai.omnify.server.http.ApiException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/** An inclusive range of dates. */
public record DateRange(LocalDate from, LocalDate to) {
    /** Days in the range when {@code from} is absent: to and the 29 days before it. */
    public static final int DEFAULT_DAYS = 30;

    public DateRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    public long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /**
     * The range a request asks for: {@code to} defaults to today (in the organization's time zone; asked only when
     * needed), {@code from} to {@code to} minus 29 days. A 400 when from is after to or the range is longer than
     * {@code maxDays}.
     */
    public static DateRange resolve(Optional<LocalDate> from, Optional<LocalDate> to, Supplier<LocalDate> today,
            int maxDays) {
        LocalDate end = to.orElseGet(today);
        LocalDate start = from.orElseGet(() -> end.minusDays(DEFAULT_DAYS - 1L));
        if (start.isAfter(end)) {
            throw ApiException.invalidParameter("from (" + start + ") is after to (" + end + ")");
        }
        DateRange range = new DateRange(start, end);
        if (range.days() > maxDays) {
            throw ApiException.invalidParameter("from (" + start + ") to (" + end + ") is " + range.days()
                    + " days; at most " + maxDays + " days per request");
        }
        return range;
    }
}
