package ai.omnify.jobs.brain.ai;

import java.util.concurrent.CompletableFuture;

/** A language model that answers a prompt with JSON matching a schema. Implementations never block the caller. */
public interface Llm extends AutoCloseable {

    /** The raw JSON text of the answer (to be validated by the caller); fails on HTTP errors after retries. */
    CompletableFuture<String> completeJson(LlmPrompt prompt);

    @Override
    default void close() {}
}
