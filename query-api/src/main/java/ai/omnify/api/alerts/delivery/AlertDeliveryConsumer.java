package ai.omnify.api.alerts.delivery;

import ai.omnify.api.alerts.AlertTopicReader;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code omnify.alerts} in a consumer group (each record delivered by one query-api instance) and hands every
 * record to the {@link AlertDeliveryService}; offsets are committed after the records are handed over (webhook
 * retries continue in the background: a crash during them leaves a claim that a replay may take over after 15
 * minutes). A batch that failed (the database down) is read again; the claims keep each revision sent once.
 */
public final class AlertDeliveryConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertDeliveryConsumer.class);
    private final AlertTopicReader reader;

    public AlertDeliveryConsumer(String bootstrap, String topic, String groupId, AlertDeliveryService delivery) {
        this.reader = new AlertTopicReader("alert delivery", "alert-delivery-consumer", bootstrap, topic, groupId, 100,
                (consumer, running) -> consumer.subscribe(List.of(topic)),
                (alert, json) -> {
                    try {
                        delivery.deliver(alert);
                    } catch (IllegalArgumentException e) {
                        // the record itself is wrong (e.g. an organization id that is no UUID): reading it again
                        // cannot help; anything else (the database down) is thrown, and the batch is read again
                        LOG.warn("cannot deliver alert {}: {}", alert.id(), e.toString());
                    }
                });
    }

    public AlertDeliveryConsumer start() {
        reader.start();
        return this;
    }

    /** Whether its reader reads (see {@link AlertTopicReader#healthy()}). */
    public boolean healthy() {
        return reader.healthy();
    }

    @Override
    public void close() {
        reader.close();
    }
}
