package ai.omnify.api;

import ai.omnify.api.auth.AuthHandler.Access;
import ai.omnify.api.auth.AuthHandler;
import ai.omnify.api.auth.Authenticator;
import ai.omnify.api.channels.ChannelController;
import ai.omnify.api.channels.ChannelService;
import ai.omnify.api.dashboard.WebSite;
import ai.omnify.api.http.ErrorMapping;
import ai.omnify.api.http.JettyJsonErrors;
import ai.omnify.api.http.PageCache;
import ai.omnify.api.http.RequestObserver;
import ai.omnify.api.metrics.MetricsController;
import ai.omnify.api.metrics.MetricsService;
import ai.omnify.api.module.ApiModule;
import ai.omnify.api.openapi.OpenApiRoute;
import ai.omnify.api.orgs.OrgSettingsService;
import ai.omnify.server.auth.Scope;
import ai.omnify.server.http.ApiException;
import ai.omnify.server.http.HttpDefaults;
import ai.omnify.server.http.JsonErrors;
import ai.omnify.server.ops.HealthController;
import ai.omnify.server.ops.PrometheusController;
import io.javalin.Javalin;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/** Builds the query API's HTTP application from its dependencies. Nothing here touches the environment. */
public final class QueryApiApp {
    private QueryApiApp() {}

    /** What the application is made of; tests can pass their own. */
    public record Dependencies(
            Authenticator authenticator,
            ChannelService channels,
            MetricsService metrics,
            OrgSettingsService orgs,
            PageCache pageCache,
            BooleanSupplier databaseHealth,
            PrometheusMeterRegistry meterRegistry,
            Clock clock,
            long maxRequestBytes,
            List<ApiModule> modules) {
        public Dependencies {
            Objects.requireNonNull(authenticator, "authenticator");
            Objects.requireNonNull(channels, "channels");
            Objects.requireNonNull(metrics, "metrics");
            Objects.requireNonNull(orgs, "orgs");
            Objects.requireNonNull(pageCache, "pageCache");
            Objects.requireNonNull(databaseHealth, "databaseHealth");
            Objects.requireNonNull(meterRegistry, "meterRegistry");
            Objects.requireNonNull(clock, "clock");
            modules = List.copyOf(modules);
        }

        /** The same dependencies without feature modules. */
        public Dependencies(Authenticator authenticator, ChannelService channels, MetricsService metrics,
                OrgSettingsService orgs, PageCache pageCache, BooleanSupplier databaseHealth,
                PrometheusMeterRegistry meterRegistry, Clock clock, long maxRequestBytes) {
            this(authenticator, channels, metrics, orgs, pageCache, databaseHealth, meterRegistry, clock,
                    maxRequestBytes, List.of());
        }
    }

    /** The application, not started. */
    public static Javalin create(Dependencies deps) {
        AuthHandler auth = new AuthHandler(deps.authenticator());
        RequestObserver observer = new RequestObserver(deps.meterRegistry());
        ChannelController channels = new ChannelController(deps.channels(), deps.pageCache());
        MetricsController metrics = new MetricsController(deps.metrics(), deps.orgs(), deps.pageCache(), deps.clock());
        Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
        checks.put("database", deps.databaseHealth());
        deps.modules().forEach(module -> checks.putAll(module.healthChecks()));
        HealthController health = new HealthController(checks, HealthController.Words.OK_UNAVAILABLE);
        PrometheusController prometheus = new PrometheusController(deps.meterRegistry());
        Access read = Access.requires(Scope.READ);
        long maxBody = deps.maxRequestBytes();
        OpenApiRoute openApi = new OpenApiRoute(deps.modules());

        Javalin app = Javalin.create(config -> {
            HttpDefaults.apply(config, maxBody);
            config.requestLogger.http(observer::observe);
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyJsonErrors()));
            JsonErrors.register(config.routes, ErrorMapping.INSTANCE, ErrorMapping.INTERNAL_ERROR);

            config.routes.before(ctx -> {
                long length = ctx.req().getContentLengthLong();
                if (length > maxBody) {
                    throw new ApiException(413, "payload_too_large",
                            "the request body is " + length + " bytes; at most " + maxBody + " are accepted");
                }
            });
            config.routes.beforeMatched("/api/*", auth);

            config.routes.get("/health", health::health);
            config.routes.get("/metrics", prometheus::scrape);
            config.routes.get("/openapi.json", openApi::handle);
            WebSite.configure(config);

            config.routes.get("/api/v1/channels", channels::channels, read);
            config.routes.get("/api/v1/creatives", channels::creatives, read);
            config.routes.get("/api/v1/metrics/daily", metrics::daily, read);
            config.routes.get("/api/v1/metrics/hourly", metrics::hourly, read);
            config.routes.get("/api/v1/metrics/org-daily", metrics::orgDaily, read);
            for (ApiModule module : deps.modules()) {
                module.routes(config.routes);
            }
        });
        openApi.attach(app);
        return app;
    }
}
