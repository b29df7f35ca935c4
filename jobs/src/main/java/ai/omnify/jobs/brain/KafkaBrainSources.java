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
 * {@code omnify.channel-metrics} and {@code omnify.alerts} from the group's committed offsets (the earliest the first
 * time, so a new brain reads the whole changelog). The brain keeps no event-time timers: no watermarks.
 */
public record KafkaBrainSources(String bootstrapServers, String metricsTopic, String alertsTopic, String groupId)
        implements BrainSources {

    @Override
    public DataStream<BrainInput> metrics(StreamExecutionEnvironment env) {
        return env.fromSource(source(metricsTopic, true), WatermarkStrategy.noWatermarks(), "Kafka: " + metricsTopic)
                .uid("source-channel-metrics");
    }

    @Override
    public DataStream<BrainInput> alerts(StreamExecutionEnvironment env) {
        return env.fromSource(source(alertsTopic, false), WatermarkStrategy.noWatermarks(), "Kafka: " + alertsTopic)
                .uid("source-alerts");
    }

    private KafkaSource<BrainInput> source(String topic, boolean metrics) {
        return KafkaSource.<BrainInput>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new Deserializer(metrics))
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
    }

    /** Parse-in-the-source: a valid input, a dead letter, or nothing (hour rows). */
    static final class Deserializer implements KafkaRecordDeserializationSchema<BrainInput> {
        private static final long serialVersionUID = 1L;
        private final boolean metrics;

        Deserializer(boolean metrics) {
            this.metrics = metrics;
        }

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<BrainInput> out) {
            String value = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
            Instant at = Instant.ofEpochMilli(record.timestamp());
            BrainInput in = metrics ? BrainParser.metrics(value, at) : BrainParser.alert(value, at);
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
