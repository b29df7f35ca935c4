package ai.omnify.simulator.http;

import ai.omnify.model.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's HTTP server, built from groups of routes: today the status routes; the fake platform APIs (Meta,
 * Google Ads, TikTok, Shopify) are further groups. Errors come out as {@code {"error":{"code","message"}}}.
 */
public final class SimulatorServer {
    private static final Logger log = LoggerFactory.getLogger(SimulatorServer.class);

    /** A group of routes; each feature (status, a fake platform) registers its own. */
    @FunctionalInterface
    public interface Routes {
        void addTo(RoutesConfig routes);
    }

    private SimulatorServer() {}

    /** The app, not started: {@code create(groups).start(host, port)}. */
    public static Javalin create(List<Routes> groups) {
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.threadPool = new QueuedThreadPool(32, 2, 60_000);
            config.jsonMapper(new ModelJsonMapper());
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.warn("{} {} failed", ctx.method(), ctx.path(), e);
                ctx.status(500).json(error("internal", "the simulator failed to answer: " + e.getMessage()));
            });
            config.routes.error(404, ctx -> ctx.json(error("not_found", "no route " + ctx.method() + " " + ctx.path()
                    + " on the simulator")));
            groups.forEach(g -> g.addTo(config.routes));
        });
    }

    public static Map<String, Object> error(String code, String message) {
        return Map.of("error", Map.of("code", code, "message", message));
    }

    /** Javalin's JSON through the model's codec (exact decimals, ISO dates, nulls left out). */
    private static final class ModelJsonMapper implements JsonMapper {
        @Override
        public String toJsonString(Object obj, Type type) {
            return Json.write(obj);
        }

        @Override
        public InputStream toJsonStream(Object obj, Type type) {
            return new ByteArrayInputStream(Json.writeBytes(obj));
        }

        @Override
        public <T> T fromJsonString(String json, Type type) {
            try {
                return Json.mapper().readValue(json, Json.mapper().constructType(type));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
