package ai.omnify.ingest.upload;

import java.util.List;

/**
 * The answer to an ingest request: rows received (blank lines not counted), accepted and rejected, and for each rejected
 * row (up to {@link IngestService#MAX_ERRORS}) its line and reason.
 */
public record IngestResult(int received, int accepted, int rejected, List<RowError> errors, boolean errorsTruncated) {

    public IngestResult {
        errors = List.copyOf(errors);
    }

    /** @param line 1-based line of the body where the row starts */
    public record RowError(int line, String reason) {}
}
