package ai.omnify.jobs.metrics;

import ai.omnify.jobs.common.JsonRecordSerializer;
import ai.omnify.model.DeadLetter;
import ai.omnify.model.Topics;
import ai.omnify.model.insight.AdEntity;
import ai.omnify.config.DatabaseConfig;
import ai.omnify.model.metrics.MetricsUpdate;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/** Where the MetricsJob writes: PostgreSQL tables (idempotent upserts) and Kafka topics. */
public record MetricsSinks(
        Sink<MetricsUpdate> channelDaily,
        Sink<MetricsUpdate> channelHourly,
        Sink<MetricsUpdate> creativeDaily,
        Sink<MetricsUpdate> creativeHourly,
        Sink<MetricsUpdate> orgDaily,
        Sink<OrderRow> orders,
        Sink<DimensionRow> channels,
        Sink<DimensionRow> creatives,
        Sink<AdEntity> adEntities,
        Sink<AdEntity> channelStatuses,
        Sink<MetricsUpdate> changelog,
        Sink<DeadLetter> deadLetters) {

    /**
     * The production sinks. JDBC batches flush every {@code batchIntervalMs} or {@code batchSize} rows, and on every
     * checkpoint (at least once; the upserts make a replay harmless). Kafka is at least once: the changelog is read
     * as latest-per-key, and dead letters may repeat after a restore.
     */
    public static MetricsSinks create(DatabaseConfig db, String kafkaBootstrap, Topics topics, int batchSize,
            long batchIntervalMs) {
        JdbcConnectionOptions conn = new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                .withUrl(db.jdbcUrl())
                .withDriverName("org.postgresql.Driver")
                .withUsername(db.user())
                .withPassword(db.password())
                .withConnectionCheckTimeoutSeconds(30)
                .build();
        JdbcExecutionOptions exec = JdbcExecutionOptions.builder()
                .withBatchSize(batchSize)
                .withBatchIntervalMs(batchIntervalMs)
                .withMaxRetries(5)
                .build();
        return new MetricsSinks(
                jdbc(MetricsStatements.CHANNEL_DAILY, MetricsStatements::bindChannelDaily, conn, exec),
                jdbc(MetricsStatements.CHANNEL_HOURLY, MetricsStatements::bindChannelHourly, conn, exec),
                jdbc(MetricsStatements.CREATIVE_DAILY, MetricsStatements::bindCreativeDaily, conn, exec),
                jdbc(MetricsStatements.CREATIVE_HOURLY, MetricsStatements::bindCreativeHourly, conn, exec),
                jdbc(MetricsStatements.ORG_DAILY, MetricsStatements::bindOrgDaily, conn, exec),
                jdbc(MetricsStatements.ORDERS, MetricsStatements::bindOrder, conn, exec),
                jdbc(MetricsStatements.CHANNELS, MetricsStatements::bindChannel, conn, exec),
                jdbc(MetricsStatements.CREATIVES, MetricsStatements::bindCreative, conn, exec),
                jdbc(MetricsStatements.AD_ENTITIES, MetricsStatements::bindAdEntity, conn, exec),
                jdbc(MetricsStatements.CHANNEL_STATUS, MetricsStatements::bindChannelStatus, conn, exec),
                kafka(kafkaBootstrap, new JsonRecordSerializer<>(topics.channelMetrics(), Topics.CHANNEL_METRICS)),
                kafka(kafkaBootstrap, new JsonRecordSerializer<>(topics.deadLetter(), Topics.DEAD_LETTER)));
    }

    private static <T> Sink<T> jdbc(String sql, JdbcStatementBuilder<T> binder, JdbcConnectionOptions conn,
            JdbcExecutionOptions exec) {
        return JdbcSink.<T>builder().withQueryStatement(sql, binder).withExecutionOptions(exec).buildAtLeastOnce(conn);
    }

    private static <T> Sink<T> kafka(String bootstrap, JsonRecordSerializer<T> serializer) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrap)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setProperty("linger.ms", "20")
                .setProperty("compression.type", "lz4")
                .build();
    }
}
