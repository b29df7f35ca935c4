package ai.omnify.ingest;

import ai.omnify.ingest.auth.CachingApiKeyAuthenticator;
import ai.omnify.ingest.auth.JdbcApiKeyStore;
import ai.omnify.ingest.config.IngestConfig;
import ai.omnify.ingest.sink.KafkaRecordSink;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/**
 * The running service with its real dependencies: a Kafka producer, a PostgreSQL pool for API keys, Prometheus meters.
 * {@link IngestMain} runs one; integration tests start one on port 0.
 */
public final class IngestServer implements AutoCloseable {
    private final Javalin app;
    private final KafkaRecordSink sink;
    private final CachingApiKeyAuthenticator authenticator;
    private final HikariDataSource pool;
    private final JvmGcMetrics gcMetrics;

    private IngestServer(Javalin app, KafkaRecordSink sink, CachingApiKeyAuthenticator authenticator,
                         HikariDataSource pool, JvmGcMetrics gcMetrics) {
        this.app = app;
        this.sink = sink;
        this.authenticator = authenticator;
        this.pool = pool;
        this.gcMetrics = gcMetrics;
    }

    public static IngestServer start(IngestConfig config, Clock clock) {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        new UptimeMetrics().bindTo(meters);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(meters);

        HikariDataSource pool = JdbcApiKeyStore.pool(config.database(), meters);
        CachingApiKeyAuthenticator authenticator = new CachingApiKeyAuthenticator(
                new JdbcApiKeyStore(pool), clock, config.apiKeyCacheTtl());
        KafkaRecordSink sink = KafkaRecordSink.create(config);
        try {
            Javalin app = IngestApp.create(new IngestApp.Deps(config, authenticator, sink, clock, meters)).start();
            return new IngestServer(app, sink, authenticator, pool, gc);
        } catch (RuntimeException e) {
            sink.close();
            authenticator.close();
            pool.close();
            gc.close();
            throw e;
        }
    }

    public int port() {
        return app.port();
    }

    /** Stops taking requests, then flushes and closes the producer and the pool. */
    @Override
    public void close() {
        app.stop();
        sink.close();
        authenticator.close();
        pool.close();
        gcMetrics.close();
    }
}
