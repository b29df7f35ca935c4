package ai.omnify.jobs.brain.ai;

import com.openai.client.OpenAIClientAsync;
import com.openai.client.okhttp.OpenAIOkHttpClientAsync;
import com.openai.core.JsonValue;
import com.openai.models.ResponseFormatJsonSchema;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Chat completions with a JSON-schema response format through openai-java, against any OpenAI-compatible base URL.
 * The client retries 429 and 5xx answers itself (exponential backoff with jitter, honouring retry-after).
 */
public final class OpenAiLlm implements Llm {
    private final OpenAIClientAsync client;
    private final String model;

    public OpenAiLlm(String apiKey, String baseUrl, String model, Duration timeout, int maxRetries) {
        this.client = OpenAIOkHttpClientAsync.builder()
                .apiKey(apiKey)
                .baseUrl(baseUrl)
                .timeout(timeout)
                .maxRetries(maxRetries)
                .build();
        this.model = model;
    }

    @Override
    public CompletableFuture<String> completeJson(LlmPrompt prompt) {
        ResponseFormatJsonSchema.JsonSchema.Schema.Builder schema = ResponseFormatJsonSchema.JsonSchema.Schema.builder();
        for (Map.Entry<String, Object> e : prompt.schema().entrySet()) {
            schema.putAdditionalProperty(e.getKey(), JsonValue.from(e.getValue()));
        }
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(model)
                .maxCompletionTokens(prompt.maxTokens())
                .addSystemMessage(prompt.system())
                .addUserMessage(prompt.user())
                .responseFormat(ResponseFormatJsonSchema.builder()
                        .jsonSchema(ResponseFormatJsonSchema.JsonSchema.builder()
                                .name(prompt.schemaName())
                                .schema(schema.build())
                                .strict(true)
                                .build())
                        .build())
                .build();
        return client.chat().completions().create(params).thenApply(c -> c.choices().stream()
                .flatMap(choice -> choice.message().content().stream())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("the model answered without content")));
    }

    @Override
    public void close() {
        client.close();
    }
}
