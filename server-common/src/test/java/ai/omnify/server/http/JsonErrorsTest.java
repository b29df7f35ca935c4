package ai.omnify.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Handlers just throw; every failure reaches the client as {"error":{"code","message"}}. */
class JsonErrorsTest {
    /** A service's own words: an unknown argument is its 400, Javalin's 404 names what exists. */
    static final JsonErrors.Policy POLICY = (e, ctx) -> {
        if (e instanceof IllegalArgumentException) {
            return new ApiException(400, "bad_request", e.getMessage());
        }
        if (e instanceof HttpResponseException h && h.getStatus() == 404) {
            return ApiException.notFound("no such route: see GET /ok");
        }
        return null;
    };

    final HttpClient http = HttpClient.newHttpClient();
    Javalin app;

    @BeforeEach
    void start() {
        app = Javalin.create(cfg -> {
            HttpDefaults.apply(cfg, 1024);
            JsonErrors.register(cfg.routes, POLICY, "something went wrong on our side");
            cfg.routes.get("/ok", ctx -> ctx.result("ok"));
            cfg.routes.get("/refused", ctx -> {
                throw new ApiException(401, "unauthorized", "unknown key", Map.of("WWW-Authenticate", "Bearer"));
            });
            cfg.routes.get("/known", ctx -> {
                throw new IllegalArgumentException("date is not a date");
            });
            cfg.routes.get("/bug", ctx -> {
                throw new IllegalStateException("secret internals");
            });
        }).start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anApiExceptionIsItsOwnAnswerWithItsHeaders() throws Exception {
        HttpResponse<String> r = send("GET", "/refused");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("{\"error\":{\"code\":\"unauthorized\",\"message\":\"unknown key\"}}");
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
    }

    @Test
    void theServicePolicyAnswersWhatItKnows() throws Exception {
        HttpResponse<String> known = send("GET", "/known");
        assertThat(known.statusCode()).isEqualTo(400);
        assertThat(known.body()).isEqualTo("{\"error\":{\"code\":\"bad_request\",\"message\":\"date is not a date\"}}");

        HttpResponse<String> noRoute = send("GET", "/nothing-here");
        assertThat(noRoute.statusCode()).isEqualTo(404);
        assertThat(noRoute.body()).contains("\"code\":\"not_found\"").contains("no such route: see GET /ok");
    }

    @Test
    void whatThePolicyDoesNotKnowIsAGeneric500() throws Exception {
        HttpResponse<String> bug = send("GET", "/bug");
        assertThat(bug.statusCode()).isEqualTo(500);
        assertThat(bug.body()).isEqualTo(
                "{\"error\":{\"code\":\"internal_error\",\"message\":\"something went wrong on our side\"}}");
    }

    @Test
    void aMissingMessageIsLeftOut() {
        assertThat(new String(JsonErrors.body("error", null), StandardCharsets.UTF_8))
                .isEqualTo("{\"error\":{\"code\":\"error\"}}");
        assertThat(new String(JsonErrors.body("bad_request", "say \"why\""), StandardCharsets.UTF_8))
                .isEqualTo("{\"error\":{\"code\":\"bad_request\",\"message\":\"say \\\"why\\\"\"}}");
    }
}
