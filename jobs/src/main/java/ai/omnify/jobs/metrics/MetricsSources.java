package ai.omnify.jobs.metrics;

import ai.omnify.jobs.common.EntityEnvelope;
import ai.omnify.jobs.common.InsightEnvelope;
import ai.omnify.jobs.common.OrderEnvelope;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** Where the MetricsJob reads from: Kafka in production, bounded collections in tests. */
public interface MetricsSources {

    DataStream<InsightEnvelope> insights(StreamExecutionEnvironment env, WatermarkStrategy<InsightEnvelope> watermarks);

    DataStream<OrderEnvelope> orders(StreamExecutionEnvironment env, WatermarkStrategy<OrderEnvelope> watermarks);

    /**
     * The ads as their platforms describe them ({@code omnify.ad-entities}), for the creatives table; null when this
     * source has none (then that branch is not built).
     */
    default DataStream<EntityEnvelope> entities(StreamExecutionEnvironment env) {
        return null;
    }
}
