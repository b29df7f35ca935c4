package ai.omnify.ingest.upload;

/** The body has no rows (nothing, blank lines, or a CSV header alone). */
public final class EmptyBodyException extends RuntimeException {
    public EmptyBodyException(String message) {
        super(message);
    }
}
