package ai.omnify.bench.throughput;

import ai.omnify.jobs.common.InsightEnvelope;
import ai.omnify.jobs.common.KafkaDeserializers;
import ai.omnify.jobs.common.OrderEnvelope;
import ai.omnify.jobs.metrics.MetricsSources;
import java.util.UUID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The job's topics read from the beginning to the offsets they had when the job started, so the job finishes: the
 * same deserializers and the watermark strategy the job passes in, as {@code KafkaMetricsSources} uses in production;
 * only the start (earliest, not committed offsets) and the end differ.
 */
public record BoundedKafkaSources(String bootstrapServers, String insightsTopic, String ordersTopic) implements MetricsSources {

    @Override
    public DataStream<InsightEnvelope> insights(StreamExecutionEnvironment env, WatermarkStrategy<InsightEnvelope> watermarks) {
        KafkaSource<InsightEnvelope> source = KafkaSource.<InsightEnvelope>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(insightsTopic)
                .setGroupId("bench-" + UUID.randomUUID())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(new KafkaDeserializers.Insights())
                .setProperty("commit.offsets.on.checkpoint", "false")
                .build();
        return env.fromSource(source, watermarks, "Kafka: " + insightsTopic).uid("source-ad-insights");
    }

    @Override
    public DataStream<OrderEnvelope> orders(StreamExecutionEnvironment env, WatermarkStrategy<OrderEnvelope> watermarks) {
        KafkaSource<OrderEnvelope> source = KafkaSource.<OrderEnvelope>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(ordersTopic)
                .setGroupId("bench-" + UUID.randomUUID())
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setBounded(OffsetsInitializer.latest())
                .setDeserializer(new KafkaDeserializers.Orders())
                .setProperty("commit.offsets.on.checkpoint", "false")
                .build();
        return env.fromSource(source, watermarks, "Kafka: " + ordersTopic).uid("source-orders");
    }
}
