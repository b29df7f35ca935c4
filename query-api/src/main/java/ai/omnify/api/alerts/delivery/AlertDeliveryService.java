package ai.omnify.api.alerts.delivery;

import ai.omnify.model.alert.Alert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers each alert record to its organization's subscriptions: every webhook (signed, retried, recorded); by
 * email, critical alerts at once and the rest in a digest ({@link #sendDigests()}, daily by default). Pending digest
 * entries are kept in memory (a restart loses at most one digest's worth; see
 * docs/decisions/alerts-live-stream-and-delivery.md).
 */
public final class AlertDeliveryService {
    private static final Logger LOG = LoggerFactory.getLogger(AlertDeliveryService.class);
    private final SubscriptionService subscriptions;
    private final WebhookSender webhooks;
    private final MailSender mail;
    private final Map<String, Pending> digest = new LinkedHashMap<>();

    private record Pending(Subscription subscription, List<Alert> alerts) {}

    public AlertDeliveryService(SubscriptionService subscriptions, WebhookSender webhooks, MailSender mail) {
        this.subscriptions = subscriptions;
        this.webhooks = webhooks;
        this.mail = mail;
    }

    /**
     * Sends the alert to each of its organization's subscriptions that takes it, each (subscription, alert id,
     * revision) once: a revision read again (a restored job emits it again; a reader re-reads a batch) is skipped.
     * A database error is thrown, so the reader retries the batch.
     */
    public void deliver(Alert a) {
        for (Subscription s : subscriptions.list(UUID.fromString(a.orgId()))) {
            if (!s.orgId().equals(a.orgId()) || !s.accepts(a.severity())) {
                continue;
            }
            if (Subscription.WEBHOOK.equals(s.type())) {
                if (firstTime(s, a, "webhook")) {
                    webhooks.send(s.url(), s.secret(), WebhookPayloads.body(a, s.format()))
                            .thenAccept(r -> record(s, a, "webhook", r));
                }
            } else if ("critical".equals(a.severity()) && !"resolved".equals(a.status())) {
                if (!firstTime(s, a, "email")) {
                    continue;
                }
                DeliveryResult r;
                try {
                    mail.send(s.email(), "[Omnify] " + WebhookPayloads.summary(a), text(a));
                    r = new DeliveryResult(true, 1, null, null);
                } catch (Exception e) {
                    r = new DeliveryResult(false, 1, null, e.toString());
                }
                record(s, a, "email", r);
            } else if (firstTime(s, a, "digest")) {
                synchronized (digest) {
                    digest.computeIfAbsent(s.id(), k -> new Pending(s, new ArrayList<>())).alerts().add(a);
                }
            }
        }
    }

    private boolean firstTime(Subscription s, Alert a, String kind) {
        boolean first = subscriptions.claim(s.orgId(), s.id(), a.id(), a.revision(), kind);
        if (!first) {
            LOG.debug("alert {} revision {} was already {} to subscription {}", a.id(), a.revision(),
                    "digest".equals(kind) ? "queued" : "sent", s.id());
        }
        return first;
    }

    /** Sends one digest email per email subscription with pending alerts. */
    public void sendDigests() {
        List<Pending> due;
        synchronized (digest) {
            due = new ArrayList<>(digest.values());
            digest.clear();
        }
        for (Pending p : due) {
            StringBuilder body = new StringBuilder("Alerts since the last digest (" + p.alerts().size() + "):\n\n");
            for (Alert a : p.alerts()) {
                body.append("- ").append(WebhookPayloads.summary(a)).append('\n');
            }
            DeliveryResult r;
            try {
                mail.send(p.subscription().email(), "[Omnify] Alert digest: " + p.alerts().size() + " alert(s)",
                        body.toString());
                r = new DeliveryResult(true, 1, null, null);
            } catch (Exception e) {
                r = new DeliveryResult(false, 1, null, e.toString());
            }
            record(p.subscription(), null, "digest", r);
        }
    }

    private void record(Subscription s, Alert a, String kind, DeliveryResult r) {
        if (!r.delivered()) {
            LOG.warn("{} delivery of {} to subscription {} failed after {} attempt(s): {}", kind,
                    a == null ? "a digest" : a.id(), s.id(), r.attempts(), r.error());
        }
        try {
            subscriptions.record(s.orgId(), s.id(), a == null ? null : a.id(), a == null ? null : a.revision(), kind,
                    r);
        } catch (RuntimeException e) {
            LOG.warn("cannot record a delivery to subscription {}: {}", s.id(), e.toString());
        }
    }

    static String text(Alert a) {
        return WebhookPayloads.summary(a) + "\n\nObserved: " + a.observed() + "\nExpected: " + a.expected()
                + "\nWindow: " + a.windowStart() + " to " + a.windowEnd() + "\nSince: " + a.since() + "\nAlert id: "
                + a.id() + "\n";
    }
}
