package ai.omnify.model.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One organization's alert rules: which detectors run, their thresholds, how sensitive they are, when to keep quiet,
 * and the daily budgets that budget pacing checks. Stored in {@code alert_rules}, edited through
 * {@code PUT /api/v1/alert-rules}, published to {@code omnify.alert-rules} (keyed by organization; latest wins) and
 * applied by the detection job on its next record.
 *
 * @param orgId the organization
 * @param kinds per alert kind ({@link AlertKind#wire()}): enabled, and an optional threshold; kinds not listed use
 *     the defaults (enabled, default threshold)
 * @param sensitivity {@code low}, {@code medium} (default) or {@code high}: how many robust deviations (MADs) from
 *     the baseline count as abnormal (4.5, 3.5, 2.5)
 * @param quietHours when set, non-critical alerts are held back in that local time range (critical ones still go)
 * @param dailyBudgets daily budget per channel id, in the organization's reporting currency (budget pacing only
 *     checks channels listed here)
 * @param updatedAt when the rules were last changed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AlertRules(
        String orgId,
        Map<String, KindRule> kinds,
        String sensitivity,
        QuietHours quietHours,
        Map<String, BigDecimal> dailyBudgets,
        Instant updatedAt) {

    /**
     * Default thresholds: the relative change from the expected value that an alert needs (0.8 = +80% / -80%). A
     * tracking break's is the share of the expected conversions missing: 0.95, as a broken pixel or checkout loses
     * them all (at 0.9 the first day of a conversion drop that left 2 of 20 read as a break).
     */
    public static final Map<String, Double> DEFAULT_THRESHOLDS = Map.of(
            AlertKind.SPEND_SPIKE.wire(), 0.8,
            AlertKind.ROAS_DROP.wire(), 0.4,
            AlertKind.CPA_SPIKE.wire(), 0.6,
            AlertKind.CONVERSION_DROP.wire(), 0.5,
            AlertKind.TRACKING_BREAK.wire(), 0.95,
            AlertKind.BUDGET_PACING.wire(), 0.1,
            AlertKind.CREATIVE_FATIGUE.wire(), 0.15);

    /** A detector's settings. {@code threshold} null means the default. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KindRule(boolean enabled, Double threshold) {}

    /** From {@code start} to {@code end} (may wrap midnight), local time in {@code timeZone}. */
    public record QuietHours(String start, String end, String timeZone) {

        /** Whether {@code at} falls in the quiet range; false when the range is malformed (validated on input). */
        public boolean contains(Instant at) {
            try {
                LocalTime s = LocalTime.parse(start);
                LocalTime e = LocalTime.parse(end);
                LocalTime t = ZonedDateTime.ofInstant(at, ZoneId.of(timeZone)).toLocalTime();
                return s.isBefore(e) ? !t.isBefore(s) && t.isBefore(e) : !t.isBefore(s) || t.isBefore(e);
            } catch (DateTimeException e) {
                return false;
            }
        }
    }

    public AlertRules {
        kinds = kinds == null ? Map.of() : Map.copyOf(kinds);
        dailyBudgets = dailyBudgets == null ? Map.of() : Map.copyOf(dailyBudgets);
        sensitivity = sensitivity == null ? "medium" : sensitivity;
    }

    /** Every detector on, default thresholds, medium sensitivity, no quiet hours, no budgets. */
    public static AlertRules defaults(String orgId) {
        return new AlertRules(orgId, Map.of(), "medium", null, Map.of(), null);
    }

    public boolean enabled(AlertKind kind) {
        KindRule r = kinds.get(kind.wire());
        return r == null || r.enabled();
    }

    public double threshold(AlertKind kind) {
        KindRule r = kinds.get(kind.wire());
        return r == null || r.threshold() == null ? DEFAULT_THRESHOLDS.get(kind.wire()) : r.threshold();
    }

    /** How many robust deviations from the baseline count as abnormal. */
    public double zLimit() {
        return switch (sensitivity) {
            case "low" -> 4.5;
            case "high" -> 2.5;
            default -> 3.5;
        };
    }

    public boolean quietAt(Instant at) {
        return quietHours != null && quietHours.contains(at);
    }

    public AlertRules withOrg(String org, Instant at) {
        return new AlertRules(org, kinds, sensitivity, quietHours, dailyBudgets, at);
    }

    /** Everything wrong with these rules, each message naming the field; empty when valid. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        if (orgId != null) {
            try {
                UUID.fromString(orgId);
            } catch (IllegalArgumentException e) {
                out.add("orgId '" + orgId + "' is not a UUID");
            }
        }
        for (Map.Entry<String, KindRule> e : new LinkedHashMap<>(kinds).entrySet()) {
            if (AlertKind.parse(e.getKey()).isEmpty()) {
                out.add("kinds: unknown alert kind '" + e.getKey() + "' (known: spend_spike, roas_drop, cpa_spike, "
                        + "conversion_drop, tracking_break, budget_pacing, creative_fatigue)");
            } else if (e.getValue() == null) {
                out.add("kinds." + e.getKey() + ": give {\"enabled\": true|false, \"threshold\": number}");
            } else if (e.getValue().threshold() != null
                    && !(e.getValue().threshold() > 0 && e.getValue().threshold() <= 10)) {
                out.add("kinds." + e.getKey() + ".threshold must be a relative change above 0 and at most 10, was "
                        + e.getValue().threshold());
            }
        }
        if (!List.of("low", "medium", "high").contains(sensitivity)) {
            out.add("sensitivity must be low, medium or high, was '" + sensitivity + "'");
        }
        if (quietHours != null) {
            try {
                LocalTime.parse(String.valueOf(quietHours.start()));
                LocalTime.parse(String.valueOf(quietHours.end()));
            } catch (DateTimeParseException e) {
                out.add("quietHours.start and .end must be local times like 22:00");
            }
            try {
                ZoneId.of(String.valueOf(quietHours.timeZone()));
            } catch (DateTimeException e) {
                out.add("quietHours.timeZone '" + quietHours.timeZone() + "' is not a time zone (e.g. Europe/Berlin)");
            }
        }
        for (Map.Entry<String, BigDecimal> e : dailyBudgets.entrySet()) {
            try {
                UUID.fromString(e.getKey());
            } catch (IllegalArgumentException ex) {
                out.add("dailyBudgets: key '" + e.getKey() + "' is not a channel id (UUID)");
            }
            if (e.getValue() == null || e.getValue().signum() <= 0) {
                out.add("dailyBudgets." + e.getKey() + " must be a positive amount");
            }
        }
        return out;
    }
}
