package ai.omnify.jobs.metrics;

import ai.omnify.jobs.common.EntityEnvelope;
import ai.omnify.jobs.common.InsightEnvelope;
import ai.omnify.jobs.common.KafkaDeserializers;
import ai.omnify.jobs.common.OrderEnvelope;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The topics {@code omnify.ad-insights}, {@code omnify.orders} and (when given) {@code omnify.ad-entities}, from the committed offsets of the job's consumer
 * group (the earliest offset the first time). After a restore, the offsets in the checkpoint win.
 *
 * <p>The consumer fetches at most {@link #PARTITION_FETCH_BYTES} per partition and request, so a backlog
 * (a replay, a restart after an outage) is read from the partitions interleaved at a fine grain. With Kafka's default
 * (1 MiB per partition, several days of a brand's polls) one ad-insights partition ran days ahead of the other, and a
 * channel-day looked complete from one partition's ads while the other's were not read yet. Live, polls are small and
 * this changes nothing.
 */
public record KafkaMetricsSources(String bootstrapServers, String insightsTopic, String ordersTopic, String groupId,
        String entitiesTopic) implements MetricsSources {
    /** Most bytes fetched per partition and request (Kafka's {@code max.partition.fetch.bytes}). */
    static final String PARTITION_FETCH_BYTES = "32768";

    /** Without the ad entities (the creatives keep what the insights say). */
    public KafkaMetricsSources(String bootstrapServers, String insightsTopic, String ordersTopic, String groupId) {
        this(bootstrapServers, insightsTopic, ordersTopic, groupId, null);
    }

    @Override
    public DataStream<EntityEnvelope> entities(StreamExecutionEnvironment env) {
        if (entitiesTopic == null) {
            return null;
        }
        KafkaSource<EntityEnvelope> source = KafkaSource.<EntityEnvelope>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(entitiesTopic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new KafkaDeserializers.Entities())
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "Kafka: " + entitiesTopic).uid("source-ad-entities");
    }

    @Override
    public DataStream<InsightEnvelope> insights(StreamExecutionEnvironment env, WatermarkStrategy<InsightEnvelope> watermarks) {
        KafkaSource<InsightEnvelope> source = KafkaSource.<InsightEnvelope>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(insightsTopic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new KafkaDeserializers.Insights())
                .setProperty("partition.discovery.interval.ms", "60000")
                .setProperty("max.partition.fetch.bytes", PARTITION_FETCH_BYTES)
                .build();
        return env.fromSource(source, watermarks, "Kafka: " + insightsTopic).uid("source-ad-insights");
    }

    @Override
    public DataStream<OrderEnvelope> orders(StreamExecutionEnvironment env, WatermarkStrategy<OrderEnvelope> watermarks) {
        KafkaSource<OrderEnvelope> source = KafkaSource.<OrderEnvelope>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(ordersTopic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new KafkaDeserializers.Orders())
                .setProperty("partition.discovery.interval.ms", "60000")
                .setProperty("max.partition.fetch.bytes", PARTITION_FETCH_BYTES)
                .build();
        return env.fromSource(source, watermarks, "Kafka: " + ordersTopic).uid("source-orders");
    }
}
