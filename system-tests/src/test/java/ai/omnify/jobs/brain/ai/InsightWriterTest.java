package ai.omnify.jobs.brain.ai;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.brain.BrainComputer;
import ai.omnify.jobs.brain.BrainHistory;
import ai.omnify.jobs.brain.BrainSettings;
import ai.omnify.jobs.brain.OrgGoals;
import ai.omnify.jobs.brain.SyntheticDays;
import ai.omnify.model.brain.BrainState;
import ai.omnify.simulator.fakes.openai.FakeOpenAi;
import ai.omnify.simulator.fakes.openai.FakeOpenAiServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The insight writer against the simulator's fake OpenAI-compatible server over loopback, with the real openai-java. */
class InsightWriterTest {
    private static final String ORG = "6f1d7c52-0000-4000-8000-0000000000a1";
    private static FakeOpenAiServer server;
    private static BrainState state;

    @BeforeAll
    static void start() {
        server = FakeOpenAiServer.start(0);
        state = new BrainComputer(BrainSettings.defaults()).compute(new BrainHistory(ORG,
                new OrgGoals("EUR", "UTC", 2.0, null), SyntheticDays.rows(ORG, 0, 35, 1), List.of()),
                List.of(), 7, Instant.EPOCH);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @org.junit.jupiter.api.BeforeEach
    void freshScript() {
        server.api().reset();
    }

    private static InsightWriter writer(Duration timeout, int budget) {
        return new InsightWriter(new OpenAiLlm("sk-test", server.baseUrl(), "fake-model", timeout, 2), 2, budget,
                timeout, 100, System::currentTimeMillis);
    }

    private static InsightRequest summary() {
        return InsightRequests.from(state).get(0);
    }

    @Test
    void theRequestsCoverSummaryFatigueAndBudgetMovesOfOneOrganization() {
        List<InsightRequest> requests = InsightRequests.from(state);
        assertThat(requests).extracting(InsightRequest::kind).contains("summary", "fatigue", "budget_move");
        assertThat(requests).allSatisfy(r -> {
            assertThat(r.orgId()).isEqualTo(ORG);
            assertThat(r.version()).isEqualTo(7);
            // the template passes its own number check: a model that returns it verbatim is accepted
            assertThat(InsightValidator.validate(ai.omnify.model.Json.write(java.util.Map.of("text", r.template())),
                    r.factsJson()).ok()).as(r.template()).isTrue();
        });
    }

    @Test
    void everyTemplatePassesTheNumberCheckOnManyBrands() {
        for (long seed = 1; seed <= 12; seed++) {
            var alert = new ai.omnify.model.alert.Alert("al-" + seed, ORG, "spend_spike:x", "spend_spike", "critical",
                    "open", null, null, "spend", null, null, java.math.BigDecimal.valueOf(250), java.math.BigDecimal.TEN,
                    java.math.BigDecimal.ONE, Instant.parse("2026-10-03T00:00:00Z"), Instant.EPOCH,
                    "Spend 250 against 10 expected");
            BrainState s = new BrainComputer(BrainSettings.defaults()).compute(new BrainHistory(ORG,
                    new OrgGoals("EUR", "UTC", 1.0 + seed % 3, seed % 2 == 0 ? 9000.0 : null),
                    SyntheticDays.rows(ORG, 0, 30 + (int) seed, seed), List.of(alert)), List.of(), seed, Instant.EPOCH);
            for (InsightRequest r : InsightRequests.from(s)) {
                assertThat(InsightValidator.validate(ai.omnify.model.Json.write(java.util.Map.of("text", r.template())),
                        r.factsJson()).problem()).as("seed %d, %s: %s", seed, r.kind(), r.template()).isNull();
            }
        }
    }

    @Test
    void aValidAnswerIsUsedAndCached() throws Exception {
        try (InsightWriter w = writer(Duration.ofSeconds(5), 100)) {
            int before = server.api().chatRequests();
            InsightRow row = w.write(summary()).get();
            assertThat(row.source()).isEqualTo("model");
            assertThat(row.text()).isEqualTo(summary().template());
            assertThat(w.write(summary()).get().source()).isEqualTo("model");
            assertThat(server.api().chatRequests()).isEqualTo(before + 1);
            var sent = server.api().requests().get(server.api().requests().size() - 1);
            assertThat(sent.path("response_format").path("type").asText()).isEqualTo("json_schema");
            assertThat(sent.path("messages").toString()).doesNotContain("0000000000b2");
        }
    }

    @Test
    void a429IsRetriedThenSucceeds() throws Exception {
        server.api().then(new FakeOpenAi.Status(429));
        try (InsightWriter w = writer(Duration.ofSeconds(20), 100)) {
            int before = server.api().chatRequests();
            InsightRow row = w.write(InsightRequests.from(state).get(1)).get();
            assertThat(row.source()).as(row.reason()).isEqualTo("model");
            assertThat(server.api().chatRequests()).isEqualTo(before + 2);
        }
    }

    @Test
    void aSlowModelTimesOutToTheTemplate() throws Exception {
        server.api().then(new FakeOpenAi.Delay(Duration.ofSeconds(3)));
        int before = server.api().chatRequests();
        try (InsightWriter w = new InsightWriter(new OpenAiLlm("sk-test", server.baseUrl(), "fake-model",
                Duration.ofSeconds(10), 0), 2, 100, Duration.ofMillis(500), 100, System::currentTimeMillis)) {
            long t0 = System.nanoTime();
            InsightRow row = w.write(InsightRequests.from(state).get(2)).get();
            assertThat(row.source()).isEqualTo("template");
            assertThat(row.reason()).contains("did not answer within");
            assertThat(row.text()).isEqualTo(InsightRequests.from(state).get(2).template());
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
            // the abandoned request did reach the server (so its slow answer is not left for another test)
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> server.api().chatRequests() > before);
        }
    }

    @Test
    void malformedJsonGivesTheTemplate() throws Exception {
        server.api().then(new FakeOpenAi.Content("Sure! Here is your summary: {\"text\": "));
        try (InsightWriter w = writer(Duration.ofSeconds(5), 100)) {
            InsightRow row = w.write(InsightRequests.from(state).get(3)).get();
            assertThat(row.source()).isEqualTo("template");
            assertThat(row.reason()).isEqualTo("the answer is not JSON");
        }
    }

    @Test
    void anInventedNumberGivesTheTemplate() throws Exception {
        server.api().then(new FakeOpenAi.Content("{\"text\":\"Revenue jumped to 98765.43 EUR last week.\"}"));
        try (InsightWriter w = writer(Duration.ofSeconds(5), 100)) {
            InsightRequest r = new InsightRequest(ORG, 7, "summary", "org-x", "task", summary().factsJson(),
                    summary().template());
            InsightRow row = w.write(r).get();
            assertThat(row.source()).isEqualTo("template");
            assertThat(row.reason()).contains("98765.43");
        }
    }

    @Test
    void noModelOrNoBudgetGivesTheTemplateWithoutACall() throws Exception {
        int before = server.api().chatRequests();
        try (InsightWriter none = new InsightWriter(null, 2, 100, Duration.ofSeconds(1), 10, System::currentTimeMillis);
             InsightWriter broke = writer(Duration.ofSeconds(5), 0)) {
            assertThat(none.write(summary()).get().reason()).isEqualTo("no model configured");
            assertThat(broke.write(summary()).get().reason()).contains("budget");
        }
        assertThat(server.api().chatRequests()).isEqualTo(before);
    }

    @Test
    void similarityWithEmbeddingsAndTheLocalFallback() throws Exception {
        List<String> fatigued = List.of("Summer sale: 20% off all hiking boots", "Free shipping on tents");
        List<String> fresh = List.of("Summer sale - 20% off all hiking boots!", "New rain jackets are here");
        try (OpenAiEmbedder e = new OpenAiEmbedder("sk-test", server.baseUrl(), "fake-embed", Duration.ofSeconds(5), 1)) {
            var remote = new CreativeSimilarity(e).bestMatches(fresh, fatigued).get();
            assertThat(remote.get(0).method()).isEqualTo("embeddings");
            assertThat(remote.get(0).similarity()).isGreaterThan(CreativeSimilarity.NEAR_COPY);
            assertThat(remote.get(1).similarity()).isLessThan(CreativeSimilarity.NEAR_COPY);
        }
        var local = new CreativeSimilarity(null).bestMatches(fresh, fatigued).get();
        assertThat(local.get(0).method()).isEqualTo("trigrams");
        assertThat(local.get(0).similarity()).isGreaterThan(CreativeSimilarity.NEAR_COPY);
        assertThat(local.get(1).similarity()).isLessThan(0.5);
    }
}
