package ai.omnify.api.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code omnify.alerts} (every partition, no consumer group: every query-api instance serves every
 * organization) from {@code replay} ago on, and hands each record to the {@link AlertHub}. A record that is not an
 * alert is skipped with a warning (the detection job is the only producer).
 */
public final class AlertStreamConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertStreamConsumer.class);
    private final AlertTopicReader reader;

    public AlertStreamConsumer(String bootstrap, String topic, Duration replay, AlertHub hub) {
        this.reader = new AlertTopicReader("the live alert stream", "alert-stream-consumer", bootstrap, topic, null,
                50, (consumer, running) -> assign(consumer, running, topic, replay),
                (alert, json) -> hub.publish(alert.orgId(), json));
    }

    public AlertStreamConsumer start() {
        reader.start();
        return this;
    }

    /** Every partition of the topic (waiting for it to exist), each from {@code replay} ago, else from its end. */
    private static void assign(KafkaConsumer<String, String> consumer, BooleanSupplier running, String topic,
            Duration replay) throws InterruptedException {
        List<PartitionInfo> parts = List.of();
        while (running.getAsBoolean()) {
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

    /** Whether its reader reads (see {@link AlertTopicReader#healthy()}). */
    public boolean healthy() {
        return reader.healthy();
    }

    @Override
    public void close() {
        reader.close();
    }
}
