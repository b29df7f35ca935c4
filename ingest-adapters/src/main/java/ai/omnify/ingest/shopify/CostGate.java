package ai.omnify.ingest.shopify;

import ai.omnify.ingest.platform.Sleeper;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/**
 * Shopify's calculated query cost as a leaky bucket seen from the client: after each response it knows the points
 * available and the restore rate ({@code extensions.cost.throttleStatus}); before the next query it waits until the
 * bucket holds that query's cost, so the shop never answers THROTTLED. Thread-safe; one per shop.
 */
final class CostGate {
    private double available = -1;
    private double maximum;
    private double restoreRate;
    private long atNanos;
    private double lastCost;

    synchronized void observe(JsonNode cost) {
        JsonNode t = cost.path("throttleStatus");
        if (!t.isObject()) {
            return;
        }
        available = t.path("currentlyAvailable").asDouble(0);
        maximum = t.path("maximumAvailable").asDouble(0);
        restoreRate = t.path("restoreRate").asDouble(0);
        atNanos = System.nanoTime();
        if (cost.hasNonNull("requestedQueryCost")) {
            lastCost = cost.path("requestedQueryCost").asDouble(0);
        }
    }

    /** Time until the bucket holds {@code cost} points (the last query's cost when {@code cost} is not known). */
    synchronized Duration waitFor(double cost) {
        double need = cost > 0 ? cost : lastCost;
        if (available < 0 || restoreRate <= 0 || need <= 0) {
            return Duration.ZERO;
        }
        double elapsed = (System.nanoTime() - atNanos) / 1e9;
        double now = Math.min(maximum, available + elapsed * restoreRate);
        if (now >= need) {
            return Duration.ZERO;
        }
        return Duration.ofMillis((long) Math.ceil((need - now) / restoreRate * 1000));
    }

    void await(double cost, Sleeper sleeper) throws InterruptedException {
        Duration d = waitFor(cost);
        if (!d.isZero()) {
            sleeper.sleep(d);
        }
    }

    /** How long a THROTTLED answer asks to wait: (requested - available) / restore rate. */
    static Duration throttledWait(JsonNode cost) {
        JsonNode t = cost.path("throttleStatus");
        double rate = t.path("restoreRate").asDouble(0);
        if (rate <= 0) {
            return null;
        }
        double need = cost.path("requestedQueryCost").asDouble(0) - t.path("currentlyAvailable").asDouble(0);
        return Duration.ofMillis((long) Math.ceil(Math.max(0, need) / rate * 1000));
    }
}
