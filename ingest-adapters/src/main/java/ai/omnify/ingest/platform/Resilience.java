package ai.omnify.ingest.platform;

import ai.omnify.ingest.sync.PlatformException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retries (resilience4j) with exponential backoff and full jitter honouring the platform's own wait, inside a circuit
 * breaker per connection: a connection whose calls keep failing after their retries stops being called for a while
 * ({@link PlatformException.Transient} "circuit open"), other connections are not affected. Permanent errors pass
 * straight through: never retried, not counted against the breaker.
 */
public final class Resilience {
    private final int maxAttempts;
    private final Backoff backoff;
    private final Duration maxWait;
    private final CircuitBreakerRegistry breakers;

    public Resilience(PlatformClientsConfig.RetrySettings s) {
        this.maxAttempts = s.maxAttempts();
        this.backoff = new Backoff(s.initialBackoff(), s.maxBackoff());
        this.maxWait = s.maxWait();
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .failureRateThreshold(s.breakerFailurePercent())
                .slidingWindowSize(s.breakerWindow())
                .minimumNumberOfCalls(s.breakerWindow())
                .waitDurationInOpenState(s.breakerOpen())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(e -> e instanceof RetryableException)
                .ignoreExceptions(PlatformException.Permanent.class)
                .build());
    }

    /** The breaker of one connection (for tests and status). */
    public CircuitBreaker breaker(String connectionKey) {
        return breakers.circuitBreaker(connectionKey);
    }

    /**
     * Runs {@code attempt} until it succeeds, fails permanently, or the retries are used up.
     *
     * @param what names the call in error messages (no credentials)
     */
    public <T> T call(String connectionKey, String what, CheckedSupplier<T> attempt) throws PlatformException {
        IntervalBiFunction<T> interval = (n, either) -> {
            Duration asked = either.isLeft() && either.getLeft() instanceof RetryableException r ? r.retryAfter() : null;
            return backoff.delay(n, asked, ThreadLocalRandom.current()::nextDouble).toMillis();
        };
        Retry retry = Retry.of(what, RetryConfig.<T>custom()
                .maxAttempts(maxAttempts)
                .intervalBiFunction(interval)
                .retryOnException(e -> e instanceof RetryableException r
                        && (r.retryAfter() == null || r.retryAfter().compareTo(maxWait) <= 0))
                .failAfterMaxAttempts(false)
                .build());
        CheckedSupplier<T> guarded = CircuitBreaker.decorateCheckedSupplier(breaker(connectionKey),
                Retry.decorateCheckedSupplier(retry, attempt));
        try {
            return guarded.get();
        } catch (PlatformException e) {
            throw e;
        } catch (RetryableException e) {
            String tail = e.retryAfter() != null && e.retryAfter().compareTo(maxWait) > 0
                    ? " (the platform asks to wait " + e.retryAfter() + ", longer than " + maxWait + ")"
                    : " after " + maxAttempts + " attempts";
            throw new PlatformException.Transient(what + " failed" + tail + ": " + e.getMessage(), e);
        } catch (CallNotPermittedException e) {
            throw new PlatformException.Transient(what + " not attempted: the circuit breaker of this connection is open"
                    + " after repeated failures; the next run tries again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException.Transient(what + " interrupted", e);
        } catch (RuntimeException e) {
            throw new PlatformException.Transient(what + " failed: " + e, e);
        } catch (Throwable e) {
            if (e instanceof Error err) {
                throw err;
            }
            throw new PlatformException.Transient(what + " failed: " + e, e);
        }
    }
}
