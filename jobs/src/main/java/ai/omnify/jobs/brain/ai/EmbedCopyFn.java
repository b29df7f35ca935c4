package ai.omnify.jobs.brain.ai;

import ai.omnify.jobs.brain.AdCopy;
import ai.omnify.jobs.brain.BrainInput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flink Async I/O on the ads' branch only: each ad's name and copy ({@link AdCopy#text()}, one ad's text per request,
 * so a request never carries another organization's data) is embedded through the OpenAI-compatible embeddings
 * endpoint, with a cache by text, a concurrency bound and a timeout. Every input comes out exactly once: with its
 * vector, or — no embedding service, busy, failing or slow — without, and the brain compares that ad's copy locally
 * (character trigrams). Metrics rows and alerts never pass here, so the brain's state path never waits on it.
 */
public final class EmbedCopyFn extends RichAsyncFunction<BrainInput, BrainInput> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(EmbedCopyFn.class);

    private final LlmConfig config;
    private final int cacheSize;
    private transient Embedder embedder;
    private transient Semaphore slots;
    private transient Map<String, float[]> cache;

    public EmbedCopyFn(LlmConfig config, int cacheSize) {
        this.config = config;
        this.cacheSize = cacheSize;
    }

    @Override
    public void open(OpenContext ctx) {
        embedder = config.createEmbedder();
        slots = new Semaphore(config.maxConcurrent());
        cache = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > cacheSize;
            }
        });
    }

    @Override
    public void asyncInvoke(BrainInput in, ResultFuture<BrainInput> result) {
        embed(in).whenComplete((out, error) -> result.complete(List.of(out != null ? out : in)));
    }

    /** The input with its ad's vector, or unchanged; never fails. */
    CompletableFuture<BrainInput> embed(BrainInput in) {
        AdCopy ad = in.ad();
        if (embedder == null || ad == null || ad.text().isEmpty()) {
            return CompletableFuture.completedFuture(in);
        }
        String text = ad.text();
        float[] cached = cache.get(text);
        if (cached != null) {
            return CompletableFuture.completedFuture(with(in, cached));
        }
        if (!slots.tryAcquire()) {
            return CompletableFuture.completedFuture(in);
        }
        CompletableFuture<List<double[]>> call;
        try {
            call = embedder.embed(List.of(text));
        } catch (RuntimeException e) {
            slots.release();
            return CompletableFuture.completedFuture(in);
        }
        return call.orTimeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS).handle((vectors, error) -> {
            slots.release();
            if (error != null || vectors == null || vectors.size() != 1) {
                LOG.debug("ad {} not embedded: {}", ad.adId(), error == null ? "no vector" : error.toString());
                return in;
            }
            double[] v = vectors.get(0);
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            cache.put(text, f);
            return with(in, f);
        });
    }

    private BrainInput with(BrainInput in, float[] vector) {
        return BrainInput.of(in.orgId(), in.ad().withEmbedding(vector, config.embeddingModel()));
    }

    @Override
    public void timeout(BrainInput in, ResultFuture<BrainInput> result) {
        result.complete(List.of(in));
    }

    @Override
    public void close() throws Exception {
        if (embedder != null) {
            embedder.close();
        }
    }
}
