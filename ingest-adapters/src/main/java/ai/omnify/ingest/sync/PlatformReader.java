package ai.omnify.ingest.sync;

/**
 * Reads one connection's data from its platform: the seam between the platform clients ({@code ai.omnify.ingest.meta},
 * {@code .google}, {@code .tiktok}, {@code .shopify}) and the sync machinery (scheduler, cursors, progress, webhooks).
 *
 * <p>An implementation pages through the platform's API for {@link SyncRequest#from()}..{@link SyncRequest#to()}
 * (ad platforms: snapshots per ad and day, in the account's time zone and currency) or, for Shopify, orders updated
 * since {@link SyncRequest#updatedSince()}; it hands every record to {@link SyncOutput#insight} or
 * {@link SyncOutput#order} and, after each page whose records are all handed over, calls
 * {@link SyncOutput#pageDone} with the cursor from which a later call can resume. Given
 * {@link SyncRequest#resumeCursor()}, it starts from there and does not re-read earlier pages.
 *
 * <p>It handles rate limits and transient faults itself (slows down on the platform's usage signals; retries 429, 5xx
 * and timeouts with exponential backoff and full jitter, honouring Retry-After) and throws only when it cannot go on:
 * {@link PlatformException.Permanent} (revoked or expired token, permission removed: the connection must be
 * re-authorized, never retried) or {@link PlatformException.Transient} (retries exhausted or circuit open: try at
 * the next run).
 */
public interface PlatformReader {
    /** @return what was read; the caller records it in the sync run */
    SyncSummary read(SyncRequest request, SyncOutput output) throws PlatformException;
}
