package ai.omnify.jobs.brain.ai;

import ai.omnify.model.Json;
import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.client.okhttp.AnthropicOkHttpClientAsync;
import com.anthropic.models.messages.MessageCreateParams;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The Messages API through the official anthropic-java client. The schema goes into the system prompt and the
 * answer is validated by the caller like any other; the client retries 429, 529 and 5xx with backoff.
 */
public final class AnthropicLlm implements Llm {
    private final AnthropicClientAsync client;
    private final String model;

    public AnthropicLlm(String apiKey, String baseUrl, String model, Duration timeout, int maxRetries) {
        this.client = AnthropicOkHttpClientAsync.builder()
                .apiKey(apiKey)
                .baseUrl(baseUrl)
                .timeout(timeout)
                .maxRetries(maxRetries)
                .build();
        this.model = model;
    }

    @Override
    public CompletableFuture<String> completeJson(LlmPrompt prompt) {
        MessageCreateParams params = MessageCreateParams.builder()
                .model(model)
                .maxTokens(prompt.maxTokens())
                .system(prompt.system() + "\nAnswer with one JSON object only, matching this JSON schema: "
                        + Json.write(prompt.schema()))
                .addUserMessage(prompt.user())
                .build();
        return client.messages().create(params).thenApply(m -> m.content().stream()
                .flatMap(block -> block.text().stream())
                .map(t -> t.text())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the model answered without text")));
    }

    @Override
    public void close() {
        client.close();
    }
}
