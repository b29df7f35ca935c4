package ai.omnify.jobs.brain.ai;

import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Embeddings through openai-java from any OpenAI-compatible base URL. */
public final class OpenAiEmbedder implements Embedder {
    private final OpenAIClientAsync client;
    private final String model;

    public OpenAiEmbedder(String apiKey, String baseUrl, String model, Duration timeout, int maxRetries) {
        this.client = OpenAIOkHttpClientAsync.builder().apiKey(apiKey).baseUrl(baseUrl).timeout(timeout)
                .maxRetries(maxRetries).build();
        this.model = model;
    }

    @Override
    public CompletableFuture<List<double[]>> embed(List<String> texts) {
        return client.embeddings().create(EmbeddingCreateParams.builder().model(model).inputOfArrayOfStrings(texts).build())
                .thenApply(r -> r.data().stream().map(e -> {
                    List<Float> v = e.embedding();
                    double[] out = new double[v.size()];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = v.get(i);
                    }
                    return out;
                }).toList());
    }

    @Override
    public void close() {
        client.close();
    }
}
