package ai.omnify.simulator.ingest;

/** A batch the ingest service did not take; the message says what to do about it. */
public final class IngestException extends Exception {
    private final boolean retryable;

    public IngestException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    /** True when trying again later may work (the service was down or overloaded), false when the request is wrong. */
    public boolean retryable() {
        return retryable;
    }
}
