package ai.omnify.jobs.detection.lifecycle;

import ai.omnify.jobs.detection.MetricWindow;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Locale;

/** How the alerts' explanations write numbers, shares and slots of the week. */
public final class Wording {
    private Wording() {}

    /** The window's slot of the week: {@code Monday}, or {@code Monday 09:00 hour} for an hour window. */
    public static String slotName(MetricWindow w) {
        var t = w.start().atZone(ZoneOffset.UTC);
        String day = t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        return MetricWindow.HOUR.equals(w.grain()) ? String.format(Locale.ROOT, "%s %02d:00 hour", day, t.getHour())
                : day;
    }

    /** An amount of money, two decimals. */
    public static String money(double x) {
        return String.format(Locale.ROOT, "%.2f", x);
    }

    /** A count: whole when it is whole, else one decimal. */
    public static String num(double x) {
        return x == Math.rint(x) ? String.format(Locale.ROOT, "%.0f", x) : String.format(Locale.ROOT, "%.1f", x);
    }

    /** A relative change as a whole percentage ({@code 0.42} is {@code 42%}); {@code far} when unbounded. */
    public static String pct(double rel) {
        return Double.isInfinite(rel) || rel > 1e6 ? "far" : String.format(Locale.ROOT, "%.0f%%", rel * 100);
    }
}
