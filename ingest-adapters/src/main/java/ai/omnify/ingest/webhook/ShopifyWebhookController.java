package ai.omnify.ingest.webhook;

import ai.omnify.ingest.connections.ConnectionRef;
import ai.omnify.ingest.sink.RecordSink;
import ai.omnify.ingest.sync.SyncTrigger;
import ai.omnify.model.DeadLetter;
import ai.omnify.model.Json;
import ai.omnify.model.Parsed;
import ai.omnify.model.Platform;
import ai.omnify.model.Topics;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.model.order.OrderRules;
import ai.omnify.server.http.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/shopify}. The HMAC of the raw body is checked first, before any header or byte of the body is
 * used: a bad or missing signature is 401 and nothing is written. Then the shop's connection gives the organization,
 * the delivery is claimed in the ledger by {@code X-Shopify-Webhook-Id} and {@code X-Shopify-Event-Id} (one seen
 * before is answered 200 without writing; a claim whose records could not be written is released), an order topic's order goes to {@code omnify.orders} and the answer waits for Kafka's acknowledgement (503,
 * never 200, when it does not come within the budget). {@code refunds/create} asks for the connection's poll to run now
 * (a refund carries no order total; the order re-read through the API does), {@code app/uninstalled} disables the
 * connection.
 */
public final class ShopifyWebhookController {
    static final Set<String> ORDER_TOPICS = Set.of("orders/create", "orders/updated", "orders/paid", "orders/cancelled");
    private static final Logger LOG = LoggerFactory.getLogger(ShopifyWebhookController.class);

    private final WebhookConfig config;
    private final ConnectionDirectory directory;
    private final WebhookLedger ledger;
    private final SyncTrigger trigger;
    private final RecordSink sink;
    private final Topics topics;
    private final Clock clock;

    public ShopifyWebhookController(WebhookConfig config, ConnectionDirectory directory, WebhookLedger ledger,
                                    SyncTrigger trigger, RecordSink sink, Topics topics, Clock clock) {
        this.config = config;
        this.directory = directory;
        this.ledger = ledger;
        this.trigger = trigger;
        this.sink = sink;
        this.topics = topics;
        this.clock = clock;
    }

    public void receive(Context ctx) {
        if (config.shopifySecret() == null) {
            throw new ApiException(503, "webhook_not_configured",
                    "Shopify webhooks are not configured here: set SHOPIFY_WEBHOOK_SECRET to the app's client secret");
        }
        byte[] body = ctx.bodyAsBytes();
        if (!WebhookSignatures.shopifyValid(body, ctx.header("X-Shopify-Hmac-Sha256"), config.shopifySecret())) {
            throw ApiException.unauthorized("missing or invalid X-Shopify-Hmac-Sha256: the body must be signed with the"
                    + " app's client secret (base64 HMAC-SHA256 of the raw body)");
        }
        String topic = lower(ctx.header("X-Shopify-Topic"));
        String shop = lower(ctx.header("X-Shopify-Shop-Domain"));
        if (topic == null || shop == null) {
            throw new ApiException(400, "bad_request", "X-Shopify-Topic and X-Shopify-Shop-Domain are required");
        }
        ConnectionRef connection = directory.find(Platform.SHOPIFY, shop).orElseThrow(() -> ApiException.notFound(
                "no Shopify connection for shop " + shop + ": connect it with POST /api/v1/connections"));
        List<String> keys = new ArrayList<>();
        String webhookId = ctx.header("X-Shopify-Webhook-Id");
        String eventId = ctx.header("X-Shopify-Event-Id");
        if (webhookId != null && !webhookId.isBlank()) {
            keys.add("webhook:" + webhookId.trim());
        }
        if (eventId != null && !eventId.isBlank()) {
            keys.add("event:" + eventId.trim());
        }
        if (!ledger.claim(connection.orgId(), Platform.SHOPIFY.wire(), keys, topic, connection.id())) {
            ctx.status(200).json(new WebhookAnswer("duplicate", topic, null));
            return;
        }
        WebhookAnswer answer;
        try {
            if (ORDER_TOPICS.contains(topic)) {
                answer = order(connection, topic, body);
            } else if (topic.equals("refunds/create")) {
                trigger.pollSoon(connection.orgId(), connection.id());
                answer = new WebhookAnswer("accepted", topic, null);
            } else if (topic.equals("app/uninstalled")) {
                directory.disable(connection, "the Shopify app was uninstalled from " + shop);
                LOG.info("Shopify app uninstalled from {}: connection {} disabled", shop, connection.id());
                answer = new WebhookAnswer("accepted", topic, null);
            } else {
                answer = new WebhookAnswer("ignored", topic, null);
            }
        } catch (RuntimeException e) {
            try {
                ledger.release(connection.orgId(), Platform.SHOPIFY.wire(), keys); // Shopify's retry must be taken
            } catch (RuntimeException r) {
                // the order comes back through the shop's poll (orders updated since), which re-reads recent orders
                LOG.warn("Shopify webhook of {} failed and its claim could not be released: {}", shop, r.getMessage());
            }
            throw e;
        }
        ctx.status(200).json(answer);
    }

    private WebhookAnswer order(ConnectionRef connection, String topic, byte[] body) {
        String org = connection.orgId().toString();
        Instant now = clock.instant();
        String reason;
        JsonNode json;
        try {
            json = Json.mapper().readTree(body);
        } catch (IOException e) {
            json = null;
        }
        Parsed<OrderEvent> parsed = ShopifyOrders.toEvent(json, org);
        if (parsed.value() != null) {
            OrderEvent order = OrderRules.withDefaults(parsed.value(), "webhook");
            List<String> reasons = OrderRules.validate(order, now);
            if (reasons.isEmpty()) {
                WebhookSend.durably(sink, topics, Topics.ORDERS, order, config.ackTimeout());
                return new WebhookAnswer("accepted", topic, null);
            }
            reason = String.join("; ", reasons);
        } else {
            reason = parsed.error();
        }
        String source = "webhook:shopify";
        DeadLetter letter = new DeadLetter(new String(body, StandardCharsets.UTF_8), source, reason, now, org);
        WebhookSend.durably(sink, topics, Topics.DEAD_LETTER, letter, config.ackTimeout());
        return new WebhookAnswer("rejected", topic, reason);
    }

    private static String lower(String s) {
        return s == null || s.isBlank() ? null : s.trim().toLowerCase(Locale.ROOT);
    }
}
