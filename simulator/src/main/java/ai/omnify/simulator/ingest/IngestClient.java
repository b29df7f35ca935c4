package ai.omnify.simulator.ingest;

import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts NDJSON batches to {@code POST {ingest}/api/v1/ingest/{platform}} with the API key. Retries what may pass
 * later (connection failures, timeouts, 429, 5xx) with {@link RetryPolicy}; fails at once, saying what to fix, on any
 * other refusal. A batch that got a 2xx is never sent again.
 */
public final class IngestClient {
    private static final Logger log = LoggerFactory.getLogger(IngestClient.class);

    /** Waits; replaced in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** A batch taken: the service's answer and how many attempts it needed. */
    public record Sent(IngestResponse response, int attempts) {}

    private final URI base;
    private final String apiKey;
    private final HttpClient http;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final RandomGenerator random;

    public IngestClient(URI base, String apiKey, RetryPolicy policy, Sleeper sleeper, RandomGenerator random) {
        this.base = URI.create(base.toString().replaceAll("/+$", "") + "/");
        this.apiKey = apiKey;
        this.policy = policy;
        this.sleeper = sleeper;
        this.random = random;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(policy.connectTimeout()).build();
    }

    public static IngestClient create(URI base, String apiKey) {
        return new IngestClient(base, apiKey, RetryPolicy.DEFAULT, d -> Thread.sleep(d.toMillis()),
                RandomGenerator.getDefault());
    }

    public URI endpoint(Platform platform) {
        return base.resolve("api/v1/ingest/" + platform.wire());
    }

    public Sent send(Platform platform, List<String> lines) throws IngestException, InterruptedException {
        StringBuilder body = new StringBuilder(lines.size() * 400);
        for (String l : lines) {
            body.append(l).append('\n');
        }
        URI uri = endpoint(platform);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(policy.requestTimeout())
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/x-ndjson")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        String last = "";
        for (int attempt = 1; ; attempt++) {
            Duration retryAfter = null;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                int code = response.statusCode();
                if (code / 100 == 2) {
                    return new Sent(parse(response.body(), uri), attempt);
                }
                if (code == 400 || code == 422) {
                    IngestResponse counted = tryParse(response.body());
                    if (counted != null && counted.hasCounts()) {
                        return new Sent(counted, attempt); // every row refused, counted row by row: an answer, not a failure
                    }
                }
                if (code != 429 && code / 100 != 5) {
                    throw new IngestException(refusal(code, errorMessage(response.body()), uri, lines.size()), false);
                }
                last = "HTTP " + code + errorSuffix(response.body());
                retryAfter = response.headers().firstValue("Retry-After").map(IngestClient::seconds).orElse(null);
            } catch (HttpTimeoutException e) {
                last = "no answer within " + policy.requestTimeout().toMillis() + " ms";
            } catch (IOException e) {
                last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (attempt >= policy.maxAttempts()) {
                throw new IngestException("the ingest service at " + uri + " did not take a batch of " + lines.size()
                        + " rows after " + attempt + " attempts (last: " + last + "): check that it is running "
                        + "(infra/omnify status) and that --ingest-url points at it", true);
            }
            Duration wait = policy.backoff(attempt, retryAfter, random);
            log.warn("ingest {} failed ({}), retry {} of {} in {} ms", uri, last, attempt, policy.maxAttempts() - 1,
                    wait.toMillis());
            sleeper.sleep(wait);
        }
    }

    private static IngestResponse parse(String body, URI uri) {
        IngestResponse r = tryParse(body);
        if (r == null) {
            log.warn("ingest {} answered 2xx with a body that is not the expected counts; rejected lines cannot be "
                    + "checked for this batch", uri);
            return new IngestResponse(null, null, null, List.of());
        }
        return r;
    }

    private static IngestResponse tryParse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        return Json.read(body, IngestResponse.class).value();
    }

    private static Duration seconds(String v) {
        try {
            return Duration.ofSeconds(Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String errorSuffix(String body) {
        String m = errorMessage(body);
        return m == null ? "" : " " + m;
    }

    /** The message of an {@code {"error":{"code","message"}}} body, when it is one. */
    static String errorMessage(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode n = Json.mapper().readTree(body);
            JsonNode e = n.path("error");
            if (e.isObject()) {
                String code = e.path("code").asText("");
                String message = e.path("message").asText("");
                return (code.isEmpty() ? "" : code + ": ") + message;
            }
        } catch (IOException ignored) {
            // not JSON: fall through
        }
        return body.length() > 200 ? body.substring(0, 200) + "..." : body;
    }

    private static String refusal(int code, String message, URI uri, int rows) {
        String said = message == null ? "" : " (" + message + ")";
        return switch (code) {
            case 401 -> "the ingest service refused the API key" + said
                    + ": pass a key with the ingest scope, as printed by `infra/omnify org create`, with --api-key";
            case 403 -> "the API key may not ingest for this organization" + said
                    + ": check that --api-key and --org-id belong to the same organization";
            case 404 -> "no ingest endpoint at " + uri + said + ": check --ingest-url (the ingest service listens on "
                    + "http://127.0.0.1:7071 by default)";
            case 413 -> "the ingest service found a batch of " + rows + " rows too large" + said
                    + ": lower --batch-rows";
            default -> "the ingest service refused a batch with HTTP " + code + said + " at " + uri;
        };
    }
}
