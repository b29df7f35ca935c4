package ai.omnify.jobs.common;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parse-in-the-source: each Kafka record becomes an envelope (a valid record, or a dead letter with its reason), so
 * that the source can read event time per partition and nothing ever fails deserialization.
 */
public final class KafkaDeserializers {
    private KafkaDeserializers() {}

    public static final class Insights implements KafkaRecordDeserializationSchema<InsightEnvelope> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<InsightEnvelope> out) {
            out.collect(RecordParser.insight(text(record.value()), Instant.ofEpochMilli(record.timestamp())));
        }

        @Override
        public TypeInformation<InsightEnvelope> getProducedType() {
            return FlinkTypes.of(InsightEnvelope.class);
        }
    }

    public static final class Orders implements KafkaRecordDeserializationSchema<OrderEnvelope> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<OrderEnvelope> out) {
            out.collect(RecordParser.order(text(record.value()), Instant.ofEpochMilli(record.timestamp())));
        }

        @Override
        public TypeInformation<OrderEnvelope> getProducedType() {
            return FlinkTypes.of(OrderEnvelope.class);
        }
    }

    public static final class Entities implements KafkaRecordDeserializationSchema<EntityEnvelope> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<EntityEnvelope> out) {
            out.collect(RecordParser.entity(text(record.value()), Instant.ofEpochMilli(record.timestamp())));
        }

        @Override
        public TypeInformation<EntityEnvelope> getProducedType() {
            return FlinkTypes.of(EntityEnvelope.class);
        }
    }

    private static String text(byte[] value) {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
