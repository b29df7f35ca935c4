package ai.omnify.model.alert;

import java.util.Locale;
import java.util.Optional;

/** How bad an alert is; ordered, so an incident escalates from {@code info} up to {@code critical}. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Severity> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        for (Severity v : values()) {
            if (v.wire().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    public boolean isAbove(Severity other) {
        return compareTo(other) > 0;
    }
}
