package ai.omnify.jobs.brain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.omnify.model.Json;
import ai.omnify.model.Topics;
import ai.omnify.model.alert.Alert;
import ai.omnify.model.brain.BrainState;
import ai.omnify.model.metrics.MetricsUpdate;
import ai.omnify.testing.StackExtension;
import ai.omnify.testing.TestDatabase;
import ai.omnify.testing.TestFlink;
import ai.omnify.testing.TestKafka;
import ai.omnify.testing.TestStack;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The BrainJob end to end on the real Kafka and PostgreSQL and a MiniCluster at parallelism 2: a brand's day rows
 * arrive on the metrics changelog, the brain state appears in {@code brain_states} and on {@code omnify.brain}; new
 * days make new versions; the forecasts for those days are scored; an alert becomes an action; bad records become
 * dead letters with their reason.
 */
class BrainJobIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = TestFlink.miniCluster(2);

    @RegisterExtension
    static final StackExtension STACK = StackExtension.withTopics(2);

    private static TestDatabase db;
    private static Topics topics;
    private static String orgId;
    private static ai.omnify.simulator.fakes.openai.FakeOpenAiServer openAi;

    /** Texts from the simulator's fake OpenAI-compatible server. */
    private static ai.omnify.jobs.brain.ai.LlmConfig llm() {
        return ai.omnify.jobs.brain.ai.LlmConfig.fromEnv(Map.of("OPENAI_API_KEY", "sk-test",
                "OPENAI_BASE_URL", openAi.baseUrl(), "BRAIN_LLM_MODEL", "fake-model"));
    }

    @BeforeAll
    static void stack() {
        db = STACK.db();
        orgId = db.createOrganization("Brainy Goods", "EUR").toString();
        // as the pipeline role: the owner is subject to the forced row-level security of brain_settings
        var cfg = db.pipelineConfig();
        try (var c = java.sql.DriverManager.getConnection(cfg.jdbcUrl(), cfg.user(), cfg.password());
             var ps = c.prepareStatement("INSERT INTO brain_settings (organization_id, target_roas) VALUES (?::uuid, 2.5)")) {
            ps.setString(1, orgId);
            ps.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        topics = STACK.topics();
        openAi = ai.omnify.simulator.fakes.openai.FakeOpenAiServer.start(0);
    }

    @AfterAll
    static void teardown() {
        if (openAi != null) {
            openAi.close();
        }
    }

    private static void send(KafkaProducer<String, String> p, List<MetricsUpdate> rows) {
        for (MetricsUpdate r : rows) {
            p.send(new ProducerRecord<>(topics.channelMetrics(), r.key(), Json.write(r)));
        }
        p.flush();
    }

    /** Queries as the pipeline role: the owner is subject to the forced row-level security of the brain's tables. */
    private static List<Map<String, Object>> pipeline(String sql, Object... args) {
        var cfg = db.pipelineConfig();
        try (var c = java.sql.DriverManager.getConnection(cfg.jdbcUrl(), cfg.user(), cfg.password());
             var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (var rs = ps.executeQuery()) {
                return TestDatabase.rows(rs);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private static long maxVersion() {
        Object v = pipeline("SELECT coalesce(max(version), 0) AS v FROM brain_states WHERE organization_id = ?::uuid",
                orgId).get(0).get("v");
        return ((Number) v).longValue();
    }

    @Test
    void theBrainAppearsUpdatesWithNewDaysAndScoresItsForecasts() throws Exception {
        StreamExecutionEnvironment env = TestFlink.environment(2);
        env.enableCheckpointing(1000);
        BrainJob.build(env,
                new KafkaBrainSources(TestStack.kafkaBootstrap(), topics.channelMetrics(), topics.alerts(), "brain-it-" + orgId),
                BrainSinks.create(db.pipelineConfig(), TestStack.kafkaBootstrap(), topics, 100),
                BrainSettings.defaults(), new JdbcBrainStore(db.pipelineConfig(), Duration.ofSeconds(1)),
                Duration.ofMillis(500), llm());
        JobClient job = env.executeAsync("brain-it");
        try (KafkaProducer<String, String> p = TestKafka.producer()) {
            // 1. 35 days of history, an hour row (ignored), two bad records
            send(p, SyntheticDays.rows(orgId, 0, 35, 11));
            p.send(new ProducerRecord<>(topics.channelMetrics(), "x", "{\"orgId\":\"" + orgId + "\",\"level\":"));
            p.send(new ProducerRecord<>(topics.channelMetrics(), "y", "{\"orgId\":\"not-a-uuid\",\"level\":\"channel\","
                    + "\"grain\":\"day\",\"date\":\"2026-10-01\",\"channelId\":\"c\"}"));
            p.flush();

            await().atMost(Duration.ofSeconds(90)).until(() -> maxVersion() >= 1);
            long first = maxVersion();
            BrainState s1 = Json.read((String) pipeline("SELECT state::text AS s FROM brain_states WHERE "
                    + "organization_id = ?::uuid AND version = ?", orgId, first).get(0).get("s"), BrainState.class).value();
            assertThat(s1.orgId()).isEqualTo(orgId);
            assertThat(s1.asOfDate()).isEqualTo(SyntheticDays.FIRST.plusDays(34));
            assertThat(s1.currency()).isEqualTo("EUR");
            assertThat(s1.oracle().forecasts()).hasSize(12);
            assertThat(s1.curiosity().actions()).isNotEmpty();
            // the organization's own target from brain_settings
            assertThat(s1.oracle().risks()).filteredOn(r -> r.kind().equals("roas_below_target"))
                    .allSatisfy(r -> assertThat(r.threshold()).isEqualByComparingTo("2.5"));
            var published = TestKafka.awaitRecords(topics.brain(), r -> !r.isEmpty(), Duration.ofSeconds(30));
            assertThat(published.get(0).key()).isEqualTo(orgId);
            assertThat(Json.read(published.get(0).value(), BrainState.class).value().version()).isGreaterThanOrEqualTo(1);
            await().atMost(Duration.ofSeconds(30)).until(() -> pipeline("SELECT count(*) AS n FROM brain_forecasts "
                    + "WHERE organization_id = ?::uuid AND origin = ?", orgId, SyntheticDays.FIRST.plusDays(34))
                    .get(0).get("n").equals(12L * 14));
            var dead = TestKafka.awaitRecords(topics.deadLetter(), r -> r.size() >= 2, Duration.ofSeconds(30));
            assertThat(dead).extracting(r -> r.value())
                    .anyMatch(v -> v.contains("not a UUID"))
                    .anyMatch(v -> v.contains("job:brain:channel-metrics"));

            // the texts: one per kind, the model's or the template (a first call may be slow on a busy machine)
            await().atMost(Duration.ofSeconds(60)).until(() -> pipeline("SELECT count(DISTINCT kind) AS n FROM "
                    + "brain_insights WHERE organization_id = ?::uuid", orgId).get(0).get("n").equals(3L));

            // 2. two more days: a new version, and the forecasts for day 36 are scored (day 37 makes it complete)
            send(p, SyntheticDays.rows(orgId, 35, 2, 11));
            await().atMost(Duration.ofSeconds(60)).until(() -> maxVersion() > first);
            await().atMost(Duration.ofSeconds(60)).until(() -> ((Number) pipeline("SELECT count(*) AS n FROM "
                    + "forecast_scores WHERE organization_id = ?::uuid", orgId).get(0).get("n")).longValue() >= 24);
            List<Map<String, Object>> scores = pipeline("SELECT metric, horizon, target_date, forecast, actual, ape, "
                    + "inside FROM forecast_scores WHERE organization_id = ?::uuid AND series = 'org' AND metric = 'spend' "
                    + "ORDER BY target_date", orgId);
            assertThat(scores).isNotEmpty();
            Map<String, Object> day36 = scores.get(0);
            assertThat(day36.get("target_date").toString()).isEqualTo(SyntheticDays.FIRST.plusDays(35).toString());
            BigDecimal actual = (BigDecimal) day36.get("actual");
            MetricsUpdate truth = SyntheticDays.rows(orgId, 35, 1, 11).stream()
                    .filter(r -> r.level().equals(MetricsUpdate.ORG)).findFirst().orElseThrow();
            assertThat(actual).isEqualByComparingTo(truth.spend());
            assertThat(((BigDecimal) day36.get("ape")).doubleValue()).isLessThan(0.5);
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                BrainState latest = Json.read((String) pipeline("SELECT state::text AS s FROM brain_states WHERE "
                        + "organization_id = ?::uuid ORDER BY version DESC LIMIT 1", orgId).get(0).get("s"),
                        BrainState.class).value();
                return latest.oracle().accuracy().stream().anyMatch(a -> a.scored() > 0);
            });

            // 3. an alert: a new version with an action to investigate it
            long beforeAlert = maxVersion();
            Alert alert = new Alert("alert-it-1", orgId, "roas_drop:channel:x", "roas_drop", "critical", "open",
                    SyntheticDays.channelId(orgId, SyntheticDays.CHANNELS.get(2)), null, "roas", null, null,
                    new BigDecimal("0.8"), new BigDecimal("2.4"), new BigDecimal("5"), Instant.parse("2026-10-06T00:00:00Z"),
                    Instant.now(), "ROAS fell to a third of its usual level");
            p.send(new ProducerRecord<>(topics.alerts(), alert.key(), Json.write(alert)));
            p.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> maxVersion() > beforeAlert);
            await().atMost(Duration.ofSeconds(30)).until(() -> !pipeline("SELECT id FROM actions WHERE "
                    + "organization_id = ?::uuid AND kind = 'investigate_alert' AND status = 'open'", orgId).isEmpty());
            assertThat(pipeline("SELECT count(*) AS n FROM actions WHERE organization_id = ?::uuid AND kind = 'budget_move'",
                    orgId).get(0).get("n")).isNotEqualTo(0L);
            // by now several versions were written: the (fake) model's validated summary is among the texts
            await().atMost(Duration.ofSeconds(60)).until(() -> !pipeline("SELECT 1 FROM brain_insights WHERE "
                    + "organization_id = ?::uuid AND kind = 'summary' AND source = 'model'", orgId).isEmpty());
            // versions are 1..n with no gap
            assertThat(pipeline("SELECT count(*) AS n, max(version) AS m FROM brain_states WHERE organization_id = ?::uuid",
                    orgId).get(0)).satisfies(r -> assertThat(((Number) r.get("n")).longValue())
                    .isEqualTo(((Number) r.get("m")).longValue()));
        } finally {
            job.cancel().get();
        }
    }
}
