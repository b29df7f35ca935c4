package ai.omnify.server.db;

/** The database failed or could not be reached. Its message may name SQL, never credentials; clients never see it. */
public class DataAccessException extends RuntimeException {
    private final boolean unavailable;

    public DataAccessException(String message, Throwable cause, boolean unavailable) {
        super(message, cause);
        this.unavailable = unavailable;
    }

    /** True when no connection could be had (pool exhausted, database down): worth a 503 rather than a 500. */
    public boolean unavailable() {
        return unavailable;
    }
}
