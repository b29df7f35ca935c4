package ai.omnify.simulator.ingest;

import java.util.List;

/**
 * The ingest service's answer to a batch: {@code {"received","accepted","rejected","errors":[{"line","reason"}]}},
 * {@code line} being the 1-based line of the batch.
 */
public record IngestResponse(Integer received, Integer accepted, Integer rejected, List<RowError> errors) {

    public record RowError(Integer line, String reason) {}

    public IngestResponse {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public boolean hasCounts() {
        return received != null && accepted != null && rejected != null;
    }
}
