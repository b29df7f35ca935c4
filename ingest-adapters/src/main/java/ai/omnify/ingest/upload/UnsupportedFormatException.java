package ai.omnify.ingest.upload;

/** The body's media type, charset or encoding is not one this service reads. */
public final class UnsupportedFormatException extends RuntimeException {
    public UnsupportedFormatException(String message) {
        super(message);
    }
}
