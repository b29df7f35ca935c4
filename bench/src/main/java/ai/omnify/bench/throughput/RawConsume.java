package ai.omnify.bench.throughput;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The ceiling: how fast a plain consumer reads the whole topic on this machine. One {@link KafkaConsumer} with byte[]
 * deserializers and large fetches, assigned every partition, from the beginning to the end offsets; and Kafka's own
 * {@code ConsumerPerformance} tool in a separate JVM, for comparison.
 */
public final class RawConsume {
    private RawConsume() {}

    /** Records and bytes read, seconds from the first poll to the last record. */
    public record Read(long records, long bytes, double seconds) {
        public double recordsPerSecond() {
            return records / seconds;
        }
    }

    public static Read readAll(String bootstrap, String topic) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-raw-" + UUID.randomUUID());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        p.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        p.put(ConsumerConfig.RECEIVE_BUFFER_CONFIG, 4 * 1024 * 1024);
        p.put(ConsumerConfig.CHECK_CRCS_CONFIG, true);
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p)) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(15)).stream()
                    .map(pi -> new TopicPartition(topic, pi.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long expected = end.values().stream().mapToLong(Long::longValue).sum();
            long records = 0;
            long bytes = 0;
            long t0 = System.nanoTime();
            long deadline = t0 + TimeUnit.MINUTES.toNanos(5);
            while (records < expected) {
                ConsumerRecords<byte[], byte[]> batch = c.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> r : batch) {
                    records++;
                    bytes += r.serializedValueSize();
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("read only " + records + " of " + expected + " records of " + topic);
                }
            }
            return new Read(records, bytes, (System.nanoTime() - t0) / 1e9);
        }
    }

    /**
     * Kafka's {@code ConsumerPerformance} (kafka-tools) on the same topic, in its own JVM with the broker's jars:
     * {@code fetch.nMsg.sec} (excluding the group join), or empty when the tool is not there.
     */
    public static Optional<Double> consumerPerformance(Path kafkaLib, String bootstrap, String topic, long records) {
        if (kafkaLib == null || !Files.isDirectory(kafkaLib)) {
            return Optional.empty();
        }
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String group = "bench-perf-" + UUID.randomUUID();
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-Xmx1g", "-cp", kafkaLib + File.separator + "*",
                "org.apache.kafka.tools.ConsumerPerformance", "--bootstrap-server", bootstrap, "--topic", topic,
                "--messages", Long.toString(records), "--timeout", "60000", "--group", group,
                "--fetch-size", Integer.toString(16 * 1024 * 1024), "--hide-header"));
        try {
            return runConsumerPerformance(cmd);
        } finally {
            ai.omnify.bench.Cleanup.deleteGroups(List.of(group));
        }
    }

    private static Optional<Double> runConsumerPerformance(List<String> cmd) {
        try {
            Process proc = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            List<String> lines = new ArrayList<>();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
                String l;
                while ((l = r.readLine()) != null) {
                    lines.add(l);
                }
            }
            if (!proc.waitFor(3, TimeUnit.MINUTES)) {
                proc.destroy();
                return Optional.empty();
            }
            // start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms,
            // fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
            for (String l : lines) {
                String[] f = l.split(",\\s*");
                if (f.length >= 10 && f[4].trim().matches("\\d+")) {
                    return Optional.of(Double.parseDouble(f[9].trim()));
                }
            }
            System.err.println("bench: ConsumerPerformance printed no figures:\n  " + String.join("\n  ", lines));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
