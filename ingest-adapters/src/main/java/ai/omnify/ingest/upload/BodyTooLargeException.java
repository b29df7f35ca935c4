package ai.omnify.ingest.upload;

import java.io.IOException;

/** The request body is longer than the configured limit. */
public final class BodyTooLargeException extends IOException {
    private final long limit;

    public BodyTooLargeException(long limit) {
        super("the body is larger than " + limit + " bytes: split it into smaller requests");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
