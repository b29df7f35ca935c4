package ai.omnify.ingest.google;

import ai.omnify.ingest.platform.PlatformHttp;
import ai.omnify.ingest.platform.ReadStats;
import ai.omnify.ingest.platform.RequestPacer;
import ai.omnify.ingest.platform.RetryableException;
import ai.omnify.ingest.sync.PlatformException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Reads a searchStream answer: the rows of every batch, or the failure the Google error stands for. */
final class GoogleResponses {
    private GoogleResponses() {}

    static List<JsonNode> rows(HttpResponse<String> r, String what, ReadStats stats, RequestPacer pacer,
            java.util.function.IntSupplier unauthorized) throws RetryableException, PlatformException {
        int s = r.statusCode();
        String requestId = r.headers().firstValue("request-id").orElse("-");
        if (s == 200) {
            JsonNode body = PlatformHttp.parse(r.body(), what);
            if (!body.isArray()) {
                throw RetryableException.of(what + ": searchStream answer is not a JSON array of batches");
            }
            List<JsonNode> rows = new ArrayList<>();
            for (JsonNode batch : body) {
                if (batch.has("error")) {
                    throw RetryableException.of(what + ": the stream failed part-way (" + batch.path("error")
                            .path("status").asText() + "), request " + requestId);
                }
                batch.path("results").forEach(rows::add);
            }
            return rows;
        }
        JsonNode error = null;
        try {
            JsonNode body = PlatformHttp.JSON.readTree(r.body());
            error = body.isArray() && !body.isEmpty() ? body.get(0).get("error") : body.get("error");
        } catch (Exception ignored) {
            // judged by the status alone
        }
        String status = error == null ? "" : error.path("status").asText("");
        String detail = error == null ? "" : firstErrorCode(error);
        String desc = what + ": HTTP " + s + " " + status + (detail.isEmpty() ? "" : " " + detail) + " (request "
                + requestId + ")";
        if (s == 429 || "RESOURCE_EXHAUSTED".equals(status)) {
            stats.throttled();
            Duration delay = retryDelay(error);
            pacer.throttled(delay);
            throw RetryableException.throttled(desc, delay);
        }
        if (s == 401) {
            if (unauthorized.getAsInt() > 1) {
                throw new PlatformException.Permanent(desc + ": authorize the Google Ads connection again", null);
            }
            throw RetryableException.of(desc + "; getting a new access token");
        }
        if (s == 403) {
            throw new PlatformException.Permanent(desc + ": the connection lost access to this customer; grant it "
                    + "again (or check login-customer-id)", null);
        }
        if (s >= 500) {
            throw RetryableException.of(desc);
        }
        throw new PlatformException.Transient(desc, null);
    }

    private static String firstErrorCode(JsonNode error) {
        for (JsonNode d : error.path("details")) {
            for (JsonNode e : d.path("errors")) {
                JsonNode code = e.path("errorCode");
                if (code.isObject() && code.fields().hasNext()) {
                    var f = code.fields().next();
                    return f.getKey() + "=" + f.getValue().asText();
                }
            }
        }
        return "";
    }

    /** {@code quotaErrorDetails.retryDelay} ("30s", "1.5s") anywhere in the error's details, or null. */
    static Duration retryDelay(JsonNode error) {
        if (error == null) {
            return null;
        }
        for (JsonNode d : error.path("details")) {
            for (JsonNode e : d.path("errors")) {
                JsonNode delay = e.path("details").path("quotaErrorDetails").path("retryDelay");
                if (delay.isTextual()) {
                    return parseDuration(delay.asText());
                }
            }
            if (d.has("retryDelay")) {
                return parseDuration(d.get("retryDelay").asText());
            }
        }
        return null;
    }

    /** A protobuf Duration in JSON ({@code "30s"}, {@code "0.250s"}). */
    static Duration parseDuration(String s) {
        if (s == null || !s.endsWith("s")) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(s.substring(0, s.length() - 1));
            return Duration.ofMillis((long) Math.ceil(seconds * 1000));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
