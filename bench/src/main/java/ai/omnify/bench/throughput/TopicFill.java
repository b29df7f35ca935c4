package ai.omnify.bench.throughput;

import ai.omnify.model.Json;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Fills the ad-insights topic with a dataset, as fast as an idempotent producer with {@code acks=all} goes, with the
 * ingest service's compression (lz4), so the topic's batches look like production's.
 */
public final class TopicFill {

    /** Records written, value bytes (uncompressed), and seconds taken. */
    public record Filled(long records, long valueBytes, double seconds) {
        public double avgValueBytes() {
            return records == 0 ? 0 : (double) valueBytes / records;
        }

        public double recordsPerSecond() {
            return records / seconds;
        }
    }

    private TopicFill() {}

    public static Filled fill(String bootstrap, String topic, SnapshotDataset data) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "omnify-bench-fill");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 256L * 1024 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        AtomicLong failed = new AtomicLong();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        long[] counts = new long[2];
        long t0 = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
            data.forEach(in -> {
                byte[] value = Json.writeBytes(in);
                counts[0]++;
                counts[1] += value.length;
                producer.send(new ProducerRecord<>(topic, in.key().getBytes(StandardCharsets.UTF_8), value), (md, e) -> {
                    if (e != null) {
                        failed.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                    }
                });
            });
            producer.flush();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " records were not written to " + topic, firstFailure.get());
        }
        return new Filled(counts[0], counts[1], seconds);
    }

}
