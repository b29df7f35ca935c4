package ai.omnify.simulator.fakes.anthropic;

import ai.omnify.model.Json;
import ai.omnify.simulator.http.SimulatorServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake Anthropic Messages API ({@code POST /v1/messages}, the documented wire format) for tests and the demo. A
 * request needs the {@code x-api-key} and {@code anthropic-version} headers (else 401 / 400 with Anthropic's error
 * body {@code {"type":"error","error":{"type","message"}}}) and a body with {@code model}, {@code max_tokens} and
 * {@code messages}. By default the answer is a message with one text block holding the JSON
 * {@code {"text": <the "Draft:" line of the last user message>}} — what a model bound by
 * {@code output_config.format} (structured outputs, type {@code json_schema}) would return. On demand: 429
 * ({@code rate_limit_error} with {@code retry-after} in seconds), 529 ({@code overloaded_error}), slow answers,
 * malformed text.
 */
public final class FakeAnthropic implements SimulatorServer.Routes {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** What the next message request does. */
    public sealed interface Behaviour permits Status, Delay, Text {}

    /** Answer with this HTTP status (429, 500, 529, ...) and an Anthropic error body; 429 carries retry-after. */
    public record Status(int status) implements Behaviour {}

    /** Wait, then answer normally. */
    public record Delay(Duration delay) implements Behaviour {}

    /** Answer 200 with this text block (e.g. not JSON at all). */
    public record Text(String text) implements Behaviour {}

    /** One request as received: the headers that matter and the body. */
    public record Received(String apiKey, String version, JsonNode body) {}

    private final Queue<Behaviour> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger messageRequests = new AtomicInteger();
    private final List<Received> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    private final int retryAfterSeconds;

    public FakeAnthropic() {
        this(1);
    }

    /** @param retryAfterSeconds the {@code retry-after} a 429 carries */
    public FakeAnthropic(int retryAfterSeconds) {
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Queues behaviours for the next message requests, in order; afterwards answers are normal again. */
    public FakeAnthropic then(Behaviour... next) {
        script.addAll(List.of(next));
        return this;
    }

    /** Forgets behaviours not used yet. */
    public void reset() {
        script.clear();
    }

    /** Requests to {@code /v1/messages}, authorized or not. */
    public int messageRequests() {
        return messageRequests.get();
    }

    /** The authorized, well-formed requests received, oldest first. */
    public List<Received> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/v1/messages", this::messages);
    }

    private void messages(Context ctx) throws IOException, InterruptedException {
        messageRequests.incrementAndGet();
        String key = ctx.header("x-api-key");
        if (key == null || key.isBlank()) {
            error(ctx, 401, "authentication_error", "x-api-key header is required");
            return;
        }
        String version = ctx.header("anthropic-version");
        if (version == null || version.isBlank()) {
            error(ctx, 400, "invalid_request_error", "anthropic-version: header is required");
            return;
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(ctx.body());
        } catch (IOException e) {
            error(ctx, 400, "invalid_request_error", "The request body is not valid JSON");
            return;
        }
        String problem = problem(body);
        if (problem != null) {
            error(ctx, 400, "invalid_request_error", problem);
            return;
        }
        requests.add(new Received(key, version, body));
        Behaviour b = script.poll();
        if (b instanceof Status s) {
            if (s.status() == 429) {
                ctx.header("retry-after", String.valueOf(retryAfterSeconds));
                error(ctx, 429, "rate_limit_error", "Number of request tokens has exceeded your per-minute rate limit");
            } else if (s.status() == 529) {
                error(ctx, 529, "overloaded_error", "Overloaded");
            } else {
                error(ctx, s.status(), "api_error", "Internal server error");
            }
            return;
        }
        if (b instanceof Delay d) {
            Thread.sleep(d.delay().toMillis());
        }
        String text = b instanceof Text t ? t.text() : Json.write(Map.of("text", draft(body)));
        ObjectNode out = F.objectNode();
        out.put("id", "msg_fake" + messageRequests.get());
        out.put("type", "message");
        out.put("role", "assistant");
        out.put("model", body.path("model").asText());
        ArrayNode content = out.putArray("content");
        ObjectNode block = content.addObject();
        block.put("type", "text");
        block.put("text", text);
        out.put("stop_reason", "end_turn");
        out.putNull("stop_sequence");
        ObjectNode usage = out.putObject("usage");
        usage.put("input_tokens", 100);
        usage.put("output_tokens", 20);
        usage.put("cache_creation_input_tokens", 0);
        usage.put("cache_read_input_tokens", 0);
        ctx.status(200).contentType("application/json").header("request-id", "req_fake" + messageRequests.get())
                .result(Json.write(out));
    }

    /** What is wrong with a request body, or null; the checks the real API makes first. */
    static String problem(JsonNode body) {
        if (!body.path("model").isTextual() || body.path("model").asText().isBlank()) {
            return "model: Field required";
        }
        if (!body.path("max_tokens").isIntegralNumber() || body.path("max_tokens").asInt() < 1) {
            return "max_tokens: Field required (a positive integer)";
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            return "messages: at least one message is required";
        }
        for (JsonNode m : messages) {
            String role = m.path("role").asText();
            if (!role.equals("user") && !role.equals("assistant")) {
                return "messages: role must be 'user' or 'assistant' (the system prompt is the top-level 'system')";
            }
        }
        JsonNode format = body.path("output_config").path("format");
        if (!format.isMissingNode() && (!"json_schema".equals(format.path("type").asText())
                || !format.path("schema").isObject())) {
            return "output_config.format: type 'json_schema' with a 'schema' object expected";
        }
        return null;
    }

    /** The text after "Draft:" in the last user message (string or text blocks), or a fixed sentence. */
    static String draft(JsonNode body) {
        JsonNode messages = body.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if (!"user".equals(m.path("role").asText())) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            JsonNode content = m.path("content");
            if (content.isTextual()) {
                text.append(content.asText());
            } else {
                content.forEach(block -> text.append(block.path("text").asText()).append('\n'));
            }
            for (String line : text.toString().split("\n")) {
                if (line.startsWith("Draft:")) {
                    return line.substring("Draft:".length()).trim();
                }
            }
        }
        return "Nothing notable.";
    }

    private static void error(Context ctx, int status, String type, String message) {
        ctx.status(status).contentType("application/json").result(Json.write(Map.of("type", "error",
                "error", Map.of("type", type, "message", message))));
    }
}
