package ai.omnify.ingest.sink;

/** The sink did not take every record of a request (failed or not acknowledged in time); the request may be retried. */
public final class SinkUnavailableException extends RuntimeException {
    public SinkUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
