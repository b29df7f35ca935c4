package ai.omnify.model.alert;

import java.util.Locale;
import java.util.Optional;

/** The kinds of alert the detection job raises (DESIGN.md). */
public enum AlertKind {
    SPEND_SPIKE, ROAS_DROP, CPA_SPIKE, CONVERSION_DROP, TRACKING_BREAK, BUDGET_PACING, CREATIVE_FATIGUE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AlertKind> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        for (AlertKind k : values()) {
            if (k.wire().equals(s.trim().toLowerCase(Locale.ROOT))) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
