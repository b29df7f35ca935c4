package ai.omnify.api.alerts;

import ai.omnify.model.Topics;
import ai.omnify.model.alert.Alert;
import java.time.Duration;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll loop over {@code omnify.alerts} that the live stream and delivery share: a daemon thread that places the
 * consumer ({@link Placement}: assign or subscribe), polls, parses each record as an {@link Alert} (a record that is
 * not one is skipped with a warning: the detection job is the only producer), hands it to the {@link Handler}, and
 * optionally commits after each non-empty batch. {@link #close()} wakes the consumer and waits for the thread.
 */
public final class AlertTopicReader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(500);

    /** Where the consumer starts; may wait (e.g. for the topic) while {@code running} holds. */
    @FunctionalInterface
    public interface Placement {
        void place(KafkaConsumer<String, String> consumer, BooleanSupplier running) throws InterruptedException;
    }

    /** One alert record: the parsed alert and its JSON as it was on the topic. */
    @FunctionalInterface
    public interface Handler {
        void handle(Alert alert, String json);
    }

    private final String name;
    private final String topic;
    private final KafkaConsumer<String, String> consumer;
    private final Placement placement;
    private final Handler handler;
    private final boolean commitAfterBatch;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param name what reads, for the thread and the logs (e.g. "the live alert stream")
     * @param groupId the consumer group, or null for none (then offsets are never committed)
     * @param fetchMaxWaitMs how long the broker may hold a fetch for data
     */
    public AlertTopicReader(String name, String threadName, String bootstrap, String topic, String groupId,
            int fetchMaxWaitMs, Placement placement, Handler handler) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        if (groupId != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, fetchMaxWaitMs);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(p);
        this.name = name;
        this.topic = topic;
        this.placement = placement;
        this.handler = handler;
        this.commitAfterBatch = groupId != null;
        this.thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
    }

    public AlertTopicReader start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            placement.place(consumer, () -> running);
            while (running) {
                ConsumerRecords<String, String> records = consumer.poll(POLL);
                for (ConsumerRecord<String, String> r : records) {
                    var parsed = Topics.ALERTS.read(r.value());
                    if (!parsed.isOk()) {
                        LOG.warn("skipping a record of {} at {}-{} that is not an alert: {}", topic, r.partition(),
                                r.offset(), parsed.error());
                        continue;
                    }
                    handler.handle(parsed.value(), r.value());
                }
                if (commitAfterBatch && !records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("{} stopped reading {}: {}", name, topic, e.toString());
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
