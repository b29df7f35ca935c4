package ai.omnify.ingest.sync;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.ingest.IngestServer;
import ai.omnify.ingest.config.IngestConfig;
import ai.omnify.ingest.webhook.WebhookConfig;
import ai.omnify.model.Platform;
import ai.omnify.model.Topics;
import ai.omnify.server.crypto.CredentialCipher;
import ai.omnify.testing.TestDatabase;
import ai.omnify.testing.TestKafka;
import ai.omnify.testing.TestStack;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The ingest service as deployed, with a fake platform reader: a single-brand Meta connection from the environment
 * gets its first backfill and its polls from the service's own scheduler, and the snapshots reach Kafka.
 */
class SyncServerIT {

    @Test
    void aConnectionFromTheEnvironmentIsBackfilledThenPolled() throws Exception {
        try (TestDatabase db = TestDatabase.create()) {
            UUID org = db.createOrganization("Server IT", "USD", "America/New_York");
            Topics topics = TestKafka.createTopics(2);
            List<SyncRequest> requests = new CopyOnWriteArrayList<>();
            PlatformReader meta = (request, output) -> {
                requests.add(request);
                output.insight(SyncFixture.insight("ad-" + request.to(), request.to(), "4.20"));
                output.pageDone(null, 1, 1);
                return new SyncSummary(1, 1, 1, 0);
            };
            SyncConfig sync = SyncConfig.defaults().withInitialBackfillDays(7)
                    .withTimings(Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMillis(500));
            Map<String, String> env = Map.of("META_ADS_ACCESS_TOKEN", "EAAB-env", "META_ADS_ACCOUNT_ID", "555",
                    "OMNIFY_ORG_ID", org.toString());
            IngestConfig config = new IngestConfig(0, TestStack.kafkaBootstrap(), topics, db.appConfig(), 1024 * 1024,
                    Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(30));
            try (IngestServer server = IngestServer.start(config, new IngestServer.Sync(WebhookConfig.NONE, sync,
                    CredentialCipher.of("k1", new byte[32], Map.of()), p -> p == Platform.META ? meta : null, env, "it"),
                    Clock.systemUTC())) {
                Instant deadline = Instant.now().plusSeconds(60);
                while (db.query("SELECT 1 FROM sync_runs WHERE kind = 'backfill' AND state = 'succeeded'").isEmpty()
                        || db.query("SELECT 1 FROM sync_runs WHERE kind = 'poll' AND state = 'succeeded'").isEmpty()) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new AssertionError("no finished backfill and poll within 60 s: "
                                + db.query("SELECT kind, state, error FROM sync_runs"));
                    }
                    Thread.sleep(200);
                }
            }
            LocalDate today = LocalDate.now(ZoneId.of("America/New_York"));
            assertThat(requests).allSatisfy(r -> {
                assertThat(r.orgId()).isEqualTo(org);
                assertThat(r.account()).isEqualTo("act_555");
                assertThat(r.credentials()).containsEntry("access_token", "EAAB-env");
            });
            assertThat(requests).anySatisfy(r -> assertThat(r.from()).isEqualTo(today.minusDays(7))); // the first backfill
            assertThat(requests).anySatisfy(r -> assertThat(r.from()).isEqualTo(today.minusDays(3))); // a poll
            assertThat(db.query("SELECT last_success_at, source FROM api_credentials").get(0))
                    .containsEntry("source", "env").extractingByKey("last_success_at").isNotNull();
            List<ConsumerRecord<String, String>> records = TestKafka.awaitRecords(topics.adInsights(), l -> !l.isEmpty(),
                    Duration.ofSeconds(30));
            assertThat(records).allSatisfy(r -> assertThat(r.key()).startsWith(org + ":meta:ad-"));
            TestKafka.deleteTopics(topics);
        }
    }
}
