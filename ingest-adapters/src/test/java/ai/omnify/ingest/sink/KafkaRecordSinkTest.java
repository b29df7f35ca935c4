package ai.omnify.ingest.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaRecordSinkTest {

    @Test
    void producerIsIdempotentWithAcksAllAndBoundedTimes() {
        Properties p = KafkaRecordSink.producerProperties("127.0.0.1:9092", Duration.ofSeconds(30), Duration.ofSeconds(5));
        assertThat(p).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                .containsEntry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4")
                .containsEntry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000)
                .containsEntry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000L);
        int linger = (int) p.get(ProducerConfig.LINGER_MS_CONFIG);
        int request = (int) p.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG);
        assertThat(linger + request).as("Kafka requires delivery >= linger + request").isLessThanOrEqualTo(30_000);

        Properties short_ = KafkaRecordSink.producerProperties("x:1", Duration.ofSeconds(1), Duration.ofMillis(100));
        assertThat((int) short_.get(ProducerConfig.LINGER_MS_CONFIG) + (int) short_.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG))
                .isLessThanOrEqualTo(1_000);
    }

    @Test
    void everySendReportsItsOutcomeToTheCallback() {
        MockProducer<String, String> producer = new MockProducer<>(false, null, new StringSerializer(), new StringSerializer());
        KafkaRecordSink sink = new KafkaRecordSink(producer, null);
        List<Exception> outcomes = new ArrayList<>();

        sink.send("t", "k1", "v1", outcomes::add);
        sink.send("t", "k2", "v2", outcomes::add);
        assertThat(outcomes).isEmpty();
        producer.completeNext();
        producer.errorNext(new RuntimeException("broker gone"));

        assertThat(outcomes).hasSize(2);
        assertThat(outcomes.get(0)).isNull();
        assertThat(outcomes.get(1)).hasMessage("broker gone");
        assertThat(producer.history()).extracting(r -> r.key()).containsExactly("k1", "k2");
    }

    @Test
    void aSendThatThrowsIsReportedToTheCallback() {
        MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
        producer.close();
        KafkaRecordSink sink = new KafkaRecordSink(producer, null);
        List<Exception> outcomes = new ArrayList<>();
        sink.send("t", "k", "v", outcomes::add);
        assertThat(outcomes).singleElement().isNotNull();
    }
}
