package ai.omnify.ingest.auth;

/** The API key could not be checked because its store did not answer; the request may be retried. */
public final class AuthUnavailableException extends RuntimeException {
    public AuthUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
