package ai.omnify.simulator.fakes.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fake Messages API's checks and answers over loopback, as a plain HTTP client sees them. */
class FakeAnthropicTest {
    private static final String BODY = """
            {"model":"claude-haiku-4-5","max_tokens":100,"system":"be brief",
             "messages":[{"role":"user","content":[{"type":"text","text":"Facts: {}\\nDraft: All quiet."}]}],
             "output_config":{"format":{"type":"json_schema","schema":{"type":"object"}}}}""";
    private static FakeAnthropicServer server;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = FakeAnthropicServer.start(0, 2);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> post(String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/messages"))
                .header("content-type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void answersTheDraftAsJsonInOneTextBlock() throws Exception {
        HttpResponse<String> r = post(BODY, "x-api-key", "k", "anthropic-version", "2023-06-01");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode m = Json.mapper().readTree(r.body());
        assertThat(m.path("type").asText()).isEqualTo("message");
        assertThat(m.path("role").asText()).isEqualTo("assistant");
        assertThat(m.path("stop_reason").asText()).isEqualTo("end_turn");
        assertThat(m.path("content").get(0).path("type").asText()).isEqualTo("text");
        assertThat(Json.mapper().readTree(m.path("content").get(0).path("text").asText()).path("text").asText())
                .isEqualTo("All quiet.");
        assertThat(m.path("usage").path("output_tokens").asInt()).isPositive();
    }

    @Test
    void checksTheKeyTheVersionAndTheBody() throws Exception {
        HttpResponse<String> noKey = post(BODY, "anthropic-version", "2023-06-01");
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(Json.mapper().readTree(noKey.body()).path("error").path("type").asText())
                .isEqualTo("authentication_error");
        HttpResponse<String> noVersion = post(BODY, "x-api-key", "k");
        assertThat(noVersion.statusCode()).isEqualTo(400);
        assertThat(noVersion.body()).contains("anthropic-version");
        HttpResponse<String> noMaxTokens = post("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}",
                "x-api-key", "k", "anthropic-version", "2023-06-01");
        assertThat(noMaxTokens.statusCode()).isEqualTo(400);
        assertThat(noMaxTokens.body()).contains("max_tokens").contains("invalid_request_error");
    }

    @Test
    void scripted429CarriesRetryAfterThenAnswersNormally() throws Exception {
        server.api().then(new FakeAnthropic.Status(429));
        HttpResponse<String> limited = post(BODY, "x-api-key", "k", "anthropic-version", "2023-06-01");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("retry-after")).hasValue("2");
        assertThat(Json.mapper().readTree(limited.body()).path("error").path("type").asText())
                .isEqualTo("rate_limit_error");
        assertThat(post(BODY, "x-api-key", "k", "anthropic-version", "2023-06-01").statusCode()).isEqualTo(200);
    }
}
