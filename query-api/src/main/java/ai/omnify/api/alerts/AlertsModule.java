package ai.omnify.api.alerts;

import ai.omnify.api.alerts.delivery.AlertDeliveryConsumer;
import ai.omnify.api.alerts.delivery.AlertDeliveryService;
import ai.omnify.api.alerts.delivery.DeliveryConfig;
import ai.omnify.api.alerts.delivery.MailSender;
import ai.omnify.api.alerts.delivery.SubscriptionService;
import ai.omnify.api.alerts.delivery.SubscriptionsController;
import ai.omnify.api.alerts.delivery.WebhookSender;
import ai.omnify.api.auth.AuthHandler.Access;
import ai.omnify.api.auth.Authenticator;
import ai.omnify.api.module.ApiModule;
import ai.omnify.server.auth.Scope;
import ai.omnify.server.db.TenantDb;
import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Alerts in the query API: the list and acknowledgement, the per-organization rules (published to the detection
 * job), the live stream (SSE and WebSocket) fed by a consumer of {@code omnify.alerts}, and delivery to the
 * organizations' subscriptions (signed webhooks, email) by a second, grouped consumer.
 */
public final class AlertsModule implements ApiModule {
    private final AlertsController controller;
    private final AlertStreamRoutes stream;
    private final SubscriptionsController subscriptions;
    private final AlertHub hub;
    private final List<AutoCloseable> closeables;
    private final AlertDeliveryService delivery;
    private final Map<String, BooleanSupplier> readers;

    public AlertsModule(AlertsController controller, AlertStreamRoutes stream, SubscriptionsController subscriptions,
            AlertHub hub, AlertDeliveryService delivery, List<AutoCloseable> closeables, Map<String, BooleanSupplier> readers) {
        this.readers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(readers));
        this.controller = controller;
        this.stream = stream;
        this.subscriptions = subscriptions;
        this.hub = hub;
        this.delivery = delivery;
        this.closeables = closeables;
    }

    /** The module on the real Kafka and SMTP: a rules producer, the stream consumer and the delivery consumer. */
    public static AlertsModule create(TenantDb db, Authenticator authenticator, AlertsConfig config,
            DeliveryConfig deliveryConfig, Clock clock) {
        List<AutoCloseable> closeables = new ArrayList<>();
        AlertHub hub = new AlertHub(config.bufferPerOrg(), config.subscriberQueue());
        RulesPublisher publisher = new KafkaRulesPublisher(config.kafkaBootstrap(), config.topics().alertRules());
        closeables.add(publisher);
        Map<String, BooleanSupplier> readers = new LinkedHashMap<>();
        AlertStreamConsumer streamConsumer = new AlertStreamConsumer(config.kafkaBootstrap(), config.topics().alerts(),
                config.replay(), hub).start();
        closeables.add(streamConsumer);
        readers.put("alertStream", streamConsumer::healthy);
        SubscriptionService subscriptionService = new SubscriptionService(db);
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "alert-delivery");
            t.setDaemon(true);
            return t;
        });
        closeables.add(scheduler::shutdownNow);
        AlertDeliveryService delivery = new AlertDeliveryService(subscriptionService,
                new WebhookSender(scheduler, deliveryConfig.maxAttempts(), deliveryConfig.firstBackoff(),
                        deliveryConfig.timeout(), clock),
                new MailSender(deliveryConfig.smtpHost(), deliveryConfig.smtpPort(), deliveryConfig.smtpFrom(),
                        (int) deliveryConfig.timeout().toMillis()));
        if (deliveryConfig.enabled()) {
            AlertDeliveryConsumer deliveryConsumer = new AlertDeliveryConsumer(config.kafkaBootstrap(),
                    config.topics().alerts(), deliveryConfig.groupId(), delivery).start();
            closeables.add(0, deliveryConsumer);
            readers.put("alertDelivery", deliveryConsumer::healthy);
            long every = deliveryConfig.digestInterval().toMillis();
            scheduler.scheduleAtFixedRate(delivery::sendDigests, every, every, TimeUnit.MILLISECONDS);
        }
        return new AlertsModule(
                new AlertsController(new AlertService(db), new AlertRulesService(db, publisher), clock),
                new AlertStreamRoutes(hub, authenticator), new SubscriptionsController(subscriptionService), hub,
                delivery, closeables, readers);
    }

    /** The delivery service (sends pending digests on demand, e.g. in tests). */
    public AlertDeliveryService delivery() {
        return delivery;
    }

    public AlertHub hub() {
        return hub;
    }

    /** The topic readers of the live stream and of delivery: each healthy while it reads. */
    @Override
    public Map<String, BooleanSupplier> healthChecks() {
        return readers;
    }

    @Override
    public String openApiResource() {
        return "/openapi/alerts.json";
    }

    @Override
    public void routes(RoutesConfig routes) {
        Access read = Access.requires(Scope.READ);
        routes.get("/api/v1/alerts", controller::list, read);
        routes.sse("/api/v1/alerts/stream", stream::sse, read);
        routes.post("/api/v1/alerts/{id}/ack", controller::ack, Access.requires(Scope.ACT));
        routes.get("/api/v1/alert-rules", controller::getRules, read);
        routes.put("/api/v1/alert-rules", controller::putRules, Access.requires(Scope.ADMIN));
        Access admin = Access.requires(Scope.ADMIN);
        routes.get("/api/v1/alert-subscriptions", subscriptions::list, admin);
        routes.post("/api/v1/alert-subscriptions", subscriptions::create, admin);
        routes.delete("/api/v1/alert-subscriptions/{id}", subscriptions::delete, admin);
        routes.wsBeforeUpgrade("/api/v1/ws", stream::beforeUpgrade);
        routes.ws("/api/v1/ws", stream::ws);
    }

    @Override
    public void close() {
        hub.closeAll();
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                // closing anyway
            }
        }
    }
}
