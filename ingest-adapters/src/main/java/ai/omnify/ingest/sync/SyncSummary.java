package ai.omnify.ingest.sync;

/**
 * What one read did.
 *
 * @param rows records handed to the output
 * @param pages pages read
 * @param requests HTTP requests made, retries included
 * @param throttled responses that were rate-limit refusals (429, Meta's throttling codes, TikTok's rate-limit codes,
 *     Shopify THROTTLED, Google RESOURCE_EXHAUSTED)
 */
public record SyncSummary(long rows, int pages, int requests, int throttled) {}
