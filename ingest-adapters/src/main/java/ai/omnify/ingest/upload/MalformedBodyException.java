package ai.omnify.ingest.upload;

/** The body as a whole cannot be read (e.g. a CSV header naming a column twice); no row of it was taken. */
public final class MalformedBodyException extends RuntimeException {
    public MalformedBodyException(String message) {
        super(message);
    }
}
