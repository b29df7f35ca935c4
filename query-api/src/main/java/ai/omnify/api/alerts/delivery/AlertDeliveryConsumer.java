package ai.omnify.api.alerts.delivery;

import ai.omnify.model.Json;
import ai.omnify.model.alert.Alert;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code omnify.alerts} in a consumer group (each record delivered by one query-api instance) and hands every
 * record to the {@link AlertDeliveryService}; offsets are committed after the records are handed over (webhook
 * retries continue in the background: a crash during them loses those retries, documented).
 */
public final class AlertDeliveryConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertDeliveryConsumer.class);
    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final AlertDeliveryService delivery;
    private final Thread thread;
    private volatile boolean running = true;

    public AlertDeliveryConsumer(String bootstrap, String topic, String groupId, AlertDeliveryService delivery) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(p);
        this.topic = topic;
        this.delivery = delivery;
        this.thread = new Thread(this::run, "alert-delivery-consumer");
        thread.setDaemon(true);
    }

    public AlertDeliveryConsumer start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(topic));
            while (running) {
                var records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> r : records) {
                    var parsed = Json.read(r.value(), Alert.class);
                    if (!parsed.isOk()) {
                        LOG.warn("skipping a record of {} that is not an alert: {}", topic, parsed.error());
                        continue;
                    }
                    try {
                        delivery.deliver(parsed.value());
                    } catch (RuntimeException e) {
                        LOG.warn("cannot deliver alert {}: {}", parsed.value().id(), e.toString());
                    }
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("alert delivery stopped reading {}: {}", topic, e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
