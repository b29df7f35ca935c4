package ai.omnify.jobs.detection;

import ai.omnify.jobs.common.FlinkTypes;
import ai.omnify.jobs.detection.window.BackfillSettled;
import ai.omnify.jobs.detection.window.UpstreamProgress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * {@code omnify.channel-metrics} from the job's committed offsets (earliest the first time), and
 * {@code omnify.alert-rules} always from the earliest offset (every organization's latest rules; after a restore the
 * checkpoint's offsets and broadcast state win); with {@code upstream}, the backfill barrier asking Kafka and
 * PostgreSQL how far the organizations' backfills have come.
 *
 * @param upstream where the backfill barrier asks; null: backfilled windows wait for the quiet period only
 */
public record KafkaDetectionSources(String bootstrapServers, String metricsTopic, String rulesTopic, String groupId,
        UpstreamProgress upstream) implements DetectionSources {

    /** Without the backfill barrier. */
    public KafkaDetectionSources(String bootstrapServers, String metricsTopic, String rulesTopic, String groupId) {
        this(bootstrapServers, metricsTopic, rulesTopic, groupId, null);
    }

    @Override
    public DataStream<MetricsEnvelope> metrics(StreamExecutionEnvironment env,
            WatermarkStrategy<MetricsEnvelope> watermarks) {
        KafkaSource<MetricsEnvelope> source = KafkaSource.<MetricsEnvelope>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(metricsTopic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new MetricsDeserializer())
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
        return env.fromSource(source, watermarks, "Kafka: " + metricsTopic).uid("source-channel-metrics");
    }

    @Override
    public DataStream<String> rules(StreamExecutionEnvironment env) {
        KafkaSource<String> source = KafkaSource.<String>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(rulesTopic)
                .setGroupId(groupId + "-rules")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new RulesDeserializer())
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "Kafka: " + rulesTopic)
                .uid("source-alert-rules");
    }

    @Override
    public DataStream<BackfillSettled> backfillProgress(StreamExecutionEnvironment env) {
        return upstream == null ? null : upstream.stream(env);
    }

    static final class MetricsDeserializer implements KafkaRecordDeserializationSchema<MetricsEnvelope> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<MetricsEnvelope> out) {
            String v = record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
            out.collect(MetricsRowParser.parse(v, Instant.ofEpochMilli(record.timestamp())));
        }

        @Override
        public TypeInformation<MetricsEnvelope> getProducedType() {
            return FlinkTypes.of(MetricsEnvelope.class);
        }
    }

    static final class RulesDeserializer implements KafkaRecordDeserializationSchema<String> {
        private static final long serialVersionUID = 1L;

        @Override
        public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<String> out) {
            out.collect(record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8));
        }

        @Override
        public TypeInformation<String> getProducedType() {
            return Types.STRING;
        }
    }
}
