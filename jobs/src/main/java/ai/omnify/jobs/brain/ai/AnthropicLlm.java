package ai.omnify.jobs.brain.ai;

import com.anthropic.client.AnthropicClientAsync;
import com.anthropic.client.okhttp.AnthropicOkHttpClientAsync;
import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.JsonOutputFormat;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.OutputConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The Messages API ({@code POST /v1/messages}) through the official anthropic-java client. The answer is bound to the
 * prompt's JSON schema with structured outputs ({@code output_config.format}, type {@code json_schema}) and comes
 * back as the first text block; the caller validates it like any other. The client sends {@code x-api-key} and
 * {@code anthropic-version} and retries 408, 409, 429 (honouring {@code retry-after}), 529 and 5xx with exponential
 * backoff and jitter.
 */
public final class AnthropicLlm implements Llm {
    private final AnthropicClientAsync client;
    private final String model;

    /** @param baseUrl the host root, e.g. {@code https://api.anthropic.com} (the client appends {@code /v1/messages}) */
    public AnthropicLlm(String apiKey, String baseUrl, String model, Duration timeout, int maxRetries) {
        this.client = AnthropicOkHttpClientAsync.builder()
                .apiKey(apiKey)
                // the documented Messages API header; without it this client version sends the key as a bearer token
                .putHeader("X-Api-Key", apiKey)
                .baseUrl(baseUrl)
                .timeout(timeout)
                .maxRetries(maxRetries)
                .build();
        this.model = model;
    }

    @Override
    public CompletableFuture<String> completeJson(LlmPrompt prompt) {
        return client.messages().create(params(model, prompt)).thenApply(m -> m.content().stream()
                .flatMap(block -> block.text().stream())
                .map(t -> t.text())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the model answered without a text block")));
    }

    static MessageCreateParams params(String model, LlmPrompt prompt) {
        JsonOutputFormat.Schema.Builder schema = JsonOutputFormat.Schema.builder();
        for (Map.Entry<String, Object> e : prompt.schema().entrySet()) {
            schema.putAdditionalProperty(e.getKey(), JsonValue.from(e.getValue()));
        }
        return MessageCreateParams.builder()
                .model(model)
                .maxTokens(prompt.maxTokens())
                .system(prompt.system())
                .addUserMessage(prompt.user())
                .outputConfig(OutputConfig.builder().format(JsonOutputFormat.builder().schema(schema.build()).build())
                        .build())
                .build();
    }

    @Override
    public void close() {
        client.close();
    }
}
