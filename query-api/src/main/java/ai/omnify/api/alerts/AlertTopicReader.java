package ai.omnify.api.alerts;

import ai.omnify.model.Topics;
import ai.omnify.model.alert.Alert;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll loop over {@code omnify.alerts} that the live stream and delivery share: a daemon thread that places the
 * consumer ({@link Placement}: assign or subscribe), polls, parses each record as an {@link Alert} (a record that is
 * not one is skipped with a warning: the detection job is the only producer), hands it to the {@link Handler}, and
 * optionally commits after each non-empty batch. The loop is supervised: an error never ends it (see {@link #run}),
 * and {@link #healthy()} says whether it reads, for {@code /health}. {@link #close()} wakes the consumer and waits.
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
    private volatile boolean placed;
    private volatile String lastError;
    /** The first offset of each partition in the batch being handled (the loop's thread only). */
    private final Map<TopicPartition, Long> batchStart = new HashMap<>();

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

    /**
     * True while the loop runs and its last attempt (placing, polling, committing) went through. A failing loop retries
     * and reports false until a poll succeeds again; a stopped one (closed, or its thread gone) reports false.
     */
    public boolean healthy() {
        return running && thread.isAlive() && lastError == null;
    }

    /** The error of the last failed attempt while the loop is failing, else null. */
    public String lastError() {
        return lastError;
    }

    /**
     * The supervised poll loop: any runtime error (the broker gone, a commit that timed out, a handler that threw) is
     * logged, the loop waits (doubling from 0.5 s to 30 s) and goes on; a group reader first seeks back to the start of
     * the batch that failed, so it is read again (at least once; nothing uncommitted is skipped).
     */
    private void run() {
        int failures = 0;
        try {
            while (running) {
                try {
                    if (!placed) {
                        placement.place(consumer, () -> running);
                        placed = true;
                    } else if (commitAfterBatch && !batchStart.isEmpty()) {
                        batchStart.forEach(consumer::seek);
                    }
                    batchStart.clear();
                    pollOnce();
                    batchStart.clear();
                    failures = 0;
                    lastError = null;
                } catch (WakeupException e) {
                    if (!running) {
                        break;
                    }
                } catch (RuntimeException e) {
                    failures++;
                    lastError = e.toString();
                    long waitMs = Math.min(30_000L, 500L << Math.min(failures - 1, 6));
                    LOG.error("{} failed reading {} ({} in a row); retrying in {} ms: {}", name, topic, failures, waitMs,
                            e.toString());
                    Thread.sleep(waitMs);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void pollOnce() {
        ConsumerRecords<String, String> records = consumer.poll(POLL);
        for (ConsumerRecord<String, String> r : records) {
            batchStart.putIfAbsent(new TopicPartition(r.topic(), r.partition()), r.offset());
        }
        for (ConsumerRecord<String, String> r : records) {
            var parsed = Topics.ALERTS.read(r.value());
            if (!parsed.isOk()) {
                LOG.warn("skipping a record of {} at {}-{} that is not an alert: {}", topic, r.partition(), r.offset(),
                        parsed.error());
                continue;
            }
            handler.handle(parsed.value(), r.value());
        }
        if (commitAfterBatch && !records.isEmpty()) {
            consumer.commitSync();
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
