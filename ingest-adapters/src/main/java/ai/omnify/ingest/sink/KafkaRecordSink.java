package ai.omnify.ingest.sink;

import ai.omnify.ingest.config.IngestConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka sink: one idempotent producer with {@code acks=all} shared by all requests. Every send carries a callback;
 * delivery is bounded by {@code delivery.timeout.ms}, and a send waits at most {@code max.block.ms} for metadata or
 * buffer space, so a request never hangs on an unreachable broker.
 */
public final class KafkaRecordSink implements RecordSink {
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

    private final Producer<String, String> producer;
    private final Admin admin;

    public KafkaRecordSink(Producer<String, String> producer, Admin admin) {
        this.producer = producer;
        this.admin = admin;
    }

    public static KafkaRecordSink create(IngestConfig config) {
        Properties props = producerProperties(config.kafkaBootstrapServers(), config.kafkaDeliveryTimeout(),
                config.kafkaMaxBlock());
        Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "omnify-ingest-health",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) HEALTH_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) HEALTH_TIMEOUT.toMillis()));
        return new KafkaRecordSink(new KafkaProducer<>(props), admin);
    }

    /** The producer settings: idempotent, acks=all, lz4, small linger, bounded delivery and blocking. */
    public static Properties producerProperties(String bootstrapServers, Duration deliveryTimeout, Duration maxBlock) {
        int linger = 5;
        long delivery = deliveryTimeout.toMillis();
        // delivery.timeout.ms must be >= linger.ms + request.timeout.ms
        long request = Math.max(500, Math.min(15_000, (delivery - linger) / 2));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "omnify-ingest");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
        p.put(ProducerConfig.LINGER_MS_CONFIG, linger);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) request);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlock.toMillis());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return p;
    }

    @Override
    public void send(String topic, String key, String value, Callback callback) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value), (metadata, exception) -> callback.onComplete(exception));
        } catch (RuntimeException e) {
            // most failures arrive through the callback; a few (closed producer, serialization) are thrown
            callback.onComplete(e);
        }
    }

    @Override
    public boolean isReachable() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) HEALTH_TIMEOUT.toMillis()))
                    .nodes().get(HEALTH_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** Sends what is buffered (waiting at most 10 s), then closes. */
    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
        admin.close(Duration.ofSeconds(2));
    }
}
