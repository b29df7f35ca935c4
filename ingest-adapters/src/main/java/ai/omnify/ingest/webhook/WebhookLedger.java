package ai.omnify.ingest.webhook;

import java.util.List;
import java.util.UUID;

/** Webhook deliveries already taken, by delivery or event id, per organization and platform. */
public interface WebhookLedger {
    /** True when any of the keys was recorded. */
    boolean seen(UUID orgId, String platform, List<String> keys);

    /** Records the keys (after the delivery's records are durable). */
    void record(UUID orgId, String platform, List<String> keys, String topic, UUID connectionId);
}
