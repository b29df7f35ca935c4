package ai.omnify.api.alerts;

import ai.omnify.model.Json;
import ai.omnify.model.alert.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code omnify.alerts} (every partition, no consumer group: every query-api instance serves every
 * organization) from {@code replay} ago on, and hands each record to the {@link AlertHub}. A record that is not an
 * alert is skipped with a warning (the detection job is the only producer).
 */
public final class AlertStreamConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertStreamConsumer.class);
    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final Duration replay;
    private final AlertHub hub;
    private final Thread thread;
    private volatile boolean running = true;

    public AlertStreamConsumer(String bootstrap, String topic, Duration replay, AlertHub hub) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(p);
        this.topic = topic;
        this.replay = replay;
        this.hub = hub;
        this.thread = new Thread(this::run, "alert-stream-consumer");
        thread.setDaemon(true);
    }

    public AlertStreamConsumer start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            assign();
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    var parsed = Json.read(r.value(), Alert.class);
                    if (!parsed.isOk()) {
                        LOG.warn("skipping a record of {} at {}-{} that is not an alert: {}", topic, r.partition(),
                                r.offset(), parsed.error());
                        continue;
                    }
                    hub.publish(parsed.value().orgId(), r.value());
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("the live alert stream stopped reading {}: {}", topic, e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void assign() throws InterruptedException {
        List<PartitionInfo> parts = List.of();
        while (running) {
            parts = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (parts != null && !parts.isEmpty()) {
                break;
            }
            LOG.warn("topic {} not found yet; the live alert stream waits for it (create it with 'infra/omnify "
                    + "topics')", topic);
            Thread.sleep(2000);
        }
        List<TopicPartition> tps = parts.stream().map(pi -> new TopicPartition(topic, pi.partition())).toList();
        consumer.assign(tps);
        Map<TopicPartition, Long> at = new HashMap<>();
        long from = Instant.now().minus(replay).toEpochMilli();
        tps.forEach(tp -> at.put(tp, from));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(at);
        for (TopicPartition tp : tps) {
            OffsetAndTimestamp o = offsets.get(tp);
            if (o != null) {
                consumer.seek(tp, o.offset());
            } else {
                consumer.seekToEnd(List.of(tp));
            }
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
