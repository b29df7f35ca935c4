package ai.omnify.api;

import ai.omnify.api.auth.ApiKeyAuthenticator;
import ai.omnify.api.auth.Authenticator;
import ai.omnify.api.auth.JdbcApiKeyLookup;
import ai.omnify.api.channels.ChannelService;
import ai.omnify.api.config.QueryApiConfig;
import ai.omnify.api.db.DataSources;
import ai.omnify.api.db.TenantDb;
import ai.omnify.api.http.PageCache;
import ai.omnify.api.metrics.MetricsService;
import ai.omnify.api.orgs.OrgSettingsService;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.util.List;

/** The query API wired to its real dependencies (a connection pool, Prometheus metrics) and listening. */
public final class QueryApiServer implements AutoCloseable {
    private final Javalin app;
    private final HikariDataSource pool;
    private final JvmGcMetrics gcMetrics;

    private QueryApiServer(Javalin app, HikariDataSource pool, JvmGcMetrics gcMetrics) {
        this.app = app;
        this.pool = pool;
        this.gcMetrics = gcMetrics;
    }

    public static QueryApiServer start(QueryApiConfig config) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);

        HikariDataSource pool = DataSources.pool(config, registry);
        try {
            TenantDb db = new TenantDb(pool);
            Authenticator authenticator = Authenticator.chain(List.of(
                    new ApiKeyAuthenticator(new JdbcApiKeyLookup(db), config.authCacheTtl())));
            QueryApiApp.Dependencies deps = new QueryApiApp.Dependencies(
                    authenticator,
                    new ChannelService(db),
                    new MetricsService(db),
                    new OrgSettingsService(db),
                    new PageCache(config.pageCacheTtl()),
                    () -> db.ping(2),
                    registry,
                    Clock.systemUTC(),
                    config.maxRequestBytes(),
                    List.of(new ai.omnify.api.brain.BrainModule(db)));
            Javalin app = QueryApiApp.create(deps).start(config.host(), config.port());
            return new QueryApiServer(app, pool, gc);
        } catch (RuntimeException e) {
            pool.close();
            gc.close();
            throw e;
        }
    }

    /** The port it listens on (the chosen one when configured with 0). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            pool.close();
            gcMetrics.close();
        }
    }
}
