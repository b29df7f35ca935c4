package ai.omnify.simulator.webhooks;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the simulator sends the store's Shopify webhooks.
 *
 * @param url the receiver, e.g. {@code http://127.0.0.1:7071/webhooks/shopify}
 * @param secret the app's client secret ({@code SHOPIFY_WEBHOOK_SECRET}, the same the ingest service verifies with)
 * @param shopDomain {@code X-Shopify-Shop-Domain}
 * @param seed makes the delays, duplicates and ids reproducible
 * @param duplicateShare share of webhooks delivered a second time (same webhook id)
 * @param shuffleWindow each webhook goes out within this long after its change, in random order
 * @param maxRetries a delivery answered non-2xx or not at all is retried this many times, then given up (Shopify: 8)
 * @param firstRetry the first retry's wait; each next one doubles (with jitter) up to {@code maxRetryWait}
 * @param maxRetryWait the longest wait between two attempts
 * @param timeout how long the receiver has to answer an attempt (Shopify: 5 s)
 */
public record ShopifyWebhookConfig(URI url, String secret, String shopDomain, long seed, double duplicateShare,
        Duration shuffleWindow, int maxRetries, Duration firstRetry, Duration maxRetryWait, Duration timeout) {

    public ShopifyWebhookConfig {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(shopDomain, "shopDomain");
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("no webhook secret: set SHOPIFY_WEBHOOK_SECRET to the secret the ingest "
                    + "service verifies Shopify webhooks with");
        }
        if (url.getScheme() == null || !url.getScheme().startsWith("http") || url.getHost() == null) {
            throw new IllegalArgumentException("the webhook URL " + url + " is not an http(s) URL: use e.g. "
                    + "http://127.0.0.1:7071/webhooks/shopify");
        }
        if (duplicateShare < 0 || duplicateShare > 1) {
            throw new IllegalArgumentException("the duplicate share must be from 0 to 1, was " + duplicateShare);
        }
        if (maxRetries < 0 || maxRetries > 20) {
            throw new IllegalArgumentException("retries must be from 0 to 20, was " + maxRetries);
        }
        if (shuffleWindow.isNegative() || firstRetry.isNegative() || firstRetry.isZero() || maxRetryWait.compareTo(firstRetry) < 0
                || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the shuffle window must be >= 0, the first retry > 0, the longest wait"
                    + " >= the first retry, the timeout > 0");
        }
    }

    /** Shopify's manners: 5 % sent twice, a 10 s shuffle window, 8 retries from 1 s doubling to 5 min, 5 s timeout. */
    public static ShopifyWebhookConfig of(URI url, String secret, String shopDomain, long seed) {
        return new ShopifyWebhookConfig(url, secret, shopDomain, seed, 0.05, Duration.ofSeconds(10), 8,
                Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofSeconds(5));
    }

    public ShopifyWebhookConfig withDuplicates(double share, Duration window) {
        return new ShopifyWebhookConfig(url, secret, shopDomain, seed, share, window, maxRetries, firstRetry,
                maxRetryWait, timeout);
    }

    public ShopifyWebhookConfig withRetries(int retries, Duration first, Duration max) {
        return new ShopifyWebhookConfig(url, secret, shopDomain, seed, duplicateShare, shuffleWindow, retries, first,
                max, timeout);
    }

    @Override
    public String toString() { // never print the secret
        return "ShopifyWebhookConfig[url=" + url + ", shop=" + shopDomain + ", duplicateShare=" + duplicateShare
                + ", shuffleWindow=" + shuffleWindow + ", maxRetries=" + maxRetries + ", firstRetry=" + firstRetry
                + ", maxRetryWait=" + maxRetryWait + ", timeout=" + timeout + "]";
    }
}
