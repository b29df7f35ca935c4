package ai.omnify.jobs.detection;

import ai.omnify.jobs.common.JsonRecordSerializer;
import ai.omnify.model.DeadLetter;
import ai.omnify.model.Topics;
import ai.omnify.model.alert.Alert;
import ai.omnify.config.DatabaseConfig;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.connector.kafka.sink.KafkaSink;

/** Where the DetectionJob writes: {@code omnify.alerts}, the {@code alerts} table, and the dead letters. */
public record DetectionSinks(Sink<Alert> alertsTopic, Sink<Alert> alertsTable, Sink<DeadLetter> deadLetters) {

    /** Kafka at least once (consumers keep the highest revision per id); JDBC upserts guarded by revision. */
    public static DetectionSinks create(DatabaseConfig db, String kafkaBootstrap, Topics topics) {
        JdbcConnectionOptions conn = new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                .withUrl(db.jdbcUrl())
                .withDriverName("org.postgresql.Driver")
                .withUsername(db.user())
                .withPassword(db.password())
                .withConnectionCheckTimeoutSeconds(30)
                .build();
        JdbcExecutionOptions exec = JdbcExecutionOptions.builder()
                .withBatchSize(200)
                .withBatchIntervalMs(100)
                .withMaxRetries(5)
                .build();
        return new DetectionSinks(
                kafka(kafkaBootstrap, new JsonRecordSerializer<>(topics.alerts(), Topics.ALERTS)),
                JdbcSink.<Alert>builder().withQueryStatement(AlertStatements.UPSERT, AlertStatements::bind)
                        .withExecutionOptions(exec).buildAtLeastOnce(conn),
                kafka(kafkaBootstrap, new JsonRecordSerializer<>(topics.deadLetter(), Topics.DEAD_LETTER)));
    }

    private static <T> Sink<T> kafka(String bootstrap, JsonRecordSerializer<T> serializer) {
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrap)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setProperty("linger.ms", "5")
                .build();
    }
}
