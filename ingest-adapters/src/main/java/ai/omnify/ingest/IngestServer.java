package ai.omnify.ingest;

import ai.omnify.config.Env;
import ai.omnify.ingest.config.IngestConfig;
import ai.omnify.ingest.connections.ConnectionStore;
import ai.omnify.ingest.connections.EnvConnections;
import ai.omnify.ingest.connections.StoreConnectionDirectory;
import ai.omnify.ingest.db.IngestPools;
import ai.omnify.ingest.sink.KafkaRecordSink;
import ai.omnify.ingest.sync.PlatformReaders;
import ai.omnify.ingest.sync.ReauthAlerts;
import ai.omnify.ingest.sync.SyncConfig;
import ai.omnify.ingest.sync.SyncRunStore;
import ai.omnify.ingest.sync.SyncRunner;
import ai.omnify.ingest.sync.SyncScheduler;
import ai.omnify.ingest.sync.SyncTrigger;
import ai.omnify.ingest.webhook.JdbcWebhookLedger;
import ai.omnify.ingest.webhook.WebhookConfig;
import ai.omnify.server.auth.CachingApiKeyAuthenticator;
import ai.omnify.server.auth.JdbcApiKeyStore;
import ai.omnify.server.crypto.CredentialCipher;
import ai.omnify.server.db.DataAccessException;
import ai.omnify.server.db.TenantDb;
import ai.omnify.server.ops.ServerMeters;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running service with its real dependencies: a Kafka producer, a PostgreSQL pool for API keys, Prometheus meters,
 * and (with {@link Sync}) the webhook endpoints and the sync scheduler on a second pool. {@link IngestMain} runs one;
 * integration tests start one on port 0.
 */
public final class IngestServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestServer.class);
    private final Javalin app;
    private final KafkaRecordSink sink;
    private final CachingApiKeyAuthenticator authenticator;
    private final HikariDataSource pool;
    private final HikariDataSource syncPool;
    private final SyncScheduler scheduler;
    private final ServerMeters meters;

    private IngestServer(Javalin app, KafkaRecordSink sink, CachingApiKeyAuthenticator authenticator,
                         HikariDataSource pool, HikariDataSource syncPool, SyncScheduler scheduler, ServerMeters meters) {
        this.app = app;
        this.sink = sink;
        this.authenticator = authenticator;
        this.pool = pool;
        this.syncPool = syncPool;
        this.scheduler = scheduler;
        this.meters = meters;
    }

    /**
     * Connections, webhooks and the sync scheduler.
     *
     * @param env the environment, for the single-brand connections ({@link EnvConnections})
     * @param readers the platform clients ({@code PlatformClients#reader}); {@link PlatformReaders#NONE} runs no sync
     * @param schedulerName this instance's name among the schedulers (null: the host name)
     */
    public record Sync(WebhookConfig webhooks, SyncConfig sync, CredentialCipher cipher, PlatformReaders readers,
                       Map<String, String> env, String schedulerName) {
        public Sync {
            Objects.requireNonNull(webhooks, "webhooks");
            Objects.requireNonNull(sync, "sync");
            Objects.requireNonNull(cipher, "cipher");
            Objects.requireNonNull(readers, "readers");
            env = Map.copyOf(env);
        }

        public static Sync fromEnv(Map<String, String> env, PlatformReaders readers) {
            return new Sync(WebhookConfig.fromEnv(env), SyncConfig.fromEnv(env), CredentialCipher.fromEnv(env), readers,
                    env, null);
        }
    }

    /** The ingest endpoint only: webhooks answer 503 (not configured), no sync. */
    public static IngestServer start(IngestConfig config, Clock clock) {
        return start(config, null, clock);
    }

    public static IngestServer start(IngestConfig config, Sync sync, Clock clock) {
        ServerMeters meters = new ServerMeters();
        HikariDataSource pool = IngestPools.apiKeys(config.database(), meters.registry());
        CachingApiKeyAuthenticator authenticator = new CachingApiKeyAuthenticator(
                new JdbcApiKeyStore(new TenantDb(pool)), clock, config.apiKeyCacheTtl());
        KafkaRecordSink sink = KafkaRecordSink.create(config);
        HikariDataSource syncPool = null;
        SyncScheduler scheduler = null;
        try {
            IngestApp.Webhooks webhooks = IngestApp.Webhooks.NONE;
            if (sync != null) {
                syncPool = IngestPools.sync(config.database(), sync.sync().threads() + 6);
                TenantDb tx = new TenantDb(syncPool);
                ConnectionStore connections = new ConnectionStore(tx, sync.cipher());
                try {
                    int fromEnv = EnvConnections.apply(sync.env(), connections);
                    if (fromEnv > 0) {
                        LOG.info("{} connection(s) from the environment bound to organization {}", fromEnv,
                                EnvConnections.orgId(sync.env()));
                    }
                } catch (DataAccessException e) {
                    LOG.error("the connections named by the environment could not be stored ({}); they are applied at"
                            + " the next start", e.getMessage());
                } catch (IllegalStateException e) {
                    throw new Env.ConfigException(e.getMessage() + ": remove it from the environment or use"
                            + " OMNIFY_ORG_ID of the organization that connected it");
                } catch (CredentialCipher.CredentialException e) {
                    throw new Env.ConfigException("platform credentials are set in the environment but cannot be stored: "
                            + e.getMessage());
                }
                SyncRunStore runs = new SyncRunStore(tx);
                SyncTrigger trigger = SyncTrigger.NONE;
                if (!sync.sync().enabled()) {
                    LOG.info("sync scheduler off (SYNC_ENABLED=false)");
                } else if (sync.readers() == PlatformReaders.NONE) {
                    LOG.warn("sync scheduler off: this build wires no platform clients");
                } else {
                    SyncRunner runner = new SyncRunner(connections, runs, sync.readers(), sink, config.topics(),
                            new ReauthAlerts(tx, sink, config.topics()), sync.sync(), clock);
                    scheduler = SyncScheduler.start(syncPool, sync.sync(), runner, connections, runs, clock,
                            sync.schedulerName());
                    trigger = scheduler;
                }
                webhooks = new IngestApp.Webhooks(sync.webhooks(), new StoreConnectionDirectory(connections, clock),
                        new JdbcWebhookLedger(tx), trigger);
            }
            Javalin app = IngestApp.create(new IngestApp.Deps(config, authenticator, sink, clock, meters.registry(), webhooks))
                    .start();
            return new IngestServer(app, sink, authenticator, pool, syncPool, scheduler, meters);
        } catch (RuntimeException e) {
            if (scheduler != null) {
                scheduler.close();
            }
            sink.close();
            authenticator.close();
            pool.close();
            if (syncPool != null) {
                syncPool.close();
            }
            meters.close();
            throw e;
        }
    }

    public int port() {
        return app.port();
    }

    /** Stops taking requests and syncing, then flushes and closes the producer and the pools. */
    @Override
    public void close() {
        app.stop();
        if (scheduler != null) {
            scheduler.close();
        }
        sink.close();
        authenticator.close();
        pool.close();
        if (syncPool != null) {
            syncPool.close();
        }
        meters.close();
    }
}
