package ai.omnify.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.omnify.model.Json;
import ai.omnify.model.alert.Alert;
import ai.omnify.testing.TestKafka;
import ai.omnify.testing.TestStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * The alert topic reader survives a failure: a handler that throws does not end the loop, /health's check reports
 * it while it fails, and a group reader reads the failed batch again (nothing it had not committed is lost).
 */
class AlertTopicReaderIT {

    @Test
    void aFailingHandlerIsRetriedFromTheBatchStartAndTheReaderRecovers() throws Exception {
        String topic = "omnify.alerts.it" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        TestKafka.createTopics(List.of(topic), 1);
        AtomicInteger failuresLeft = new AtomicInteger(2);
        List<String> handled = new CopyOnWriteArrayList<>();
        List<Boolean> unhealthySeen = new CopyOnWriteArrayList<>();
        // the group starts at the topic's beginning (a new group would start at its end, after the records)
        String group = "it-" + UUID.randomUUID();
        TestKafka.commit(group, Map.of(new TopicPartition(topic, 0), 0L));
        try (AlertTopicReader reader = new AlertTopicReader("test delivery", "test-alert-reader", TestStack.kafkaBootstrap(),
                topic, group, 50,
                (consumer, running) -> consumer.subscribe(List.of(topic)),
                (alert, json) -> {
                    if (failuresLeft.getAndDecrement() > 0) {
                        throw new IllegalStateException("the database is down");
                    }
                    handled.add(alert.id() + "#" + alert.revision());
                })) {
            reader.start();
            try (KafkaProducer<String, String> producer = TestKafka.producer()) {
                for (int rev = 1; rev <= 3; rev++) {
                    Alert a = alert(rev);
                    producer.send(new ProducerRecord<>(topic, a.orgId() + ":" + a.alertKey(), Json.write(a))).get();
                }
            }
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
                if (!reader.healthy()) {
                    unhealthySeen.add(true);
                }
                return handled.size() >= 3;
            });
            await().atMost(Duration.ofSeconds(10)).until(reader::healthy);

            // the first record failed twice, then was read again: every revision once past the failures, in order
            assertThat(handled).startsWith(ALERT_ID + "#1").contains(ALERT_ID + "#2", ALERT_ID + "#3");
            assertThat(reader.lastError()).isNull();
            assertThat(unhealthySeen).as("/health saw the failing reader").isNotEmpty();
        } finally {
            try (var admin = TestKafka.admin()) {
                admin.deleteTopics(List.of(topic));
            }
        }
    }

    private static final String ALERT_ID = "8a6f0c3e-1f5e-4a43-9c55-2a4e0f1b2c3d";

    private static Alert alert(int revision) {
        return new Alert(ALERT_ID, "6f1c1f52-7a4e-4a32-9d1c-0c5a1e2b3c4d", "tracking_break:channel:c", "tracking_break",
                "critical", "open", "c", null, "conversions", java.time.Instant.parse("2026-07-06T00:00:00Z"),
                java.time.Instant.parse("2026-07-07T00:00:00Z"), java.math.BigDecimal.ZERO, java.math.BigDecimal.valueOf(40),
                java.math.BigDecimal.valueOf(-1), java.time.Instant.parse("2026-07-06T00:00:00Z"),
                java.time.Instant.parse("2026-07-07T00:05:00Z"), "Tracking looks broken", revision);
    }
}
