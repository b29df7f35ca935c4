package ai.omnify.api.alerts.delivery;

import ai.omnify.config.Env;
import java.time.Duration;
import java.util.Map;

/**
 * Alert delivery settings: ALERTS_DELIVERY (default true: this query-api instance delivers webhooks and email; the
 * instances share the work through one consumer group), SMTP_HOST (default 127.0.0.1), SMTP_PORT (default 2525),
 * SMTP_FROM (default alerts@omnify.local), ALERTS_WEBHOOK_MAX_ATTEMPTS (default 6), ALERTS_WEBHOOK_BACKOFF (default
 * 1s, doubled per attempt with ±50% jitter), ALERTS_WEBHOOK_TIMEOUT (default 5s), ALERTS_DIGEST_INTERVAL (default
 * 24h), ALERTS_DELIVERY_GROUP (default omnify-alert-delivery).
 */
public record DeliveryConfig(boolean enabled, String smtpHost, int smtpPort, String smtpFrom, int maxAttempts,
        Duration firstBackoff, Duration timeout, Duration digestInterval, String groupId) {

    public static DeliveryConfig fromEnv(Map<String, String> vars) {
        Env env = new Env(vars);
        return new DeliveryConfig(
                env.bool("ALERTS_DELIVERY", true),
                env.string("SMTP_HOST", "127.0.0.1"),
                env.integer("SMTP_PORT", 2525, 1, 65535),
                env.string("SMTP_FROM", "alerts@omnify.local"),
                env.integer("ALERTS_WEBHOOK_MAX_ATTEMPTS", 6, 1, 50),
                env.duration("ALERTS_WEBHOOK_BACKOFF", Duration.ofSeconds(1)),
                env.duration("ALERTS_WEBHOOK_TIMEOUT", Duration.ofSeconds(5)),
                env.duration("ALERTS_DIGEST_INTERVAL", Duration.ofHours(24)),
                env.string("ALERTS_DELIVERY_GROUP", "omnify-alert-delivery"));
    }
}
