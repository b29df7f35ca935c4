package ai.omnify.jobs.brain;

import ai.omnify.jobs.common.JsonRecordSerializer;
import ai.omnify.model.DeadLetter;
import ai.omnify.model.Topics;
import ai.omnify.config.DatabaseConfig;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Where the BrainJob writes: {@code omnify.brain}, {@code brain_states}, forecasts, scores, actions, insights, dead letters. */
public record BrainSinks(
        Sink<BrainOutput> brainTopic,
        Sink<BrainOutput> states,
        Sink<ForecastRow> forecasts,
        Sink<ScoreRow> scores,
        Sink<ActionRow> actions,
        Sink<ai.omnify.jobs.brain.ai.InsightRow> insights,
        Sink<DeadLetter> deadLetters) {

    /** The production sinks; JDBC flushes every {@code batchIntervalMs} and on checkpoints, Kafka at least once. */
    public static BrainSinks create(DatabaseConfig db, String kafkaBootstrap, Topics topics, long batchIntervalMs) {
        JdbcConnectionOptions conn = new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                .withUrl(db.jdbcUrl()).withDriverName("org.postgresql.Driver")
                .withUsername(db.user()).withPassword(db.password())
                .withConnectionCheckTimeoutSeconds(30).build();
        JdbcExecutionOptions exec = JdbcExecutionOptions.builder()
                .withBatchSize(500).withBatchIntervalMs(batchIntervalMs).withMaxRetries(5).build();
        return new BrainSinks(
                kafka(kafkaBootstrap, new StateSerializer(topics.brain())),
                jdbc(BrainStatements.STATES, BrainStatements::bindState, conn, exec),
                jdbc(BrainStatements.FORECASTS, BrainStatements::bindForecast, conn, exec),
                jdbc(BrainStatements.SCORES, BrainStatements::bindScore, conn, exec),
                jdbc(BrainStatements.ACTIONS, BrainStatements::bindAction, conn, exec),
                jdbc(BrainStatements.INSIGHTS, BrainStatements::bindInsight, conn, exec),
                kafka(kafkaBootstrap, new JsonRecordSerializer<>(topics.deadLetter(), Topics.DEAD_LETTER)));
    }

    private static <T> Sink<T> jdbc(String sql, JdbcStatementBuilder<T> binder, JdbcConnectionOptions conn,
            JdbcExecutionOptions exec) {
        return JdbcSink.<T>builder().withQueryStatement(sql, binder).withExecutionOptions(exec).buildAtLeastOnce(conn);
    }

    private static <T> Sink<T> kafka(String bootstrap, KafkaRecordSerializationSchema<T> serializer) {
        return KafkaSink.<T>builder().setBootstrapServers(bootstrap).setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE).setProperty("linger.ms", "5").build();
    }

    /** The state's JSON as made by the operator, keyed by organization. */
    static final class StateSerializer implements KafkaRecordSerializationSchema<BrainOutput> {
        private static final long serialVersionUID = 1L;
        private final String topic;

        StateSerializer(String topic) {
            this.topic = topic;
        }

        @Override
        public ProducerRecord<byte[], byte[]> serialize(BrainOutput o, KafkaSinkContext context, Long timestamp) {
            return new ProducerRecord<>(topic, null, null, o.orgId().getBytes(StandardCharsets.UTF_8),
                    o.stateJson().getBytes(StandardCharsets.UTF_8));
        }
    }
}
