package ai.omnify.jobs.brain.ai;

import ai.omnify.config.Env;
import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * Which model writes the brain's texts. {@code BRAIN_LLM_PROVIDER}: {@code openai}, {@code anthropic} or
 * {@code none}; by default the one whose key is set (OpenAI first), else none (templates only).
 * {@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL} (any OpenAI-compatible server), {@code ANTHROPIC_API_KEY},
 * {@code ANTHROPIC_BASE_URL}, {@code BRAIN_LLM_MODEL}, {@code BRAIN_EMBEDDING_MODEL}, {@code BRAIN_LLM_TIMEOUT}
 * (default 8s), {@code BRAIN_LLM_MAX_CONCURRENT} (4), {@code BRAIN_LLM_BUDGET_PER_HOUR} (60 calls per organization),
 * {@code BRAIN_LLM_MAX_RETRIES} (2). The key is never logged ({@link #toString()} hides it).
 */
public record LlmConfig(String provider, String apiKey, String baseUrl, String model, String embeddingModel,
        Duration timeout, int maxConcurrent, int budgetPerHour, int maxRetries) implements Serializable {

    public static LlmConfig none() {
        return new LlmConfig("none", null, null, null, null, Duration.ofSeconds(8), 4, 60, 2);
    }

    public static LlmConfig fromEnv(Map<String, String> vars) {
        Env env = new Env(vars);
        String openAiKey = env.string("OPENAI_API_KEY", null);
        String anthropicKey = env.string("ANTHROPIC_API_KEY", null);
        String fallback = openAiKey != null ? "openai" : anthropicKey != null ? "anthropic" : "none";
        String provider = env.string("BRAIN_LLM_PROVIDER", fallback);
        Duration timeout = env.duration("BRAIN_LLM_TIMEOUT", Duration.ofSeconds(8));
        int concurrent = env.integer("BRAIN_LLM_MAX_CONCURRENT", 4, 1, 256);
        int budget = env.integer("BRAIN_LLM_BUDGET_PER_HOUR", 60, 0, 1_000_000);
        int retries = env.integer("BRAIN_LLM_MAX_RETRIES", 2, 0, 10);
        return switch (provider) {
            case "openai" -> new LlmConfig("openai", require(openAiKey, "OPENAI_API_KEY"),
                    env.string("OPENAI_BASE_URL", "https://api.openai.com/v1"),
                    env.string("BRAIN_LLM_MODEL", "gpt-4o-mini"),
                    env.string("BRAIN_EMBEDDING_MODEL", "text-embedding-3-small"), timeout, concurrent, budget, retries);
            case "anthropic" -> new LlmConfig("anthropic", require(anthropicKey, "ANTHROPIC_API_KEY"),
                    env.string("ANTHROPIC_BASE_URL", "https://api.anthropic.com"),
                    env.string("BRAIN_LLM_MODEL", "claude-haiku-4-5"), null, timeout, concurrent, budget, retries);
            case "none" -> new LlmConfig("none", null, null, null, null, timeout, concurrent, budget, retries);
            default -> throw new Env.ConfigException("BRAIN_LLM_PROVIDER must be openai, anthropic or none, got '"
                    + provider + "'");
        };
    }

    private static String require(String key, String name) {
        if (key == null || key.isBlank()) {
            throw new Env.ConfigException(name + " is required for this BRAIN_LLM_PROVIDER: set it, or set "
                    + "BRAIN_LLM_PROVIDER=none to use template texts");
        }
        return key;
    }

    /** The model client, or null for none. */
    public Llm createLlm() {
        return switch (provider) {
            case "openai" -> new OpenAiLlm(apiKey, baseUrl, model, timeout, maxRetries);
            case "anthropic" -> new AnthropicLlm(apiKey, baseUrl, model, timeout, maxRetries);
            default -> null;
        };
    }

    /** The embedding client (OpenAI-compatible only), or null: then similarity is computed locally. */
    public Embedder createEmbedder() {
        return "openai".equals(provider) ? new OpenAiEmbedder(apiKey, baseUrl, embeddingModel, timeout, maxRetries) : null;
    }

    @Override
    public String toString() {
        return "LlmConfig[provider=" + provider + ", baseUrl=" + baseUrl + ", model=" + model + ", key="
                + (apiKey == null ? "none" : "set") + "]";
    }
}
