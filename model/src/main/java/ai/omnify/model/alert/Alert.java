package ai.omnify.model.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One state of one incident: value of {@code omnify.alerts}, keyed {@code org:alertKey}. The detection job emits a
 * new record each time the incident opens, escalates or resolves; consumers keep the latest per {@code id}.
 *
 * @param id the incident's id: the same on every record of one incident (opened, escalated, resolved)
 * @param orgId the organization
 * @param alertKey the incident key, {@code kind:target} (e.g. {@code spend_spike:channel:<uuid>}); one open incident
 *     per key at a time
 * @param kind {@link AlertKind#wire()}
 * @param severity {@code info}, {@code warning} or {@code critical}
 * @param status {@code open} (first record and escalations) or {@code resolved}
 * @param channelId the channel concerned, if any
 * @param creativeId the creative concerned, if any
 * @param metric the metric observed (e.g. {@code spend}, {@code roas}, {@code ctr})
 * @param windowStart start of the data window that shows it (event time)
 * @param windowEnd end of that window (event time, exclusive)
 * @param observed the metric's value in the window
 * @param expected what the baseline expected for the window
 * @param deviation how far from normal, in robust z (MADs) or as a ratio, as the detector defines it
 * @param since when the incident started (event time of its first anomalous window)
 * @param detectedAt when this record was made (processing time)
 * @param explanation a short plain-language explanation built from the numbers above
 * @param revision 1 when the incident opens, one more at each escalation and at resolution: a consumer (and the
 *     {@code alerts} upsert) keeps the highest, so a replayed older record never undoes a newer one
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Alert(
        String id,
        String orgId,
        String alertKey,
        String kind,
        String severity,
        String status,
        String channelId,
        String creativeId,
        String metric,
        Instant windowStart,
        Instant windowEnd,
        BigDecimal observed,
        BigDecimal expected,
        BigDecimal deviation,
        Instant since,
        Instant detectedAt,
        String explanation,
        int revision) {
    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(alertKey, "alertKey");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(status, "status");
    }

    /** The first record of an incident (revision 1). */
    public Alert(String id, String orgId, String alertKey, String kind, String severity, String status, String channelId,
            String creativeId, String metric, Instant windowStart, Instant windowEnd, BigDecimal observed,
            BigDecimal expected, BigDecimal deviation, Instant since, Instant detectedAt, String explanation) {
        this(id, orgId, alertKey, kind, severity, status, channelId, creativeId, metric, windowStart, windowEnd, observed,
                expected, deviation, since, detectedAt, explanation, 1);
    }

    /** Kafka key. */
    public String key() {
        return orgId + ":" + alertKey;
    }
}
