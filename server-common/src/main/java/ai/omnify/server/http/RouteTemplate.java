package ai.omnify.server.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;

/** The route a request matched, as its template, for logs and metrics: never the raw path with its ids. */
public final class RouteTemplate {
    public static final String UNMATCHED = "unmatched";

    private RouteTemplate() {}

    /** The matched route template ({@code /api/v1/metrics/daily}), or {@value #UNMATCHED}. */
    public static String of(Context ctx) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        return endpoint == null ? UNMATCHED : endpoint.path;
    }
}
