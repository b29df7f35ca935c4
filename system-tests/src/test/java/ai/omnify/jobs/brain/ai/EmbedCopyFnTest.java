package ai.omnify.jobs.brain.ai;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.jobs.brain.AdCopy;
import ai.omnify.jobs.brain.BrainInput;
import ai.omnify.jobs.brain.BrainParser;
import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdEntity;
import ai.omnify.simulator.fakes.openai.FakeOpenAi;
import ai.omnify.simulator.fakes.openai.FakeOpenAiServer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ad copy embedded through the real openai-java against the fake OpenAI-compatible server, with cache and fallback. */
class EmbedCopyFnTest {
    private static final String ORG = "6f1d7c52-0000-4000-8000-0000000000d1";
    private static FakeOpenAiServer server;

    @BeforeAll
    static void start() {
        server = FakeOpenAiServer.start(0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static BrainInput ad(String adId, String headline) {
        AdEntity e = new AdEntity(ORG, Platform.META, "act_1", "cmp-1", "Summer", "active", "as-1", adId,
                "Ad " + adId, "active", "ACTIVE", null, headline, "Free returns within 30 days.",
                LocalDate.of(2026, 10, 1), Instant.parse("2026-10-02T08:00:00Z"), "poll");
        return BrainParser.adEntity(Json.write(e), Instant.EPOCH);
    }

    private static EmbedCopyFn fn(Duration timeout) {
        EmbedCopyFn fn = new EmbedCopyFn(LlmConfig.fromEnv(Map.of("OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL",
                server.baseUrl(), "BRAIN_EMBEDDING_MODEL", "fake-embed", "BRAIN_LLM_TIMEOUT", timeout.toMillis() + "ms",
                "BRAIN_LLM_MAX_RETRIES", "0")), 100);
        fn.open(null);
        return fn;
    }

    @Test
    void anAdsCopyGetsItsVectorOnceThenFromTheCache() throws Exception {
        EmbedCopyFn fn = fn(Duration.ofSeconds(5));
        try {
            BrainInput in = ad("a1", "Summer sale: 20% off all hiking boots");
            int before = server.api().embeddingRequests();
            AdCopy out = fn.embed(in).get().ad();
            assertThat(out.embeddingModel()).isEqualTo("fake-embed");
            assertThat(out.embedding()).hasSize(FakeOpenAi.DIMENSIONS);
            assertThat(CreativeSimilarity.cosine(out.embedding(), toFloats(FakeOpenAi.vector(in.ad().text()))))
                    .isGreaterThan(0.999);
            assertThat(fn.embed(ad("a1", "Summer sale: 20% off all hiking boots")).get().ad().embedding()).isNotNull();
            assertThat(server.api().embeddingRequests()).isEqualTo(before + 1);
        } finally {
            fn.close();
        }
    }

    @Test
    void withoutAnEmbeddingServiceOrOtherInputsNothingChanges() throws Exception {
        EmbedCopyFn none = new EmbedCopyFn(LlmConfig.none(), 10);
        none.open(null);
        BrainInput in = ad("a2", "New rain jackets");
        assertThat(none.embed(in).get()).isSameAs(in);
        BrainInput bad = BrainParser.adEntity("{\"orgId\":\"" + ORG + "\"}", Instant.EPOCH);
        assertThat(bad.isOk()).isFalse();
        assertThat(bad.deadLetter().reason()).contains("platform is missing").contains("adId is missing");
        EmbedCopyFn fn = fn(Duration.ofSeconds(5));
        try {
            assertThat(fn.embed(bad).get()).isSameAs(bad);
        } finally {
            fn.close();
        }
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
