package ai.omnify.simulator.fakes.openai;

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
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake OpenAI-compatible API (the documented wire format of {@code POST /v1/chat/completions} and
 * {@code POST /v1/embeddings}) for tests and the demo. By default a chat completion answers the JSON
 * {@code {"text": <the "Draft:" line of the last user message>}}, so a product that sends its own template as the
 * draft gets it back as the model's text; embeddings are deterministic hashed character trigrams (64 dimensions,
 * unit length), so similar texts get similar vectors. On demand: 429s, slow answers, malformed content.
 */
public final class FakeOpenAi implements SimulatorServer.Routes {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    public static final int DIMENSIONS = 64;

    /** What the next chat completion does. */
    public sealed interface Behaviour permits Status, Delay, Content {}

    /** Answer with this HTTP status and an OpenAI-style error. */
    public record Status(int status) implements Behaviour {}

    /** Wait, then answer normally. */
    public record Delay(Duration delay) implements Behaviour {}

    /** Answer 200 with this message content (e.g. not JSON at all). */
    public record Content(String content) implements Behaviour {}

    private final Queue<Behaviour> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger chatRequests = new AtomicInteger();
    private final AtomicInteger embeddingRequests = new AtomicInteger();
    private final List<JsonNode> requests = java.util.Collections.synchronizedList(new ArrayList<>());

    /** Queues behaviours for the next chat completions, in order; afterwards answers are normal again. */
    public FakeOpenAi then(Behaviour... next) {
        script.addAll(List.of(next));
        return this;
    }

    /** Forgets behaviours not used yet. */
    public void reset() {
        script.clear();
    }

    public int chatRequests() {
        return chatRequests.get();
    }

    public int embeddingRequests() {
        return embeddingRequests.get();
    }

    /** The chat request bodies received, oldest first. */
    public List<JsonNode> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.post("/v1/chat/completions", this::chat);
        routes.post("/v1/embeddings", this::embeddings);
    }

    private void chat(Context ctx) throws IOException, InterruptedException {
        chatRequests.incrementAndGet();
        if (!authorized(ctx)) {
            return;
        }
        JsonNode body = Json.mapper().readTree(ctx.body());
        requests.add(body);
        Behaviour b = script.poll();
        if (b instanceof Status s) {
            ctx.status(s.status()).header("retry-after-ms", "50")
                    .json(error(s.status() == 429 ? "rate_limit_exceeded" : "server_error",
                            s.status() == 429 ? "Rate limit reached, try again" : "The server had an error"));
            return;
        }
        if (b instanceof Delay d) {
            Thread.sleep(d.delay().toMillis());
        }
        String content = b instanceof Content c ? c.content() : Json.write(java.util.Map.of("text", draft(body)));
        ObjectNode out = F.objectNode();
        out.put("id", "chatcmpl-fake-" + chatRequests.get());
        out.put("object", "chat.completion");
        out.put("created", System.currentTimeMillis() / 1000);
        out.put("model", body.path("model").asText("fake"));
        ArrayNode choices = out.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        choice.put("finish_reason", "stop");
        choice.putNull("logprobs");
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", content);
        message.putNull("refusal");
        ObjectNode usage = out.putObject("usage");
        usage.put("prompt_tokens", 100);
        usage.put("completion_tokens", 20);
        usage.put("total_tokens", 120);
        ctx.status(200).contentType("application/json").result(Json.write(out));
    }

    private void embeddings(Context ctx) throws IOException {
        embeddingRequests.incrementAndGet();
        if (!authorized(ctx)) {
            return;
        }
        JsonNode body = Json.mapper().readTree(ctx.body());
        List<String> inputs = new ArrayList<>();
        JsonNode input = body.path("input");
        if (input.isArray()) {
            input.forEach(n -> inputs.add(n.asText()));
        } else {
            inputs.add(input.asText());
        }
        ObjectNode out = F.objectNode();
        out.put("object", "list");
        out.put("model", body.path("model").asText("fake-embedding"));
        ArrayNode data = out.putArray("data");
        for (int i = 0; i < inputs.size(); i++) {
            ObjectNode e = data.addObject();
            e.put("object", "embedding");
            e.put("index", i);
            ArrayNode v = e.putArray("embedding");
            for (double x : vector(inputs.get(i))) {
                v.add(x);
            }
        }
        ObjectNode usage = out.putObject("usage");
        usage.put("prompt_tokens", 10);
        usage.put("total_tokens", 10);
        ctx.status(200).contentType("application/json").result(Json.write(out));
    }

    private static boolean authorized(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth == null || !auth.startsWith("Bearer ") || auth.length() <= "Bearer ".length()) {
            ctx.status(401).json(error("invalid_api_key", "Missing or malformed API key in the Authorization header"));
            return false;
        }
        return true;
    }

    /** The text after "Draft:" in the last user message, or a fixed sentence. */
    static String draft(JsonNode body) {
        JsonNode messages = body.path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if ("user".equals(m.path("role").asText())) {
                String content = m.path("content").isTextual() ? m.path("content").asText() : m.path("content").toString();
                for (String line : content.split("\n")) {
                    if (line.startsWith("Draft:")) {
                        return line.substring("Draft:".length()).trim();
                    }
                }
            }
        }
        return "Nothing notable.";
    }

    /** Hashed character trigrams, unit length. */
    public static double[] vector(String text) {
        double[] v = new double[DIMENSIONS];
        String t = " " + text.toLowerCase(java.util.Locale.ROOT) + " ";
        for (int i = 0; i + 3 <= t.length(); i++) {
            v[Math.floorMod(t.substring(i, i + 3).hashCode(), DIMENSIONS)] += 1;
        }
        double norm = 0;
        for (double x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < v.length && norm > 0; i++) {
            v[i] /= norm;
        }
        return v;
    }

    private static java.util.Map<String, Object> error(String code, String message) {
        return java.util.Map.of("error", java.util.Map.of("message", message, "type", "invalid_request_error",
                "code", code));
    }
}
