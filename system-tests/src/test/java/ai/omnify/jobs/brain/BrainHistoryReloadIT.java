package ai.omnify.jobs.brain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ai.omnify.jobs.brain.ai.LlmConfig;
import ai.omnify.jobs.metrics.MetricsStatements;
import ai.omnify.model.Ids;
import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.model.Topics;
import ai.omnify.model.brain.BrainState;
import ai.omnify.model.brain.Oracle;
import ai.omnify.model.insight.AdEntity;
import ai.omnify.model.metrics.MetricsUpdate;
import ai.omnify.testing.StackExtension;
import ai.omnify.testing.TestDatabase;
import ai.omnify.testing.TestFlink;
import ai.omnify.testing.TestKafka;
import ai.omnify.testing.TestStack;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 * A brain that starts with no state (a lost checkpoint) while the metrics changelog holds only the last days (its
 * retention is limited): organization H has 90 days in the metrics tables but only its last 3 on the topic; it must
 * get the same forecasts as organization S, the same brand whose 90 days all streamed in. H's ads' copy arrives on
 * {@code omnify.ad-entities}: a new ad repeating the copy of its fatigued creative is named a near-copy.
 */
class BrainHistoryReloadIT {
    @RegisterExtension
    static final MiniClusterExtension FLINK = TestFlink.miniCluster(2);

    @RegisterExtension
    static final StackExtension STACK = StackExtension.withTopics(2);

    private static final int DAYS = 90;
    private static final long SEED = 5;
    private static final LocalDate LAST = SyntheticDays.FIRST.plusDays(DAYS - 1);
    private static final SyntheticDays.Channel META = SyntheticDays.CHANNELS.get(0);
    private static TestDatabase db;
    private static Topics topics;
    private static String streamed;
    private static String reloaded;
    private static ai.omnify.simulator.fakes.openai.FakeOpenAiServer openAi;
    private static final String OLD_ALERT = UUID.nameUUIDFromBytes("reload-it-alert".getBytes()).toString();

    @BeforeAll
    static void stack() {
        db = STACK.db();
        streamed = db.createOrganization("Streamed Goods", "EUR").toString();
        reloaded = db.createOrganization("Reloaded Goods", "EUR").toString();
        topics = STACK.topics();
        store(SyntheticDays.rows(reloaded, 0, DAYS, SEED));
        storeAlert(new ai.omnify.model.alert.Alert(OLD_ALERT, reloaded, "roas_drop:channel:x", "roas_drop",
                "critical", "open", SyntheticDays.channelId(reloaded, SyntheticDays.CHANNELS.get(1)), null, "roas", null,
                null, new java.math.BigDecimal("0.9"), new java.math.BigDecimal("2.4"), new java.math.BigDecimal("4"),
                LAST.minusDays(20).atStartOfDay(java.time.ZoneOffset.UTC).toInstant(), Instant.now(),
                "ROAS fell to a third of its usual level"));
        openAi = ai.omnify.simulator.fakes.openai.FakeOpenAiServer.start(0);
    }

    /** An alert the DetectionJob stored weeks ago (long gone from the alerts topic). */
    private static void storeAlert(ai.omnify.model.alert.Alert a) {
        var cfg = db.pipelineConfig();
        try (Connection c = DriverManager.getConnection(cfg.jdbcUrl(), cfg.user(), cfg.password());
             PreparedStatement ps = c.prepareStatement(ai.omnify.jobs.detection.AlertStatements.UPSERT)) {
            ai.omnify.jobs.detection.AlertStatements.bind(ps, a);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void teardown() {
        if (openAi != null) {
            openAi.close();
        }
    }

    /** The metrics tables as the MetricsJob's sinks leave them (same statements), as the pipeline role. */
    private static void store(List<MetricsUpdate> rows) {
        var cfg = db.pipelineConfig();
        try (Connection c = DriverManager.getConnection(cfg.jdbcUrl(), cfg.user(), cfg.password());
             PreparedStatement channel = c.prepareStatement(MetricsStatements.CHANNEL_DAILY);
             PreparedStatement creative = c.prepareStatement(MetricsStatements.CREATIVE_DAILY);
             PreparedStatement org = c.prepareStatement(MetricsStatements.ORG_DAILY);
             PreparedStatement channels = c.prepareStatement(MetricsStatements.CHANNELS);
             PreparedStatement creatives = c.prepareStatement(MetricsStatements.CREATIVES)) {
            for (MetricsUpdate r : rows) {
                switch (r.level()) {
                    case MetricsUpdate.CHANNEL -> {
                        MetricsStatements.bindChannelDaily(channel, r);
                        channel.addBatch();
                        channels.setObject(1, UUID.fromString(r.channelId()));
                        channels.setObject(2, UUID.fromString(r.orgId()));
                        channels.setString(3, r.name());
                        channels.setString(4, r.platform().wire());
                        channels.setString(5, "ext-" + r.channelId());
                        channels.setString(6, "act_1");
                        channels.setObject(7, SyntheticDays.FIRST);
                        channels.addBatch();
                    }
                    case MetricsUpdate.CREATIVE -> {
                        MetricsStatements.bindCreativeDaily(creative, r);
                        creative.addBatch();
                        creatives.setObject(1, UUID.fromString(r.creativeId()));
                        creatives.setObject(2, UUID.fromString(r.orgId()));
                        creatives.setObject(3, UUID.fromString(r.channelId()));
                        creatives.setString(4, r.name());
                        creatives.setString(5, "ext-" + r.creativeId());
                        creatives.setObject(6, SyntheticDays.FIRST);
                        creatives.addBatch();
                    }
                    default -> {
                        MetricsStatements.bindOrgDaily(org, r);
                        org.addBatch();
                    }
                }
            }
            channels.executeBatch();
            creatives.executeBatch();
            channel.executeBatch();
            creative.executeBatch();
            org.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(KafkaProducer<String, String> p, String topic, String key, Object value) {
        p.send(new ProducerRecord<>(topic, key, Json.write(value)));
    }

    private static List<BrainState> states(String orgId) {
        var cfg = db.pipelineConfig();
        List<BrainState> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(cfg.jdbcUrl(), cfg.user(), cfg.password());
             PreparedStatement ps = c.prepareStatement("SELECT state::text FROM brain_states WHERE "
                     + "organization_id = ?::uuid ORDER BY version")) {
            ps.setObject(1, UUID.fromString(orgId));
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Json.read(rs.getString(1), BrainState.class).value());
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    private static BrainState latest(String orgId) {
        List<BrainState> all = states(orgId);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    /** The forecasts with channel ids replaced by channel names (the two organizations' ids differ). */
    private static List<String> forecasts(BrainState s) {
        List<String> out = new ArrayList<>();
        for (Oracle.Forecast f : s.oracle().forecasts()) {
            String channel = f.channelId() == null ? "org" : SyntheticDays.CHANNELS.stream()
                    .filter(c -> SyntheticDays.channelId(s.orgId(), c).equals(f.channelId()))
                    .map(SyntheticDays.Channel::name).findFirst().orElse("unknown " + f.channelId());
            out.add(channel + " " + f.metric() + " " + f.model() + " origin " + f.origin() + " backtest "
                    + f.backtestMape() + " " + Json.write(f.points()));
        }
        out.sort(String::compareTo);
        return out;
    }

    private static AdEntity ad(String adId, String name, String headline, String body, LocalDate launch) {
        return new AdEntity(reloaded, Platform.META, "act_1", META.campaign(), META.name(), "active", "as-1", adId,
                name, "active", "ACTIVE", name, headline, body, launch, Instant.parse("2026-11-30T08:00:00Z"), "poll");
    }

    @Test
    void theStoreReloadsOnlyTheAskedOrganizationsRowsAndAlerts() {
        JdbcBrainStore store = new JdbcBrainStore(db.pipelineConfig(), Duration.ofSeconds(1));
        store.open();
        List<MetricsUpdate> rows = store.history(reloaded, 100);
        assertThat(rows).hasSize(DAYS * 10).allSatisfy(r -> assertThat(r.orgId()).isEqualTo(reloaded));
        assertThat(store.history(reloaded, 9)).extracting(MetricsUpdate::date)
                .allSatisfy(d -> assertThat(d).isAfterOrEqualTo(LAST.minusDays(9)));
        assertThat(store.alerts(reloaded, 30)).extracting(a -> a.id()).containsExactly(OLD_ALERT);
        assertThat(store.history(streamed, 100)).isEmpty();
        assertThat(store.alerts(streamed, 30)).isEmpty();
    }

    @Test
    void aBrainStartedWithoutStateReloadsTheStoredDaysAndForecastsAsIfItHadSeenThemStreamIn() throws Exception {
        StreamExecutionEnvironment env = TestFlink.environment(2);
        env.enableCheckpointing(1000);
        BrainJob.build(env,
                new KafkaBrainSources(TestStack.kafkaBootstrap(), topics.channelMetrics(), topics.alerts(),
                        topics.adEntities(), "brain-reload-it"),
                BrainSinks.create(db.pipelineConfig(), TestStack.kafkaBootstrap(), topics, 100),
                BrainSettings.defaults(), new JdbcBrainStore(db.pipelineConfig(), Duration.ofSeconds(1)),
                Duration.ofMillis(500), LlmConfig.fromEnv(Map.of("OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL",
                        openAi.baseUrl(), "BRAIN_LLM_MODEL", "fake-model", "BRAIN_EMBEDDING_MODEL", "fake-embed",
                        "BRAIN_LLM_BUDGET_PER_HOUR", "5", "BRAIN_LLM_TIMEOUT", "30s"))); // a busy machine is slow
        JobClient job = env.executeAsync("brain-reload-it");
        try (KafkaProducer<String, String> p = TestKafka.producer()) {
            // the fatigued creative's copy, a new ad repeating it, and an unrelated new ad (H only)
            String tiredAd = META.campaign() + "-ad1";
            send(p, topics.adEntities(), "a1", ad(tiredAd, "Meta prospecting ad 1", "Summer sale: 20% off all hiking "
                    + "boots", "Waterproof leather boots for every trail. Free returns within 30 days.",
                    SyntheticDays.FIRST));
            send(p, topics.adEntities(), "a2", ad("boots-v2", "Boots promo v2", "Summer sale: 20% off all our hiking "
                    + "boots!", "Waterproof leather boots for every trail. Free returns within 30 days!",
                    LAST.minusDays(2)));
            send(p, topics.adEntities(), "a3", ad("jackets", "Rain jackets", "New rain jackets are here",
                    "Light, packable shells in six colours.", LAST.minusDays(2)));
            p.send(new ProducerRecord<>(topics.adEntities(), "bad", "{\"orgId\":\"" + reloaded + "\",\"adId\":\"x\"}"));
            p.flush();
            for (MetricsUpdate r : SyntheticDays.rows(streamed, 0, DAYS, SEED)) {
                send(p, topics.channelMetrics(), r.key(), r);
            }
            // H: the changelog kept only the last 3 days
            for (MetricsUpdate r : SyntheticDays.rows(reloaded, DAYS - 3, 3, SEED)) {
                send(p, topics.channelMetrics(), r.key(), r);
            }
            p.flush();

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                BrainState s = latest(streamed);
                BrainState h = latest(reloaded);
                return s != null && h != null && s.asOfDate().equals(LAST) && forecasts(s).equals(forecasts(h));
            });
            BrainState s = latest(streamed);
            BrainState h = latest(reloaded);
            assertThat(forecasts(h)).hasSize(12).isEqualTo(forecasts(s));
            assertThat(h.oracle().forecasts()).allSatisfy(f -> assertThat(f.origin()).isEqualTo(LAST));
            // nothing was computed for H before its history was in: its first version already had all 90 days
            BrainState first = states(reloaded).get(0);
            assertThat(first.asOfDate()).isEqualTo(LAST);
            assertThat(forecasts(first)).isEqualTo(forecasts(s));
            assertThat(first.memory().kpis()).filteredOn(k -> k.scope().equals("org") && k.windowDays() == 90)
                    .singleElement().satisfies(k -> assertThat(k.spend())
                            .isEqualByComparingTo(s.memory().kpis().stream().filter(x -> x.scope().equals("org")
                                    && x.windowDays() == 90).findFirst().orElseThrow().spend()));

            // the new ad that repeats the fatigued creative's copy is named, in H's risks and actions only
            await().atMost(Duration.ofSeconds(60)).until(() -> latest(reloaded).oracle().risks().stream()
                    .anyMatch(r -> r.kind().equals("near_copy_of_fatigued")));
            BrainState withAds = latest(reloaded);
            assertThat(withAds.oracle().risks()).filteredOn(r -> r.kind().equals("near_copy_of_fatigued"))
                    .singleElement().satisfies(r -> assertThat(r.text())
                            .contains("'Boots promo v2'").contains("'Meta prospecting ad 1'").contains("by embeddings"));
            assertThat(openAi.api().embeddingRequests()).isGreaterThanOrEqualTo(3);
            String newAd = Ids.creativeId(reloaded, Platform.META, "boots-v2").toString();
            assertThat(withAds.curiosity().actions()).anySatisfy(a -> {
                assertThat(a.kind()).isEqualTo("refresh_creative");
                assertThat(a.target().creativeId()).isEqualTo(newAd);
                assertThat(a.rationale()).contains("near-copy of 'Meta prospecting ad 1'");
            });
            assertThat(latest(streamed).oracle().risks()).noneMatch(r -> r.kind().equals("near_copy_of_fatigued"));
            // the alert stored weeks ago came back with the history: an action to investigate it
            assertThat(withAds.curiosity().actions()).anySatisfy(a -> {
                assertThat(a.kind()).isEqualTo("investigate_alert");
                assertThat(a.target().alertId()).isEqualTo(OLD_ALERT);
            });
            var dead = TestKafka.awaitRecords(topics.deadLetter(), r -> !r.isEmpty(), Duration.ofSeconds(30));
            assertThat(dead).extracting(r -> r.value()).anyMatch(v -> v.contains("job:brain:ad-entities")
                    && v.contains("platform is missing"));
        } finally {
            job.cancel().get();
        }
    }
}
