package ai.omnify.jobs.brain;

import ai.omnify.jobs.common.FlinkTypes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * {@code omnify.channel-metrics}, {@code omnify.alerts} and {@code omnify.ad-entities} from the group's committed
 * offsets (the earliest the first time). The changelog's retention is limited, so what it no longer holds comes from
 * PostgreSQL ({@link LoadHistoryFn}). The brain keeps no event-time timers: no watermarks.
 *
 * @param adEntitiesTopic null: the ads' copy is not read
 */
public record KafkaBrainSources(String bootstrapServers, String metricsTopic, String alertsTopic,
        String adEntitiesTopic, String groupId) implements BrainSources {

    /** Metrics and alerts only. */
    public KafkaBrainSources(String bootstrapServers, String metricsTopic, String alertsTopic, String groupId) {
        this(bootstrapServers, metricsTopic, alertsTopic, null, groupId);
    }

    @Override
    public DataStream<BrainInput> metrics(StreamExecutionEnvironment env) {
        return env.fromSource(source(metricsTopic, Kind.METRICS), WatermarkStrategy.noWatermarks(),
                "Kafka: " + metricsTopic).uid("source-channel-metrics");
    }

    @Override
    public DataStream<BrainInput> alerts(StreamExecutionEnvironment env) {
        return env.fromSource(source(alertsTopic, Kind.ALERTS), WatermarkStrategy.noWatermarks(), "Kafka: " + alertsTopic)
                .uid("source-alerts");
    }

    @Override
    public DataStream<BrainInput> adEntities(StreamExecutionEnvironment env) {
        if (adEntitiesTopic == null) {
            return null;
        }
        return env.fromSource(source(adEntitiesTopic, Kind.AD_ENTITIES), WatermarkStrategy.noWatermarks(),
                "Kafka: " + adEntitiesTopic).uid("source-ad-entities");
    }

    private KafkaSource<BrainInput> source(String topic, Kind kind) {
        return KafkaSource.<BrainInput>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new Deserializer(kind))
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
    }

    enum Kind { METRICS, ALERTS, AD_ENTITIES }

    /** Parse-in-the-source: a valid input, a dead letter, or nothing (hour rows). */
    static final class Deserializer implements KafkaRecordDeserializationSchema<BrainInput> {
        private static final long serialVersionUID = 1L;
        private final Kind kind;

        Deserializer(Kind kind) {
            this.kind = kind;
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<BrainInput> out) {
            String value = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
            Instant at = Instant.ofEpochMilli(record.timestamp());
            BrainInput in = switch (kind) {
                case METRICS -> BrainParser.metrics(value, at);
                case ALERTS -> BrainParser.alert(value, at);
                case AD_ENTITIES -> BrainParser.adEntity(value, at);
            };
            if (in != null) {
                out.collect(in);
            }
        }

        @Override
        public TypeInformation<BrainInput> getProducedType() {
            return FlinkTypes.of(BrainInput.class);
        }
    }
}
