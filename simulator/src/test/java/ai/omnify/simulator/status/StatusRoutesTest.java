package ai.omnify.simulator.status;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.simulator.http.SimulatorServer;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusRoutesTest {
    private final SendStatus status = new SendStatus(Clock.systemUTC(), "http://127.0.0.1:7071", "org-1", 42);
    private Javalin app;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        app = SimulatorServer.create(List.of(new StatusRoutes(status))).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void healthIsOk() throws Exception {
        HttpResponse<String> r = get("/health");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Json.mapper().readTree(r.body()).get("status").asText()).isEqualTo("ok");
    }

    @Test
    void statusTellsWhatWasSent() throws Exception {
        status.historyStarted(91);
        status.batch(Platform.META, 2000, 2, 1999, 1, 1, 0, 0, 0, false);
        status.historyDayDone(Instant.parse("2026-11-25T00:00:00Z"));
        status.liveTick(Instant.parse("2026-11-25T22:00:00Z"));
        status.error("something to fix");
        HttpResponse<String> r = get("/api/v1/status");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode n = Json.mapper().readTree(r.body());
        assertThat(n.get("state").asText()).isEqualTo("live");
        assertThat(n.get("historyDays").asInt()).isEqualTo(91);
        assertThat(n.get("liveTicks").asInt()).isEqualTo(1);
        assertThat(n.get("retries").asInt()).isEqualTo(1);
        assertThat(n.at("/platforms/meta/lines").asInt()).isEqualTo(2000);
        assertThat(n.at("/platforms/meta/accepted").asInt()).isEqualTo(1999);
        assertThat(n.at("/platforms/shopify/lines").asInt()).isZero();
        assertThat(n.at("/lastError/message").asText()).isEqualTo("something to fix");
    }

    @Test
    void anUnknownRouteIsAJsonError() throws Exception {
        HttpResponse<String> r = get("/api/v1/nothing");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(Json.mapper().readTree(r.body()).at("/error/code").asText()).isEqualTo("not_found");
    }
}
