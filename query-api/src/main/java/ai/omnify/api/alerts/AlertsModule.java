package ai.omnify.api.alerts;

import ai.omnify.api.auth.AuthHandler.Access;
import ai.omnify.api.auth.Authenticator;
import ai.omnify.api.auth.Scope;
import ai.omnify.api.db.TenantDb;
import ai.omnify.api.module.ApiModule;
import io.javalin.config.RoutesConfig;
import java.time.Clock;

/**
 * Alerts in the query API: the list and acknowledgement, the per-organization rules (published to the detection
 * job), and the live stream (SSE and WebSocket) fed by a consumer of {@code omnify.alerts}.
 */
public final class AlertsModule implements ApiModule {
    private final AlertsController controller;
    private final AlertStreamRoutes stream;
    private final AlertHub hub;
    private final AutoCloseable consumer;
    private final RulesPublisher publisher;

    public AlertsModule(AlertsController controller, AlertStreamRoutes stream, AlertHub hub, AutoCloseable consumer,
            RulesPublisher publisher) {
        this.controller = controller;
        this.stream = stream;
        this.hub = hub;
        this.consumer = consumer;
        this.publisher = publisher;
    }

    /** The module on the real Kafka: a rules producer and a consumer of the alerts topic (started). */
    public static AlertsModule create(TenantDb db, Authenticator authenticator, AlertsConfig config, Clock clock) {
        AlertHub hub = new AlertHub(config.bufferPerOrg(), config.subscriberQueue());
        RulesPublisher publisher = new KafkaRulesPublisher(config.kafkaBootstrap(), config.topics().alertRules());
        AlertStreamConsumer consumer = new AlertStreamConsumer(config.kafkaBootstrap(), config.topics().alerts(),
                config.replay(), hub).start();
        return new AlertsModule(
                new AlertsController(new AlertService(db), new AlertRulesService(db, publisher), clock),
                new AlertStreamRoutes(hub, authenticator), hub, consumer, publisher);
    }

    public AlertHub hub() {
        return hub;
    }

    @Override
    public void routes(RoutesConfig routes) {
        Access read = Access.requires(Scope.READ);
        routes.get("/api/v1/alerts", controller::list, read);
        routes.sse("/api/v1/alerts/stream", stream::sse, read);
        routes.post("/api/v1/alerts/{id}/ack", controller::ack, Access.requires(Scope.ACT));
        routes.get("/api/v1/alert-rules", controller::getRules, read);
        routes.put("/api/v1/alert-rules", controller::putRules, Access.requires(Scope.ADMIN));
        routes.wsBeforeUpgrade("/api/v1/ws", stream::beforeUpgrade);
        routes.ws("/api/v1/ws", stream::ws);
    }

    @Override
    public void close() {
        hub.closeAll();
        try {
            consumer.close();
        } catch (Exception e) {
            // closing anyway
        }
        publisher.close();
    }
}
