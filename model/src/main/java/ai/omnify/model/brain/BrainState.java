package ai.omnify.model.brain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One version of an organization's brain: value of {@code omnify.brain} (keyed by org) and a row of
 * {@code brain_states}. Every amount is in {@link #currency}, the organization's reporting currency.
 *
 * @param asOfDate the latest day of data the state was computed from (event time): forecasts start after it
 * @param computedAt when this version was made (processing time)
 * @param summary a short executive summary (template text, or model-written text whose numbers all come from here)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BrainState(
        String orgId,
        long version,
        Instant computedAt,
        LocalDate asOfDate,
        String currency,
        Memory memory,
        Oracle oracle,
        Curiosity curiosity,
        String summary) {

    public BrainState {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(oracle, "oracle");
        Objects.requireNonNull(curiosity, "curiosity");
    }

    public BrainState withVersion(long v, Instant at) {
        return new BrainState(orgId, v, at, asOfDate, currency, memory, oracle, curiosity, summary);
    }

    public BrainState withSummary(String text) {
        return new BrainState(orgId, version, computedAt, asOfDate, currency, memory, oracle, curiosity, text);
    }

    /** Kafka key. */
    @JsonIgnore
    public String key() {
        return orgId;
    }
}
