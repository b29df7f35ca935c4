package ai.omnify.ingest.sync;

/** Why a {@link PlatformReader} could not finish. Messages name the platform's error, never a credential. */
public sealed class PlatformException extends Exception permits PlatformException.Permanent, PlatformException.Transient {
    protected PlatformException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Revoked or expired token, permission removed, account gone: mark the connection needs_reauth; never retry. */
    public static final class Permanent extends PlatformException {
        public Permanent(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Retries exhausted, circuit open, platform down: the next scheduled run tries again from the stored cursor. */
    public static final class Transient extends PlatformException {
        public Transient(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
