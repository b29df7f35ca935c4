package ai.omnify.api.dashboard;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;

/**
 * The pages query-api serves: the dashboard at {@code /app/}, the API browser (Swagger UI) at {@code /docs/}, and the
 * webjars they use (uPlot, Swagger UI) at {@code /webjars/}: everything from the classpath, nothing from a CDN. Pages
 * get a Content-Security-Policy that allows only this origin.
 */
public final class WebSite {
    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
                    + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer");

    private WebSite() {}

    public static void configure(JavalinConfig config) {
        config.staticFiles.enableWebjars();
        config.staticFiles.add(sf -> {
            sf.hostedPath = "/app";
            sf.directory = "/web/app";
            sf.location = Location.CLASSPATH;
            sf.headers = HEADERS;
        });
        config.staticFiles.add(sf -> {
            sf.hostedPath = "/docs";
            sf.directory = "/web/docs";
            sf.location = Location.CLASSPATH;
            sf.headers = HEADERS;
        });
        config.routes.get("/", ctx -> ctx.redirect("/app/"));
    }
}
