package ai.omnify.ingest.web;

import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/** {@code GET /metrics}: the Prometheus text exposition of every meter. */
public final class MetricsController {
    private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private final PrometheusMeterRegistry registry;

    public MetricsController(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    public void scrape(Context ctx) {
        ctx.contentType(CONTENT_TYPE).result(registry.scrape());
    }
}
