package ai.omnify.jobs.common;

import ai.omnify.model.Topic;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes a record to a topic with the topic's codec: keyed and written as JSON, as the contract says. */
public final class JsonRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private final String name;
    private final Topic<T> topic;

    /** @param name the deployment's name of {@code topic} ({@code Topics#name}) */
    public JsonRecordSerializer(String name, Topic<T> topic) {
        this.name = name;
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        String k = topic.key(element);
        // no record timestamp from Flink: a row emitted by an event-time timer carries the timer's time (up to the
        // allowed lateness in the future at end of input), which Kafka refuses; the producer stamps the send time
        return new ProducerRecord<>(name, null, null, k == null ? null : k.getBytes(StandardCharsets.UTF_8),
                topic.writeBytes(element));
    }
}
