package ai.omnify.ingest.sync;

/** Another execution claimed the run (this one was presumed dead and taken over): stop without writing. */
public final class LostRunException extends RuntimeException {
    public LostRunException(String message) {
        super(message);
    }
}
