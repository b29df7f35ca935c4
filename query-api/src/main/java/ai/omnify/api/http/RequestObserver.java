package ai.omnify.api.http;

import ai.omnify.server.http.RouteTemplate;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After each request: one short log line (method, route template, status, duration, organization when known; never
 * headers, query strings or keys) and a timer {@code http.server.requests} tagged by method, route and status.
 * Unmatched paths count under route {@code unmatched}, so random URLs cannot blow up the metric's cardinality.
 */
public final class RequestObserver {
    private static final Logger LOG = LoggerFactory.getLogger("ai.omnify.api.request");
    public static final String ORG_ATTRIBUTE = "omnify.log.org";

    private final MeterRegistry registry;

    public RequestObserver(MeterRegistry registry) {
        this.registry = registry;
    }

    public void observe(Context ctx, Float executionMs) {
        String method = ctx.method().name();
        String route = RouteTemplate.of(ctx);
        int status = ctx.statusCode();
        long nanos = executionMs == null ? 0 : (long) (executionMs * 1_000_000d);
        Timer.builder("http.server.requests")
                .description("HTTP requests by route and status")
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        if (LOG.isInfoEnabled()) {
            Object org = ctx.attribute(ORG_ATTRIBUTE);
            LOG.info("method={} route={} status={} duration_ms={}{}", method, route, status,
                    String.format(java.util.Locale.ROOT, "%.1f", executionMs == null ? 0f : executionMs),
                    org == null ? "" : " org=" + org);
        }
    }
}
