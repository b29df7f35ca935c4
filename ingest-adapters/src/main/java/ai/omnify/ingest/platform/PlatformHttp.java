package ai.omnify.ingest.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One HTTP exchange with a platform: a timeout on every call, network failures and timeouts as
 * {@link RetryableException}, JSON read with decimals kept exact. Shared by all clients (one {@link HttpClient}).
 */
public final class PlatformHttp {
    /** Decimals never pass through double. */
    public static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private final HttpClient client;
    private final Duration timeout;

    public PlatformHttp(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public HttpResponse<String> send(HttpRequest.Builder request, ReadStats stats) throws RetryableException,
            InterruptedException {
        HttpRequest r = request.timeout(timeout).build();
        stats.request();
        try {
            return client.send(r, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new RetryableException("no answer from " + r.uri().getHost() + " within " + timeout, null, false, e);
        } catch (IOException e) {
            throw new RetryableException("cannot reach " + r.uri().getHost() + ": " + e, null, false, e);
        }
    }

    /** Reads a JSON body; a body that is not JSON (a truncated page, a proxy's HTML) is worth another try. */
    public static JsonNode parse(String body, String what) throws RetryableException {
        try {
            JsonNode n = JSON.readTree(body);
            if (n == null || n.isMissingNode()) {
                throw RetryableException.of(what + ": empty body");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new RetryableException(what + ": malformed JSON (" + e.getOriginalMessage() + ")", null, false, e);
        }
    }

    /** Retry-After as seconds (fractional allowed, Shopify sends "2.0") or an HTTP date; null when absent or bad. */
    public static Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(PlatformHttp::parseRetryAfter).orElse(null);
    }

    static Duration parseRetryAfter(String v) {
        String s = v.trim();
        try {
            double seconds = Double.parseDouble(s);
            return seconds < 0 || Double.isNaN(seconds) ? null : Duration.ofMillis((long) Math.ceil(seconds * 1000));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    /** {@code a=1&b=2}, each value URL-encoded, in the map's order. */
    public static String query(Map<String, String> params) {
        return params.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A base URL without a trailing slash. */
    public static String trim(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
}
