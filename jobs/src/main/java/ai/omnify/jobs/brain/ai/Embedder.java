package ai.omnify.jobs.brain.ai;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Text to vectors, for creative similarity. */
public interface Embedder extends AutoCloseable {
    CompletableFuture<List<double[]>> embed(List<String> texts);

    @Override
    default void close() {}
}
