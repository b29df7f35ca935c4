package ai.omnify.jobs.detection.lifecycle;

import ai.omnify.jobs.detection.IncidentState;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.alert.AlertKind;
import ai.omnify.model.alert.AlertRules;
import ai.omnify.model.alert.Severity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * The life of one incident key (org, kind, target), as a pure function: a reading comes in, the new state and the
 * alert record to emit (if any) come out.
 * <ul>
 *   <li>An anomaly with no open incident opens one (one id for the incident's whole life), unless the key is in its
 *       cooldown after a resolution, or the rules' quiet hours hold a non-critical alert back (it opens at the next
 *       anomalous window outside them).</li>
 *   <li>An anomaly of higher severity on an open incident escalates it (same id, next revision); equal or lower
 *       severity emits nothing.</li>
 *   <li>{@code resolveAfter} consecutive normal readings resolve it.</li>
 *   <li>No reading (warm-up, no volume) changes nothing.</li>
 * </ul>
 * Time is data time (window ends), so a replay decides the same; {@code now} only stamps {@code detectedAt}.
 */
public final class AlertLifecycle {
    public static final String OPEN = "open";
    public static final String RESOLVED = "resolved";

    private AlertLifecycle() {}

    /** The new state (null: forget the key) and the record to emit (null: none). */
    public record Step(IncidentState state, Alert alert) {}

    public static Step step(IncidentState s, Reading r, Target t, AlertRules rules, int resolveAfter,
            Duration cooldown, Instant now) {
        if (r == null) {
            return new Step(s, null);
        }
        long windowEnd = t.windowEnd().toEpochMilli();
        long windowStart = t.windowStart().toEpochMilli();
        if (r.anomalous()) {
            if (s != null && s.open()) {
                Severity current = Severity.parse(s.severity()).orElse(Severity.INFO);
                if (r.severity().isAbove(current)) {
                    IncidentState next = new IncidentState(s.id(), s.since(), r.severity().wire(), s.revision() + 1,
                            true, 0, 0);
                    return new Step(next, alert(next, r, t, OPEN, "Escalated to " + r.severity().wire() + ": "
                            + r.explanation(), now));
                }
                return new Step(new IncidentState(s.id(), s.since(), s.severity(), s.revision(), true, 0, 0), null);
            }
            if (s != null && windowStart < s.resolvedAt() + cooldown.toMillis()) {
                return new Step(s, null); // cooldown after the last incident of this key
            }
            if (r.severity() != Severity.CRITICAL && rules.quietAt(now)) {
                return new Step(s, null); // quiet hours: held back, reconsidered at the next window
            }
            long since = t.windowStart().toEpochMilli();
            IncidentState opened = new IncidentState(incidentId(t.orgId(), alertKey(r.kind(), t), since), since,
                    r.severity().wire(), 1, true, 0, 0);
            return new Step(opened, alert(opened, r, t, OPEN, r.explanation(), now));
        }
        if (s == null) {
            return new Step(null, null);
        }
        if (!s.open()) {
            // resolved: kept for the cooldown, then forgotten
            return new Step(windowStart >= s.resolvedAt() + cooldown.toMillis() ? null : s, null);
        }
        int streak = s.normalStreak() + 1;
        if (streak < resolveAfter) {
            return new Step(new IncidentState(s.id(), s.since(), s.severity(), s.revision(), true, streak, 0), null);
        }
        IncidentState resolved = new IncidentState(s.id(), s.since(), s.severity(), s.revision() + 1, false, 0,
                windowEnd);
        String why = String.format(Locale.ROOT, "Back to normal: %s %s against %s expected, %d window(s) in a row.",
                r.metric(), Wording.num(r.observed()), Wording.num(r.expected()), streak);
        return new Step(resolved, alert(resolved, r, t, RESOLVED, why, now));
    }

    /** {@code kind:level:target}, e.g. {@code spend_spike:channel:<uuid>}. */
    public static String alertKey(AlertKind kind, Target t) {
        return kind.wire() + ":" + t.level() + ":" + t.targetId();
    }

    /** The same incident always gets the same id (a replay upserts the same row). */
    public static String incidentId(String orgId, String alertKey, long since) {
        return UUID.nameUUIDFromBytes((orgId + "|" + alertKey + "|" + since).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    private static Alert alert(IncidentState s, Reading r, Target t, String status, String explanation, Instant now) {
        return new Alert(s.id(), t.orgId(), alertKey(r.kind(), t), r.kind().wire(), s.severity(), status,
                t.channelId(), t.creativeId(), r.metric(), t.windowStart(), t.windowEnd(), decimal(r.observed()),
                decimal(r.expected()), decimal(r.deviation()), Instant.ofEpochMilli(s.since()), now, explanation,
                s.revision());
    }

    static BigDecimal decimal(double x) {
        if (!Double.isFinite(x) || Math.abs(x) > 1e12) {
            return null;
        }
        return BigDecimal.valueOf(x).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }
}
