package ai.omnify.ingest.webhook;

import java.util.List;
import java.util.UUID;

/**
 * Webhook deliveries taken, by delivery or event id, per organization and platform. A delivery is claimed before its
 * records are written (one round trip on the request path) and released again when they could not be written, so the
 * platform's retry of it is taken, not answered as a duplicate.
 */
public interface WebhookLedger {
    /**
     * Claims the delivery.
     *
     * @return false when any of the keys was claimed before (a duplicate); true when this call claimed it
     */
    boolean claim(UUID orgId, String platform, List<String> keys, String topic, UUID connectionId);

    /** Releases a claim whose records were not written. */
    void release(UUID orgId, String platform, List<String> keys);
}
