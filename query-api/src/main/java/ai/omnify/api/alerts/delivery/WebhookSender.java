package ai.omnify.api.alerts.delivery;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * POSTs signed webhook bodies. Retries on timeouts, connection failures, 429 and 5xx with exponential backoff and
 * jitter, at most {@code maxAttempts} attempts; any other answer ends it. Never blocks the caller: attempts and
 * waits run on the scheduler.
 */
public final class WebhookSender {
    private final HttpClient client;
    private final ScheduledExecutorService scheduler;
    private final RetryConfig retryConfig;
    private final Duration timeout;
    private final Clock clock;

    /** Thrown by one attempt whose outcome is worth another try. */
    static final class Retryable extends RuntimeException {
        final Integer status;

        Retryable(String message, Integer status) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    public WebhookSender(ScheduledExecutorService scheduler, int maxAttempts, Duration firstBackoff, Duration timeout,
            Clock clock) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.scheduler = scheduler;
        this.timeout = timeout;
        this.clock = clock;
        this.retryConfig = RetryConfig.custom()
                .maxAttempts(maxAttempts)
                .intervalFunction(IntervalFunction.ofExponentialRandomBackoff(firstBackoff, 2.0, 0.5))
                .retryOnException(e -> unwrap(e) instanceof Retryable)
                .failAfterMaxAttempts(true)
                .build();
    }

    public CompletionStage<DeliveryResult> send(String url, String secret, String body) {
        Retry retry = Retry.of("webhook", retryConfig);
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<Integer> lastStatus = new AtomicReference<>();
        return retry.executeCompletionStage(scheduler, () -> attempt(url, secret, body, attempts, lastStatus))
                .handle((status, error) -> {
                    if (error == null) {
                        return new DeliveryResult(true, attempts.get(), status, null);
                    }
                    Throwable e = unwrap(error);
                    return new DeliveryResult(false, attempts.get(), lastStatus.get(), e.getMessage());
                });
    }

    private CompletionStage<Integer> attempt(String url, String secret, String body, AtomicInteger attempts,
            AtomicReference<Integer> lastStatus) {
        attempts.incrementAndGet();
        long ts = clock.instant().getEpochSecond();
        HttpRequest req;
        try {
            req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Omnify-Webhooks/1")
                    .header(WebhookSigner.TIMESTAMP_HEADER, Long.toString(ts))
                    .header(WebhookSigner.SIGNATURE_HEADER, WebhookSigner.sign(secret, ts, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("bad webhook URL: " + e.getMessage()));
        }
        return client.sendAsync(req, HttpResponse.BodyHandlers.discarding())
                .handle((resp, error) -> {
                    if (error != null) {
                        Throwable e = unwrap(error);
                        if (e instanceof IOException) {
                            throw new Retryable("no answer: " + e.getClass().getSimpleName()
                                    + (e.getMessage() == null ? "" : " " + e.getMessage()), null);
                        }
                        throw new CompletionException(e);
                    }
                    int s = resp.statusCode();
                    lastStatus.set(s);
                    if (s >= 200 && s < 300) {
                        return s;
                    }
                    if (s == 429 || s >= 500) {
                        throw new Retryable("answered " + s, s);
                    }
                    throw new CompletionException(new IllegalStateException("refused with " + s + " (not retried)"));
                });
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
