package ai.omnify.jobs.brain.ai;

import java.util.Map;

/**
 * One request to a model. {@code schema} is a JSON schema (as maps and lists) the answer must match.
 *
 * @param schemaName a short name for the schema (OpenAI's {@code json_schema.name})
 */
public record LlmPrompt(String system, String user, String schemaName, Map<String, Object> schema, int maxTokens) {}
