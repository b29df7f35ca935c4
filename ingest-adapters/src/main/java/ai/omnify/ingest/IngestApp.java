package ai.omnify.ingest;

import ai.omnify.ingest.config.IngestConfig;
import ai.omnify.ingest.connections.ConnectionRef;
import ai.omnify.ingest.sink.RecordSink;
import ai.omnify.ingest.sync.SyncTrigger;
import ai.omnify.ingest.upload.IngestController;
import ai.omnify.ingest.upload.IngestMetrics;
import ai.omnify.ingest.upload.IngestService;
import ai.omnify.ingest.web.ApiKeyGuard;
import ai.omnify.ingest.web.ErrorMapping;
import ai.omnify.ingest.webhook.ConnectionDirectory;
import ai.omnify.ingest.webhook.MetaWebhookController;
import ai.omnify.ingest.webhook.ShopifyWebhookController;
import ai.omnify.ingest.webhook.WebhookConfig;
import ai.omnify.ingest.webhook.WebhookLedger;
import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.server.auth.ApiKeyAuthenticator;
import ai.omnify.server.http.HttpDefaults;
import ai.omnify.server.http.JsonErrors;
import ai.omnify.server.ops.HealthController;
import ai.omnify.server.ops.PrometheusController;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** Builds the ingest HTTP app from its dependencies. Not started: call {@code start()} (port from the config). */
public final class IngestApp {

    /**
     * What the app needs from outside.
     *
     * @param authenticator API key to principal (JDBC with a cache in production, a fake in tests)
     * @param sink where accepted rows and dead letters go (Kafka in production, memory in tests)
     * @param clock receipt times and "in the future" checks
     * @param meters the registry {@code /metrics} exposes
     */
    public record Deps(IngestConfig config, ApiKeyAuthenticator authenticator, RecordSink sink, Clock clock,
                       PrometheusMeterRegistry meters, Webhooks webhooks) {
        public Deps {
            Objects.requireNonNull(config, "config");
            Objects.requireNonNull(authenticator, "authenticator");
            Objects.requireNonNull(sink, "sink");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(meters, "meters");
            Objects.requireNonNull(webhooks, "webhooks");
        }

        /** Without webhook secrets: the webhook endpoints answer 503 naming the variables to set. */
        public Deps(IngestConfig config, ApiKeyAuthenticator authenticator, RecordSink sink, Clock clock,
                    PrometheusMeterRegistry meters) {
            this(config, authenticator, sink, clock, meters, Webhooks.NONE);
        }
    }

    /**
     * What the webhook endpoints need.
     *
     * @param directory finds the connection (so the organization) a webhook names
     * @param ledger remembers deliveries already taken
     * @param trigger runs a connection's poll now
     */
    public record Webhooks(WebhookConfig config, ConnectionDirectory directory, WebhookLedger ledger, SyncTrigger trigger) {
        public static final Webhooks NONE = new Webhooks(WebhookConfig.NONE, new ConnectionDirectory() {
            @Override
            public Optional<ConnectionRef> find(Platform platform, String account) {
                return Optional.empty();
            }

            @Override
            public void disable(ConnectionRef connection, String reason) {}
        }, new WebhookLedger() {
            @Override
            public boolean claim(UUID orgId, String platform, List<String> keys, String topic, UUID connectionId) {
                return true;
            }

            @Override
            public void release(UUID orgId, String platform, List<String> keys) {}
        }, SyncTrigger.NONE);
    }

    private IngestApp() {}

    public static Javalin create(Deps deps) {
        IngestConfig config = deps.config();
        IngestMetrics metrics = new IngestMetrics(deps.meters());
        // wait for acknowledgements a little longer than the producer's own delivery bound
        Duration ackTimeout = config.kafkaDeliveryTimeout().plus(config.kafkaMaxBlock()).plusSeconds(5);
        IngestService service = new IngestService(deps.sink(), config.topics(), deps.clock(), ackTimeout, metrics);
        IngestController ingest = new IngestController(service, new ApiKeyGuard(deps.authenticator()),
                config.maxBodyBytes(), metrics);
        HealthController health = new HealthController(Map.of(
                "kafka", deps.sink()::isReachable,
                "database", deps.authenticator()::isReachable), HealthController.Words.UP_DOWN);
        PrometheusController prometheus = new PrometheusController(deps.meters());
        Webhooks w = deps.webhooks();
        ShopifyWebhookController shopify = new ShopifyWebhookController(w.config(), w.directory(), w.ledger(),
                w.trigger(), deps.sink(), config.topics(), deps.clock());
        MetaWebhookController meta = new MetaWebhookController(w.config(), w.directory(), w.trigger());

        return Javalin.create(cfg -> {
            HttpDefaults.apply(cfg, config.maxBodyBytes());
            cfg.jetty.port = config.port();
            cfg.jsonMapper(new JavalinJackson(Json.mapper(), false));
            cfg.routes.post("/api/v1/ingest/{platform}", ingest::ingest);
            cfg.routes.post("/webhooks/shopify", shopify::receive);
            cfg.routes.get("/webhooks/meta", meta::verify);
            cfg.routes.post("/webhooks/meta", meta::receive);
            cfg.routes.get("/health", health::health);
            cfg.routes.get("/metrics", prometheus::scrape);
            JsonErrors.register(cfg.routes, ErrorMapping.INSTANCE, ErrorMapping.INTERNAL_ERROR);
        });
    }
}
