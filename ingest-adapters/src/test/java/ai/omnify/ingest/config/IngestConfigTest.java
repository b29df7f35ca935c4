package ai.omnify.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omnify.config.Env.ConfigException;
import ai.omnify.model.Topics;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

    @Test
    void defaultsAreForLocalUse() {
        IngestConfig c = IngestConfig.fromEnv(Map.of());
        assertThat(c.port()).isEqualTo(7071);
        assertThat(c.kafkaBootstrapServers()).isEqualTo("127.0.0.1:9092");
        assertThat(c.topics()).isEqualTo(Topics.DEFAULT);
        assertThat(c.database().jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/omnify");
        assertThat(c.database().user()).isEqualTo("omnify_app");
        assertThat(c.maxBodyBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(c.kafkaDeliveryTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.kafkaMaxBlock()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.apiKeyCacheTtl()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void everyVariableIsRead() {
        IngestConfig c = IngestConfig.fromEnv(Map.of(
                "INGEST_PORT", "8000",
                "KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092",
                "OMNIFY_TOPIC_SUFFIX", "bench",
                "DATABASE_URL", "postgres://u:p%40ss@db:5433/omni",
                "INGEST_MAX_BODY_BYTES", "1048576",
                "INGEST_KAFKA_DELIVERY_TIMEOUT", "10s",
                "INGEST_KAFKA_MAX_BLOCK", "500ms",
                "INGEST_API_KEY_CACHE_TTL", "0s"));
        assertThat(c.port()).isEqualTo(8000);
        assertThat(c.kafkaBootstrapServers()).isEqualTo("k1:9092,k2:9092");
        assertThat(c.topics().orders()).isEqualTo("omnify.orders.bench");
        assertThat(c.database().jdbcUrl()).isEqualTo("jdbc:postgresql://db:5433/omni");
        assertThat(c.database().user()).isEqualTo("u");
        assertThat(c.database().password()).isEqualTo("p@ss");
        assertThat(c.maxBodyBytes()).isEqualTo(1048576);
        assertThat(c.kafkaDeliveryTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.kafkaMaxBlock()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.apiKeyCacheTtl()).isZero();
        assertThat(c.toString()).doesNotContain("p@ss");
    }

    @Test
    void errorsNameTheVariable() {
        assertThatThrownBy(() -> IngestConfig.fromEnv(Map.of("INGEST_PORT", "70000")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("INGEST_PORT=70000");
        assertThatThrownBy(() -> IngestConfig.fromEnv(Map.of("INGEST_PORT", "http")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("INGEST_PORT=http");
        assertThatThrownBy(() -> IngestConfig.fromEnv(Map.of("INGEST_MAX_BODY_BYTES", "0")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("INGEST_MAX_BODY_BYTES=0");
        assertThatThrownBy(() -> IngestConfig.fromEnv(Map.of("INGEST_KAFKA_DELIVERY_TIMEOUT", "100ms")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("INGEST_KAFKA_DELIVERY_TIMEOUT=");
        assertThatThrownBy(() -> IngestConfig.fromEnv(Map.of("INGEST_KAFKA_MAX_BLOCK", "soon")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("INGEST_KAFKA_MAX_BLOCK=soon");
        assertThatThrownBy(() -> IngestConfig.fromEnv(Map.of("DATABASE_URL", "mysql://x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("DATABASE_URL");
        assertThatThrownBy(() -> IngestConfig.fromEnv(Map.of()).withPort(-1))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("INGEST_PORT=-1");
    }
}
