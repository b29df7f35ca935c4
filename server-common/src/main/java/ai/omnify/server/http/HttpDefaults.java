package ai.omnify.server.http;

import io.javalin.config.JavalinConfig;

/** What both services set on Javalin the same way. */
public final class HttpDefaults {
    private HttpDefaults() {}

    /**
     * No banner or version warning in the logs; 405 rather than 404 for a known path with another method; request
     * bodies up to {@code maxRequestBytes}.
     */
    public static void apply(JavalinConfig config, long maxRequestBytes) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.http.prefer405over404 = true;
        config.http.maxRequestSize = maxRequestBytes;
    }
}
