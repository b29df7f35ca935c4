package ai.omnify.jobs.common;

import ai.omnify.model.Json;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes a record as JSON (the model's codec) to a topic, keyed as the contract says. */
public final class JsonRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {
    private static final long serialVersionUID = 1L;
    private final String topic;
    private final SerializableFunction<T, String> key;

    public JsonRecordSerializer(String topic, SerializableFunction<T, String> key) {
        this.topic = topic;
        this.key = key;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        String k = key.apply(element);
        return new ProducerRecord<>(topic, null, timestamp, k == null ? null : k.getBytes(StandardCharsets.UTF_8),
                Json.writeBytes(element));
    }
}
