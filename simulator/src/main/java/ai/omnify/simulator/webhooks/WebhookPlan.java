package ai.omnify.simulator.webhooks;

import ai.omnify.simulator.random.Rng;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * When each webhook goes out, as Shopify does it: every topic of a version is its own webhook, due at the change
 * plus a random delay within the shuffle window (so webhooks close together arrive out of order), and a share of them
 * is delivered a second time (same webhook id and event id) later within the window. Deterministic from the seed and
 * the order version; pure.
 */
public final class WebhookPlan {
    /** A delivery due at {@code dueAt}; {@code repeat} when it is the second delivery of the same webhook. */
    public record Planned(Instant dueAt, Webhook webhook, boolean repeat) {}

    private final long seed;
    private final double duplicateShare;
    private final Duration window;

    public WebhookPlan(long seed, double duplicateShare, Duration window) {
        if (duplicateShare < 0 || duplicateShare > 1) {
            throw new IllegalArgumentException("the duplicate share must be from 0 to 1, was " + duplicateShare);
        }
        if (window.isNegative()) {
            throw new IllegalArgumentException("the shuffle window must not be negative, was " + window);
        }
        this.seed = seed;
        this.duplicateShare = duplicateShare;
        this.window = window;
    }

    /** The deliveries of these versions, by due time; none due before {@code notBefore}. */
    public List<Planned> plan(List<OrderVersion> versions, Instant notBefore) {
        List<Planned> out = new ArrayList<>();
        long windowMs = window.toMillis();
        for (OrderVersion v : versions) {
            List<String> topics = v.topics();
            for (int t = 0; t < topics.size(); t++) {
                String topic = topics.get(t);
                Rng r = Rng.of(seed, "shopify-webhook", v.event().orderId().hashCode(), v.index(), t);
                String key = seed + "|" + v.event().orderId() + "|" + v.event().updatedAt() + "|" + topic;
                Webhook w = new Webhook(topic, uuid("webhook|" + key), uuid("event|" + key), v.event().updatedAt(),
                        v.event());
                Instant base = v.event().updatedAt().isBefore(notBefore) ? notBefore : v.event().updatedAt();
                Instant due = base.plusMillis(windowMs == 0 ? 0 : r.between(0L, windowMs));
                out.add(new Planned(due, w, false));
                if (r.chance(duplicateShare)) {
                    out.add(new Planned(due.plusMillis(windowMs == 0 ? 0 : r.between(0L, windowMs)), w, true));
                }
            }
        }
        out.sort(Comparator.comparing(Planned::dueAt).thenComparing(p -> p.webhook().webhookId())
                .thenComparing(Planned::repeat));
        return out;
    }

    private static String uuid(String s) {
        return UUID.nameUUIDFromBytes(s.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
