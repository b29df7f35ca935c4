package ai.omnify.api;

import ai.omnify.api.alerts.AlertsConfig;
import ai.omnify.api.alerts.AlertsModule;
import ai.omnify.api.alerts.delivery.DeliveryConfig;
import ai.omnify.api.accounts.AccountService;
import ai.omnify.api.accounts.AccountsConfig;
import ai.omnify.api.accounts.AccountsModule;
import ai.omnify.api.accounts.MemberService;
import ai.omnify.api.accounts.OidcConfig;
import ai.omnify.server.auth.PasswordHasher;
import ai.omnify.api.apikeys.ApiKeyService;
import ai.omnify.api.apikeys.ApiKeysModule;
import ai.omnify.api.auth.ApiKeyAuthenticator;
import ai.omnify.api.auth.JdbcSessionLookup;
import ai.omnify.api.auth.SessionAuthenticator;
import ai.omnify.api.module.ApiModule;
import ai.omnify.api.reports.ReportService;
import ai.omnify.api.reports.ReportsModule;
import ai.omnify.api.auth.Authenticator;
import ai.omnify.api.auth.JdbcApiKeyLookup;
import ai.omnify.api.channels.ChannelService;
import ai.omnify.api.config.QueryApiConfig;
import ai.omnify.api.connections.ConnectionsModule;
import ai.omnify.api.connections.PollRequests;
import ai.omnify.api.db.DataSources;
import ai.omnify.api.db.TenantDb;
import ai.omnify.api.http.PageCache;
import ai.omnify.api.metrics.MetricsService;
import ai.omnify.api.orgs.OrgSettingsService;
import ai.omnify.api.sync.SyncModule;
import ai.omnify.server.crypto.CredentialCipher;
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
import java.util.Map;

/** The query API wired to its real dependencies (a connection pool, Prometheus metrics) and listening. */
public final class QueryApiServer implements AutoCloseable {
    private final Javalin app;
    private final HikariDataSource pool;
    private final JvmGcMetrics gcMetrics;
    private final List<ApiModule> modules;

    private QueryApiServer(Javalin app, HikariDataSource pool, JvmGcMetrics gcMetrics, List<ApiModule> modules) {
        this.app = app;
        this.pool = pool;
        this.gcMetrics = gcMetrics;
        this.modules = modules;
    }

    public static QueryApiServer start(QueryApiConfig config) {
        return start(config, System.getenv());
    }

    /** Started with the features' own settings read from {@code env} (tests pass a map). */
    public static QueryApiServer start(QueryApiConfig config, Map<String, String> env) {
        return start(config, env, List.of());
    }

    /** The same with more modules after the built-in ones (tests add stand-ins for features of other branches). */
    public static QueryApiServer start(QueryApiConfig config, Map<String, String> env, List<ApiModule> extraModules) {
        AccountsConfig accountsConfig = AccountsConfig.fromEnv(env);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);

        HikariDataSource pool = DataSources.pool(config, registry);
        List<ApiModule> modules = new java.util.ArrayList<>();
        try {
            TenantDb db = new TenantDb(pool);
            Clock clock = Clock.systemUTC();
            ApiKeyAuthenticator apiKeys = new ApiKeyAuthenticator(new JdbcApiKeyLookup(db), config.authCacheTtl());
            Authenticator authenticator = Authenticator.chain(List.of(
                    apiKeys,
                    new SessionAuthenticator(new JdbcSessionLookup(db), clock)));
            modules.addAll(List.of(
                    new ConnectionsModule(db, CredentialCipher.fromEnv(env), PollRequests.scheduler(pool, Clock.systemUTC())), // issue 3
                    new SyncModule(db, clock),
                    new AccountsModule(new AccountService(db, new PasswordHasher(), accountsConfig, clock),
                            new MemberService(db, accountsConfig.inviteTtl(), clock), accountsConfig,
                            OidcConfig.fromEnv(env), clock),
                    new ApiKeysModule(new ApiKeyService(db), apiKeys::forget),
                    new ReportsModule(new ReportService(db), new OrgSettingsService(db), clock)));
            modules.add(AlertsModule.create(db, authenticator, AlertsConfig.fromEnv(env), DeliveryConfig.fromEnv(env),
                    clock)); // issue 4
            PageCache pageCache = new PageCache(config.pageCacheTtl());
            modules.add(new ai.omnify.api.brain.BrainModule(db, pageCache)); // issue 5
            modules.addAll(extraModules);
            QueryApiApp.Dependencies deps = new QueryApiApp.Dependencies(
                    authenticator,
                    new ChannelService(db),
                    new MetricsService(db),
                    new OrgSettingsService(db),
                    pageCache,
                    () -> db.ping(2),
                    registry,
                    clock,
                    config.maxRequestBytes(),
                    modules);
            Javalin app = QueryApiApp.create(deps).start(config.host(), config.port());
            return new QueryApiServer(app, pool, gc, modules);
        } catch (RuntimeException e) {
            modules.forEach(ApiModule::close);
            pool.close();
            gc.close();
            throw e;
        }
    }

    /** The running feature module of that type, if any (tests, operations). */
    public <T extends ApiModule> java.util.Optional<T> module(Class<T> type) {
        return modules.stream().filter(type::isInstance).map(type::cast).findFirst();
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
            modules.forEach(ApiModule::close);
            pool.close();
            gcMetrics.close();
        }
    }
}
