package ai.omnify.jobs.brain.ai;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes insights with a model, never making the brain wait on it or break because of it: with no model, over the
 * organization's hourly budget, with every concurrent slot taken, on timeout, error, or an answer that fails
 * validation, the template text is the answer. Validated answers are cached per organization, kind, subject and
 * facts, so an unchanged subject costs no second call.
 */
public final class InsightWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InsightWriter.class);
    static final String SYSTEM = "You are Omnify's marketing analyst writing for a busy e-commerce founder. Use only "
            + "the facts given; every number you write must appear in the facts exactly or rounded. Be concrete and short. "
            + "Answer as JSON: {\"text\": \"...\"}.";

    private final Llm llm;
    private final Semaphore slots;
    private final int budgetPerHour;
    private final Duration timeout;
    private final LongSupplier clockMs;
    private final Map<String, String> cache;
    private final Map<String, long[]> spent = new java.util.HashMap<>();

    /**
     * @param llm null when no model is configured
     * @param budgetPerHour model calls per organization per hour
     */
    public InsightWriter(Llm llm, int maxConcurrent, int budgetPerHour, Duration timeout, int cacheSize,
            LongSupplier clockMs) {
        this.llm = llm;
        this.slots = new Semaphore(maxConcurrent);
        this.budgetPerHour = budgetPerHour;
        this.timeout = timeout;
        this.clockMs = clockMs;
        this.cache = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                return size() > cacheSize;
            }
        });
    }

    public CompletableFuture<InsightRow> write(InsightRequest r) {
        if (llm == null) {
            return done(InsightRow.template(r, "no model configured"));
        }
        String key = cacheKey(r);
        String cached = cache.get(key);
        if (cached != null) {
            return done(InsightRow.model(r, cached));
        }
        if (!takeBudget(r.orgId())) {
            return done(InsightRow.template(r, "the organization's hourly model budget is used up"));
        }
        if (!slots.tryAcquire()) {
            return done(InsightRow.template(r, "all model slots busy"));
        }
        LlmPrompt prompt = new LlmPrompt(SYSTEM, r.task() + "\nFacts (JSON): " + r.factsJson() + "\nDraft: "
                + r.template(), "insight", InsightValidator.SCHEMA, 300);
        CompletableFuture<String> call;
        try {
            call = llm.completeJson(prompt);
        } catch (RuntimeException e) {
            slots.release();
            return done(InsightRow.template(r, "the model call failed: " + e.getClass().getSimpleName()));
        }
        return call.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((answer, error) -> {
                    slots.release();
                    if (error != null) {
                        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                                ? error.getCause() : error;
                        String why = cause instanceof java.util.concurrent.TimeoutException
                                ? "the model did not answer within " + timeout : "the model call failed: "
                                + cause.getClass().getSimpleName();
                        LOG.debug("insight {} of {}: {}", r.kind(), r.orgId(), why);
                        return InsightRow.template(r, why);
                    }
                    InsightValidator.Verdict v = InsightValidator.validate(answer, r.factsJson());
                    if (!v.ok()) {
                        return InsightRow.template(r, v.problem());
                    }
                    cache.put(key, v.text());
                    return InsightRow.model(r, v.text());
                });
    }

    private synchronized boolean takeBudget(String orgId) {
        long hour = clockMs.getAsLong() / 3_600_000L;
        long[] s = spent.computeIfAbsent(orgId, k -> new long[] {hour, 0});
        if (s[0] != hour) {
            s[0] = hour;
            s[1] = 0;
        }
        if (s[1] >= budgetPerHour) {
            return false;
        }
        s[1]++;
        return true;
    }

    static String cacheKey(InsightRequest r) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(r.factsJson().getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(r.template().getBytes(StandardCharsets.UTF_8));
            return r.orgId() + "|" + r.kind() + "|" + r.subjectId() + "|" + HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<InsightRow> done(InsightRow row) {
        return CompletableFuture.completedFuture(row);
    }

    @Override
    public void close() throws Exception {
        if (llm != null) {
            llm.close();
        }
    }
}
