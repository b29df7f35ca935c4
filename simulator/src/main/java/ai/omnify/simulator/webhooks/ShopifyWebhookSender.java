package ai.omnify.simulator.webhooks;

import ai.omnify.model.order.OrderEvent;
import io.github.resilience4j.core.IntervalFunction;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the store's order changes as signed Shopify webhooks, the way Shopify does: each tick plans the versions the
 * clock has reached since the last tick ({@link WebhookPlan}: shuffled within a window, a share twice with the same
 * webhook id), posts the due ones ({@code X-Shopify-Hmac-Sha256} = base64 HMAC-SHA256 of the raw body with the app
 * secret, and Shopify's other headers), and retries an attempt answered non-2xx, refused or not answered within the
 * timeout, with exponential backoff and jitter, at most {@code maxRetries} times. Keeps the truth of what was
 * delivered: per order id the latest version a receiver acknowledged.
 */
public final class ShopifyWebhookSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ShopifyWebhookSender.class);
    static final String API_VERSION = "2025-01";

    /** Order versions whose change happened in {@code (fromExclusive, toInclusive]}, by change time. */
    @FunctionalInterface
    public interface VersionSource {
        List<OrderVersion> between(Instant fromExclusive, Instant toInclusive);
    }

    /** Counts so far. {@code attempts} counts every POST, {@code repeats} the second deliveries of a webhook. */
    public record Stats(long webhooks, long repeats, long attempts, long acknowledged, long retried, long gaveUp,
            int pending, Map<String, Long> byTopic, Map<String, Long> failuresByStatus) {}

    private record Pending(Instant dueAt, long seq, Webhook webhook, boolean repeat, int attempt) {}

    private final ShopifyWebhookConfig config;
    private final VersionSource source;
    private final Clock clock;
    private final HttpClient http;
    private final WebhookPlan plan;
    private final IntervalFunction backoff;
    private final PriorityQueue<Pending> queue = new PriorityQueue<>(
            Comparator.comparing(Pending::dueAt).thenComparingLong(Pending::seq));
    private final Map<String, OrderEvent> delivered = new TreeMap<>();
    private final Map<String, Long> byTopic = new TreeMap<>();
    private final Map<String, Long> failures = new TreeMap<>();
    private Instant plannedUpTo;
    private long seq;
    private long webhooks;
    private long repeats;
    private long attempts;
    private long acknowledged;
    private long retried;
    private long gaveUp;
    private int inFlight;
    private long changes;
    private ScheduledExecutorService ticker;

    /** Announces the versions {@code source} gives for changes after {@code since}. */
    public ShopifyWebhookSender(ShopifyWebhookConfig config, VersionSource source, Clock clock, Instant since) {
        this.config = config;
        this.source = source;
        this.clock = clock;
        this.plannedUpTo = since;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        this.plan = new WebhookPlan(config.seed(), config.duplicateShare(), config.shuffleWindow());
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(config.firstRetry(), 2.0, 0.5, config.maxRetryWait());
    }

    /** Ticks every {@code every} on a thread of its own until {@link #close()}. */
    public ShopifyWebhookSender start(Duration every) {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "shopify-webhooks");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                log.warn("Shopify webhook tick failed: {}", e.toString());
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        log.info("sending Shopify webhooks of {} to {} (orders created after {})", config.shopDomain(), config.url(),
                plannedUpTo);
        return this;
    }

    /** Plans the changes up to now and sends every delivery due by now (answers arrive asynchronously). */
    public void tick() {
        List<Pending> due = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            if (now.isAfter(plannedUpTo)) {
                for (WebhookPlan.Planned p : plan.plan(source.between(plannedUpTo, now), plannedUpTo)) {
                    queue.add(new Pending(p.dueAt(), seq++, p.webhook(), p.repeat(), 0));
                    if (p.repeat()) {
                        repeats++;
                    } else {
                        webhooks++;
                        byTopic.merge(p.webhook().topic(), 1L, Long::sum);
                    }
                }
                plannedUpTo = now;
            }
            while (!queue.isEmpty() && !queue.peek().dueAt().isAfter(now)) {
                due.add(queue.poll());
            }
            inFlight += due.size();
            attempts += due.size();
        }
        due.forEach(this::send);
    }

    private void send(Pending p) {
        byte[] body = p.webhook().body();
        HttpRequest request = HttpRequest.newBuilder(config.url())
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("X-Shopify-Topic", p.webhook().topic())
                .header("X-Shopify-Hmac-Sha256", signature(body, config.secret()))
                .header("X-Shopify-Shop-Domain", config.shopDomain())
                .header("X-Shopify-API-Version", API_VERSION)
                .header("X-Shopify-Webhook-Id", p.webhook().webhookId())
                .header("X-Shopify-Event-Id", p.webhook().eventId())
                .header("X-Shopify-Triggered-At", p.webhook().triggeredAt().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, error) -> answered(p, response == null ? -1 : response.statusCode(), error));
    }

    private synchronized void answered(Pending p, int status, Throwable error) {
        inFlight--;
        changes++;
        if (error == null && status >= 200 && status < 300) {
            acknowledged++;
            if (p.webhook().carriesOrder()) {
                delivered.merge(p.webhook().order().orderId(), p.webhook().order(),
                        (a, b) -> b.updatedAt().isAfter(a.updatedAt()) ? b : a);
            }
            notifyAll();
            return;
        }
        Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        String what = cause == null ? "HTTP " + status : cause.getClass().getSimpleName();
        failures.merge(what, 1L, Long::sum);
        if (p.attempt() < config.maxRetries()) {
            retried++;
            long wait = backoff.apply(p.attempt() + 1);
            queue.add(new Pending(clock.instant().plusMillis(wait), seq++, p.webhook(), p.repeat(), p.attempt() + 1));
            log.debug("Shopify webhook {} {} failed ({}); retry {} in {} ms", p.webhook().topic(),
                    p.webhook().webhookId(), what, p.attempt() + 1, wait);
        } else {
            gaveUp++;
            log.warn("gave up Shopify webhook {} {} of order {} after {} attempts (last: {})", p.webhook().topic(),
                    p.webhook().webhookId(), p.webhook().order().orderId(), p.attempt() + 1, what);
        }
        notifyAll();
    }

    /** base64(HMAC-SHA256(secret, body)): Shopify's {@code X-Shopify-Hmac-Sha256}. */
    public static String signature(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** Per order id, the latest version a receiver acknowledged (2xx) in an order topic. */
    public synchronized Map<String, OrderEvent> delivered() {
        return new LinkedHashMap<>(delivered);
    }

    public synchronized Stats stats() {
        return new Stats(webhooks, repeats, attempts, acknowledged, retried, gaveUp, queue.size() + inFlight,
                new TreeMap<>(byTopic), new TreeMap<>(failures));
    }

    /** A number that grows whenever an answer came in (to rewrite the truth only when something changed). */
    public synchronized long changes() {
        return changes;
    }

    /** When the next delivery is due (null when none is queued). */
    public synchronized Instant nextDue() {
        return queue.isEmpty() ? null : queue.peek().dueAt();
    }

    /** Waits until no attempt is in flight (true) or the timeout passes (false). */
    public synchronized boolean awaitAnswers(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (inFlight > 0) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }
}
