package ai.omnify.ingest.db;

/** PostgreSQL did not answer or refused a statement; the caller may retry later. */
public final class DatabaseUnavailableException extends RuntimeException {
    public DatabaseUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
