package ai.omnify.ingest.sync;

import ai.omnify.ingest.config.IngestConfig;
import ai.omnify.ingest.connections.ConnectionStore;
import ai.omnify.ingest.db.IngestPools;
import ai.omnify.ingest.sink.KafkaRecordSink;
import ai.omnify.ingest.sink.RecordSink;
import ai.omnify.model.Platform;
import ai.omnify.model.Topics;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.server.crypto.CredentialCipher;
import ai.omnify.server.db.TenantDb;
import ai.omnify.testing.TestDatabase;
import ai.omnify.testing.TestKafka;
import ai.omnify.testing.TestStack;
import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/** A fresh database and topics, the stores on the application role, and a Kafka sink: what a sync test needs. */
final class SyncFixture implements AutoCloseable {
    static final CredentialCipher CIPHER = CredentialCipher.of("k1", new byte[32], Map.of());
    final TestDatabase db = TestDatabase.create();
    final Topics topics = TestKafka.createTopics(2);
    final UUID org = db.createOrganization("Sync IT", "EUR", "Europe/Berlin");
    final HikariDataSource pool = IngestPools.sync(db.appConfig(), 16);
    final TenantDb tx = new TenantDb(pool);
    final ConnectionStore connections = new ConnectionStore(tx, CIPHER);
    final SyncRunStore runs = new SyncRunStore(tx);
    final KafkaRecordSink kafka = KafkaRecordSink.create(new IngestConfig(0, TestStack.kafkaBootstrap(), topics,
            db.appConfig(), 1024 * 1024, Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(30)));

    UUID connect(Platform platform, String account) {
        return connections.upsert(org, platform, account, Map.of("access_token", "token-" + account), "api");
    }

    SyncRunner runner(PlatformReaders readers, RecordSink sink, SyncConfig config) {
        return new SyncRunner(connections, runs, readers, sink, topics, new ReauthAlerts(tx, sink, topics), config,
                Clock.systemUTC());
    }

    SyncScheduler scheduler(String name, PlatformReaders readers, SyncConfig config) {
        return SyncScheduler.start(pool, config, runner(readers, kafka, config), connections, runs, Clock.systemUTC(), name);
    }

    static AdInsight insight(String adId, LocalDate date, String spend) {
        return new AdInsight(null, Platform.META, "act_1", "c1", "Campaign", adId, "Ad " + adId, date, null,
                new BigDecimal(spend), 1000L, 10L, BigDecimal.ONE, new BigDecimal("50"), null, "USD",
                Instant.now(), "poll", "America/New_York");
    }

    @Override
    public void close() {
        kafka.close();
        pool.close();
        TestKafka.deleteTopics(topics);
        db.close();
    }
}
