package ai.omnify.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * A record nobody could use, with the reason. Value of {@code omnify.dead-letter}, keyed by source.
 *
 * @param payload the raw input as received (a JSON line, a CSV row, a Kafka value)
 * @param source where it came from, e.g. {@code ingest:meta}, {@code job:metrics:ad-insights}
 * @param reason why it was refused, in words a person can act on
 * @param orgId the organization, when known (so a tenant can be shown its own rejects)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeadLetter(String payload, String source, String reason, Instant receivedAt, String orgId) {

    public static DeadLetter of(String payload, String source, String reason, Instant receivedAt) {
        return new DeadLetter(payload, source, reason, receivedAt, null);
    }
}
