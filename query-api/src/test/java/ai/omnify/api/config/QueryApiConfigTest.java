package ai.omnify.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omnify.config.DatabaseConfig;
import ai.omnify.config.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryApiConfigTest {
    @Test
    void hasLocalDefaults() {
        QueryApiConfig c = QueryApiConfig.fromEnv(Map.of());
        assertThat(c.port()).isEqualTo(7070);
        assertThat(c.host()).isEqualTo("0.0.0.0");
        assertThat(c.database()).isEqualTo(
                new DatabaseConfig("jdbc:postgresql://127.0.0.1:5432/omnify", "omnify_app", "omnify_app"));
        assertThat(c.poolSize()).isEqualTo(10);
        assertThat(c.authCacheTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.maxRequestBytes()).isEqualTo(1024 * 1024);
        assertThat(c.pageCacheTtl()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void readsTheVariables() {
        QueryApiConfig c = QueryApiConfig.fromEnv(Map.of(
                "QUERY_API_PORT", "8080",
                "DATABASE_URL", "postgres://reader:s3cret@db.internal:6543/omnify",
                "QUERY_API_DB_POOL_SIZE", "32",
                "QUERY_API_AUTH_CACHE_TTL", "5s",
                "QUERY_API_STATEMENT_TIMEOUT", "2s"));
        assertThat(c.port()).isEqualTo(8080);
        assertThat(c.database().jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/omnify");
        assertThat(c.database().user()).isEqualTo("reader");
        assertThat(c.poolSize()).isEqualTo(32);
        assertThat(c.authCacheTtl()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.statementTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.toString()).doesNotContain("s3cret");
    }

    @Test
    void errorsNameTheVariable() {
        assertThatThrownBy(() -> QueryApiConfig.fromEnv(Map.of("QUERY_API_PORT", "http")))
                .isInstanceOf(Env.ConfigException.class).hasMessageStartingWith("QUERY_API_PORT=http");
        assertThatThrownBy(() -> QueryApiConfig.fromEnv(Map.of("QUERY_API_PORT", "70000")))
                .isInstanceOf(Env.ConfigException.class).hasMessageStartingWith("QUERY_API_PORT=70000");
        assertThatThrownBy(() -> QueryApiConfig.fromEnv(Map.of("QUERY_API_DB_POOL_SIZE", "0")))
                .hasMessageStartingWith("QUERY_API_DB_POOL_SIZE=0");
        assertThatThrownBy(() -> QueryApiConfig.fromEnv(Map.of("QUERY_API_AUTH_CACHE_TTL", "1h")))
                .hasMessageStartingWith("QUERY_API_AUTH_CACHE_TTL=PT1H");
        assertThatThrownBy(() -> QueryApiConfig.fromEnv(Map.of("QUERY_API_CACHE_TTL", "5m")))
                .hasMessageStartingWith("QUERY_API_CACHE_TTL=PT5M");
        assertThat(QueryApiConfig.fromEnv(Map.of("QUERY_API_CACHE_TTL", "0")).pageCacheTtl()).isZero();
        assertThatThrownBy(() -> QueryApiConfig.fromEnv(Map.of("QUERY_API_STATEMENT_TIMEOUT", "soon")))
                .hasMessageStartingWith("QUERY_API_STATEMENT_TIMEOUT=soon");
        assertThatThrownBy(() -> QueryApiConfig.fromEnv(Map.of("DATABASE_URL", "mysql://x/y")))
                .hasMessageStartingWith("DATABASE_URL=mysql://x/y");
    }

    @Test
    void theCompactConstructorValidatesToo() {
        QueryApiConfig ok = QueryApiConfig.fromEnv(Map.of());
        assertThatThrownBy(() -> ok.withPort(-1)).isInstanceOf(Env.ConfigException.class)
                .hasMessageStartingWith("QUERY_API_PORT=-1");
        assertThat(ok.withPort(0).port()).isZero();
    }
}
