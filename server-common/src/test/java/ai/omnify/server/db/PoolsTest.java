package ai.omnify.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.config.DatabaseConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PoolsTest {
    // a port nothing listens on: the pool must start anyway
    final DatabaseConfig db = new DatabaseConfig("jdbc:postgresql://127.0.0.1:1/omnify", "omnify_app", "secret");

    @Test
    void aPoolAsTheServiceAsksStartingWhileTheDatabaseIsDown() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (HikariDataSource pool = Pools.named("query-api", "omnify-query-api").size(3, 1).autoCommit(false)
                .connectionTimeout(Duration.ofMillis(750)).validationTimeout(Duration.ofMillis(500))
                .driverProperty("socketTimeout", "10").meters(meters).open(db)) {
            assertThat(pool.getPoolName()).isEqualTo("query-api");
            assertThat(pool.getJdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:1/omnify");
            assertThat(pool.getUsername()).isEqualTo("omnify_app");
            assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
            assertThat(pool.getMinimumIdle()).isEqualTo(1);
            assertThat(pool.isAutoCommit()).isFalse();
            assertThat(pool.getConnectionTimeout()).isEqualTo(750);
            assertThat(pool.getValidationTimeout()).isEqualTo(500);
            assertThat(pool.getDataSourceProperties()).containsEntry("ApplicationName", "omnify-query-api")
                    .containsEntry("socketTimeout", "10");
            assertThat(meters.find("hikaricp.connections.max").gauge()).isNotNull();
            assertThat(new TenantDb(pool).ping(1)).isFalse();
        }
    }
}
