package ai.omnify.ingest.webhook;

import ai.omnify.config.Env;
import java.time.Duration;
import java.util.Map;

/**
 * Secrets and limits of the webhook endpoints, from the environment. An endpoint whose secret is not set answers 503
 * saying which variable to set (the service still starts: not every deployment takes every platform's webhooks).
 *
 * @param shopifySecret {@code SHOPIFY_WEBHOOK_SECRET}: the Shopify app's client secret
 * @param metaAppSecret {@code META_APP_SECRET}
 * @param metaVerifyToken {@code META_WEBHOOK_VERIFY_TOKEN}
 * @param ackTimeout {@code WEBHOOK_ACK_TIMEOUT} (default 4s): how long Kafka may take to acknowledge a webhook's record
 *     before the answer is 503 (Shopify gives up after 5 s and retries later)
 */
public record WebhookConfig(String shopifySecret, String metaAppSecret, String metaVerifyToken, Duration ackTimeout) {
    public static final WebhookConfig NONE = new WebhookConfig(null, null, null, Duration.ofSeconds(4));

    public static WebhookConfig fromEnv(Map<String, String> vars) {
        Env env = new Env(vars);
        Duration ack = env.duration("WEBHOOK_ACK_TIMEOUT", Duration.ofSeconds(4));
        if (ack.isZero() || ack.compareTo(Duration.ofSeconds(30)) > 0) {
            throw new Env.ConfigException("WEBHOOK_ACK_TIMEOUT=" + ack + " is out of range: use 100ms to 30s (default 4s)");
        }
        return new WebhookConfig(env.string("SHOPIFY_WEBHOOK_SECRET", null), env.string("META_APP_SECRET", null),
                env.string("META_WEBHOOK_VERIFY_TOKEN", null), ack);
    }

    @Override
    public String toString() { // never print secrets
        return "WebhookConfig[shopify=" + (shopifySecret != null) + ", meta=" + (metaAppSecret != null)
                + ", metaVerifyToken=" + (metaVerifyToken != null) + ", ackTimeout=" + ackTimeout + "]";
    }
}
