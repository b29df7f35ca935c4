package ai.omnify.ingest.upload;

import ai.omnify.model.Platform;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The ingest service's meters: rows accepted and rejected by platform ({@code omnify_ingest_rows_accepted_total},
 * {@code omnify_ingest_rows_rejected_total}), Kafka sends that failed ({@code omnify_ingest_kafka_send_failures_total})
 * and ingest requests by platform and status ({@code omnify_ingest_requests_seconds}).
 */
public final class IngestMetrics {
    private final MeterRegistry registry;
    private final Map<Platform, Counter> accepted = new EnumMap<>(Platform.class);
    private final Map<Platform, Counter> rejected = new EnumMap<>(Platform.class);
    private final Counter sendFailures;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Platform p : Platform.values()) {
            accepted.put(p, Counter.builder("omnify.ingest.rows.accepted").description("rows accepted and in Kafka")
                    .tag("platform", p.wire()).register(registry));
            rejected.put(p, Counter.builder("omnify.ingest.rows.rejected").description("rows refused, sent to the dead-letter topic")
                    .tag("platform", p.wire()).register(registry));
        }
        sendFailures = Counter.builder("omnify.ingest.kafka.send.failures")
                .description("records Kafka did not acknowledge").register(registry);
    }

    public void rowsAccepted(Platform platform, int n) {
        accepted.get(platform).increment(n);
    }

    public void rowsRejected(Platform platform, int n) {
        rejected.get(platform).increment(n);
    }

    public void kafkaSendFailed() {
        sendFailures.increment();
    }

    /** @param platform a known platform's wire name, or "unknown" (never the raw path, to bound the tags) */
    public void request(String platform, int status, long nanos) {
        Timer.builder("omnify.ingest.requests").description("ingest requests")
                .tag("platform", platform).tag("status", Integer.toString(status))
                .register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    public MeterRegistry registry() {
        return registry;
    }
}
