package ai.omnify.api;

import ai.omnify.api.accounts.AccountService;
import ai.omnify.api.accounts.AccountsConfig;
import ai.omnify.api.accounts.AccountsModule;
import ai.omnify.api.accounts.MemberService;
import ai.omnify.api.accounts.OidcConfig;
import ai.omnify.api.alerts.AlertsConfig;
import ai.omnify.api.alerts.AlertsModule;
import ai.omnify.api.alerts.delivery.DeliveryConfig;
import ai.omnify.api.apikeys.ApiKeyService;
import ai.omnify.api.apikeys.ApiKeysModule;
import ai.omnify.api.auth.Authenticator;
import ai.omnify.api.auth.JdbcSessionLookup;
import ai.omnify.api.auth.SessionAuthenticator;
import ai.omnify.api.channels.ChannelService;
import ai.omnify.api.config.QueryApiConfig;
import ai.omnify.api.connections.ConnectionsModule;
import ai.omnify.api.connections.PollRequests;
import ai.omnify.api.db.DataSources;
import ai.omnify.api.http.PageCache;
import ai.omnify.api.metrics.MetricsService;
import ai.omnify.api.module.ApiModule;
import ai.omnify.api.orgs.OrgSettingsService;
import ai.omnify.api.reports.ReportService;
import ai.omnify.api.reports.ReportsModule;
import ai.omnify.api.sync.SyncModule;
import ai.omnify.server.auth.CachingApiKeyAuthenticator;
import ai.omnify.server.auth.JdbcApiKeyStore;
import ai.omnify.server.auth.PasswordHasher;
import ai.omnify.server.crypto.CredentialCipher;
import ai.omnify.server.db.TenantDb;
import ai.omnify.server.ops.ServerMeters;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** The query API wired to its real dependencies (a connection pool, Prometheus metrics) and listening. */
public final class QueryApiServer implements AutoCloseable {
    private final Javalin app;
    private final HikariDataSource pool;
    private final CachingApiKeyAuthenticator apiKeys;
    private final ServerMeters meters;
    private final List<ApiModule> modules;

    private QueryApiServer(Javalin app, HikariDataSource pool, CachingApiKeyAuthenticator apiKeys, ServerMeters meters,
            List<ApiModule> modules) {
        this.app = app;
        this.pool = pool;
        this.apiKeys = apiKeys;
        this.meters = meters;
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
        ServerMeters meters = new ServerMeters();
        HikariDataSource pool = DataSources.pool(config, meters.registry());
        TenantDb db = new TenantDb(pool);
        Clock clock = Clock.systemUTC();
        CachingApiKeyAuthenticator apiKeys = new CachingApiKeyAuthenticator(new JdbcApiKeyStore(db), clock,
                config.authCacheTtl());
        List<ApiModule> modules = new java.util.ArrayList<>();
        try {
            Authenticator authenticator = Authenticator.chain(List.of(
                    Authenticator.apiKeys(apiKeys),
                    new SessionAuthenticator(new JdbcSessionLookup(db), clock)));
            modules.addAll(List.of(
                    new ConnectionsModule(db, CredentialCipher.fromEnv(env), PollRequests.scheduler(pool, Clock.systemUTC())),
                    new SyncModule(db, clock),
                    new AccountsModule(new AccountService(db, new PasswordHasher(), accountsConfig, clock),
                            new MemberService(db, accountsConfig.inviteTtl(), clock), accountsConfig,
                            OidcConfig.fromEnv(env), clock),
                    new ApiKeysModule(new ApiKeyService(db), apiKeys::forget),
                    new ReportsModule(new ReportService(db), new OrgSettingsService(db), clock)));
            modules.add(AlertsModule.create(db, authenticator, AlertsConfig.fromEnv(env), DeliveryConfig.fromEnv(env),
                    clock));
            PageCache pageCache = new PageCache(config.pageCacheTtl());
            modules.add(new ai.omnify.api.brain.BrainModule(db, pageCache));
            modules.addAll(extraModules);
            QueryApiApp.Dependencies deps = new QueryApiApp.Dependencies(
                    authenticator,
                    new ChannelService(db),
                    new MetricsService(db),
                    new OrgSettingsService(db),
                    pageCache,
                    () -> db.ping(2),
                    meters.registry(),
                    clock,
                    config.maxRequestBytes(),
                    modules);
            Javalin app = QueryApiApp.create(deps).start(config.host(), config.port());
            return new QueryApiServer(app, pool, apiKeys, meters, modules);
        } catch (RuntimeException e) {
            modules.forEach(ApiModule::close);
            apiKeys.close();
            pool.close();
            meters.close();
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
            apiKeys.close();
            pool.close();
            meters.close();
        }
    }
}
