package ai.omnify.ingest.platform;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Splits an inclusive date range into consecutive windows of at most {@code days} days. Pure. */
public final class DateWindows {
    public record Window(LocalDate from, LocalDate to) {
        public long days() {
            return to.toEpochDay() - from.toEpochDay() + 1;
        }
    }

    private DateWindows() {}

    public static List<Window> split(LocalDate from, LocalDate to, int days) {
        if (days < 1) {
            throw new IllegalArgumentException("windows need at least one day");
        }
        List<Window> out = new ArrayList<>();
        for (LocalDate start = from; !start.isAfter(to); start = start.plusDays(days)) {
            LocalDate end = start.plusDays(days - 1L);
            out.add(new Window(start, end.isAfter(to) ? to : end));
        }
        return out;
    }
}
