package ai.omnify.jobs.brain.ai;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.brain.BrainComputer;
import ai.omnify.jobs.brain.BrainHistory;
import ai.omnify.jobs.brain.BrainSettings;
import ai.omnify.jobs.brain.OrgGoals;
import ai.omnify.jobs.brain.SyntheticDays;
import ai.omnify.model.brain.BrainState;
import ai.omnify.simulator.fakes.anthropic.FakeAnthropic;
import ai.omnify.simulator.fakes.anthropic.FakeAnthropicServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The insight writer with the real anthropic-java client against the simulator's fake Messages API over loopback:
 * the same cases as the OpenAI-compatible path (success, 429 then success, timeout, malformed JSON).
 */
class AnthropicInsightWriterTest {
    private static final String ORG = "6f1d7c52-0000-4000-8000-0000000000a2";
    private static FakeAnthropicServer server;
    private static BrainState state;

    @BeforeAll
    static void start() {
        server = FakeAnthropicServer.start(0, 1);
        state = new BrainComputer(BrainSettings.defaults()).compute(new BrainHistory(ORG,
                new OrgGoals("EUR", "UTC", 2.0, null), SyntheticDays.rows(ORG, 0, 35, 3), List.of()),
                List.of(), 4, Instant.EPOCH);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void freshScript() {
        server.api().reset();
    }

    private static InsightWriter writer(Duration timeout, int retries) {
        return new InsightWriter(new AnthropicLlm("sk-ant-test", server.baseUrl(), "claude-haiku-4-5", timeout, retries),
                2, 100, timeout, 100, System::currentTimeMillis);
    }

    private static InsightRequest request(int i) {
        return InsightRequests.from(state).get(i);
    }

    @Test
    void aValidAnswerIsUsedAndCached() throws Exception {
        try (InsightWriter w = writer(Duration.ofSeconds(5), 2)) {
            int before = server.api().messageRequests();
            InsightRow row = w.write(request(0)).get();
            assertThat(row.source()).as(row.reason()).isEqualTo("model");
            assertThat(row.text()).isEqualTo(request(0).template());
            assertThat(w.write(request(0)).get().source()).isEqualTo("model");
            assertThat(server.api().messageRequests()).isEqualTo(before + 1);

            FakeAnthropic.Received sent = server.api().requests().get(server.api().requests().size() - 1);
            assertThat(sent.apiKey()).isEqualTo("sk-ant-test");
            assertThat(sent.version()).matches("\\d{4}-\\d{2}-\\d{2}"); // the API version the client was built for
            assertThat(sent.body().path("model").asText()).isEqualTo("claude-haiku-4-5");
            assertThat(sent.body().path("max_tokens").asInt()).isPositive();
            assertThat(sent.body().path("system").toString()).contains("marketing analyst");
            // structured outputs: the answer is bound to the insight schema
            assertThat(sent.body().path("output_config").path("format").path("type").asText()).isEqualTo("json_schema");
            assertThat(sent.body().path("output_config").path("format").path("schema").path("required").toString())
                    .contains("text");
            // only this organization's facts
            assertThat(sent.body().path("messages").toString()).contains("Facts (JSON)").doesNotContain("0000000000a1");
        }
    }

    @Test
    void a429IsRetriedAfterItsRetryAfterThenSucceeds() throws Exception {
        server.api().then(new FakeAnthropic.Status(429));
        try (InsightWriter w = writer(Duration.ofSeconds(20), 2)) {
            int before = server.api().messageRequests();
            InsightRow row = w.write(request(1)).get();
            assertThat(row.source()).as(row.reason()).isEqualTo("model");
            assertThat(server.api().messageRequests()).isEqualTo(before + 2);
        }
    }

    @Test
    void anOverloadedApiIsRetriedToo() throws Exception {
        server.api().then(new FakeAnthropic.Status(529));
        try (InsightWriter w = writer(Duration.ofSeconds(20), 2)) {
            int before = server.api().messageRequests();
            InsightRow row = w.write(request(1)).get();
            assertThat(row.source()).as(row.reason()).isEqualTo("model");
            assertThat(server.api().messageRequests()).isEqualTo(before + 2);
        }
    }

    @Test
    void rateLimitedWithoutRetriesLeftGivesTheTemplate() throws Exception {
        server.api().then(new FakeAnthropic.Status(429));
        try (InsightWriter w = writer(Duration.ofSeconds(5), 0)) {
            InsightRow row = w.write(request(1)).get();
            assertThat(row.source()).isEqualTo("template");
            assertThat(row.reason()).startsWith("the model call failed");
            assertThat(row.text()).isEqualTo(request(1).template());
        }
    }

    @Test
    void aSlowModelTimesOutToTheTemplate() throws Exception {
        server.api().then(new FakeAnthropic.Delay(Duration.ofSeconds(3)));
        int before = server.api().messageRequests();
        try (InsightWriter w = new InsightWriter(new AnthropicLlm("sk-ant-test", server.baseUrl(), "claude-haiku-4-5",
                Duration.ofSeconds(10), 0), 2, 100, Duration.ofMillis(500), 100, System::currentTimeMillis)) {
            long t0 = System.nanoTime();
            InsightRow row = w.write(request(2)).get();
            assertThat(row.source()).isEqualTo("template");
            assertThat(row.reason()).contains("did not answer within");
            assertThat(row.text()).isEqualTo(request(2).template());
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(3));
            // the abandoned request did reach the server (so its slow answer is not left for another test)
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                    .until(() -> server.api().messageRequests() > before);
        }
    }

    @Test
    void malformedJsonGivesTheTemplate() throws Exception {
        server.api().then(new FakeAnthropic.Text("Here is the summary you asked for: {\"text\": "));
        try (InsightWriter w = writer(Duration.ofSeconds(5), 2)) {
            InsightRow row = w.write(request(3)).get();
            assertThat(row.source()).isEqualTo("template");
            assertThat(row.reason()).isEqualTo("the answer is not JSON");
        }
    }

    @Test
    void anInventedNumberGivesTheTemplate() throws Exception {
        server.api().then(new FakeAnthropic.Text("{\"text\":\"Revenue jumped to 98765.43 EUR last week.\"}"));
        try (InsightWriter w = writer(Duration.ofSeconds(5), 2)) {
            InsightRequest r = new InsightRequest(ORG, 4, "summary", "org-y", "task", request(0).factsJson(),
                    request(0).template());
            InsightRow row = w.write(r).get();
            assertThat(row.source()).isEqualTo("template");
            assertThat(row.reason()).contains("98765.43");
        }
    }

    @Test
    void theConfigChoosesAnthropicFromItsKey() {
        LlmConfig c = LlmConfig.fromEnv(Map.of("ANTHROPIC_API_KEY", "sk-ant-x", "ANTHROPIC_BASE_URL", server.baseUrl()));
        assertThat(c.provider()).isEqualTo("anthropic");
        assertThat(c.baseUrl()).isEqualTo(server.baseUrl());
        assertThat(c.toString()).doesNotContain("sk-ant-x");
        try (Llm llm = c.createLlm()) {
            assertThat(llm).isInstanceOf(AnthropicLlm.class);
        }
    }
}
