package ai.omnify.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthControllerTest {
    final HttpClient http = HttpClient.newHttpClient();
    final ServerMeters meters = new ServerMeters();
    final AtomicBoolean kafkaUp = new AtomicBoolean(true);
    Javalin app;

    void start(Map<String, BooleanSupplier> checks, HealthController.Words words) {
        HealthController health = new HealthController(checks, words);
        PrometheusController prometheus = new PrometheusController(meters.registry());
        app = Javalin.create(cfg -> {
            cfg.routes.get("/health", health::health);
            cfg.routes.get("/metrics", prometheus::scrape);
        }).start("127.0.0.1", 0);
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @AfterEach
    void stop() {
        app.stop();
        meters.close();
    }

    @Test
    void everyCheckByNameInTheServiceWords() throws Exception {
        start(Map.of("kafka", kafkaUp::get, "database", () -> true), HealthController.Words.UP_DOWN);
        HttpResponse<String> up = get("/health");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.body()).isEqualTo("{\"status\":\"ok\",\"checks\":{\"database\":\"up\",\"kafka\":\"up\"}}");
        assertThat(up.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));

        kafkaUp.set(false);
        HttpResponse<String> down = get("/health");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).isEqualTo("{\"status\":\"unavailable\",\"checks\":{\"database\":\"up\",\"kafka\":\"down\"}}");
    }

    @Test
    void aProbeThatThrowsIsDown() throws Exception {
        start(Map.of("database", () -> {
            throw new IllegalStateException("probe failed");
        }), HealthController.Words.OK_UNAVAILABLE);
        HttpResponse<String> r = get("/health");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("{\"status\":\"unavailable\",\"checks\":{\"database\":\"unavailable\"}}");
    }

    @Test
    void theMetricsAreThePrometheusTextWithTheJvmMeters() throws Exception {
        start(Map.of("database", () -> true), HealthController.Words.OK_UNAVAILABLE);
        HttpResponse<String> m = get("/metrics");
        assertThat(m.statusCode()).isEqualTo(200);
        assertThat(m.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
        assertThat(m.body()).contains("jvm_memory_used_bytes").contains("process_uptime_seconds").contains("jvm_threads_");
    }
}
