package ai.omnify.ingest.meta;

import ai.omnify.ingest.platform.PlatformHttp;
import ai.omnify.ingest.platform.ReadStats;
import ai.omnify.ingest.platform.RetryableException;
import ai.omnify.ingest.platform.UsageGate;
import ai.omnify.ingest.sync.PlatformException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;

/**
 * Reads what a Graph API response says about limits and errors. Usage headers (percent of the allowance) feed the
 * account's {@link UsageGate}; throttling comes as error codes with HTTP 400, not 429; 190 (token) and 10/200-299
 * (permission) are permanent.
 */
final class MetaResponses {
    static final Set<Integer> THROTTLE_CODES = Set.of(4, 17, 32, 613, 80000, 80001, 80002, 80003, 80004, 80005, 80006,
            80008, 80009, 80014);

    private MetaResponses() {}

    /** Usage in the response's headers: the highest percentage, and when the window resets. */
    record Usage(double percent, Duration resetIn, Duration regainIn) {}

    static Usage usage(HttpResponse<?> r) {
        double pct = 0;
        Duration reset = null;
        Duration regain = null;
        JsonNode buc = header(r, "X-Business-Use-Case-Usage");
        if (buc != null) {
            for (Iterator<JsonNode> accounts = buc.elements(); accounts.hasNext(); ) {
                for (JsonNode entry : accounts.next()) {
                    pct = Math.max(pct, max(entry, "call_count", "total_cputime", "total_time"));
                    long minutes = entry.path("estimated_time_to_regain_access").asLong(0);
                    if (minutes > 0) {
                        regain = Duration.ofMinutes(minutes);
                    }
                }
            }
        }
        JsonNode app = header(r, "X-App-Usage");
        if (app != null) {
            pct = Math.max(pct, max(app, "call_count", "total_cputime", "total_time"));
        }
        JsonNode acc = header(r, "X-Ad-Account-Usage");
        if (acc != null) {
            pct = Math.max(pct, acc.path("acc_id_util_pct").asDouble(0));
            if (acc.has("reset_time_duration")) {
                reset = Duration.ofMillis((long) Math.ceil(acc.path("reset_time_duration").asDouble(0) * 1000));
            }
        }
        return new Usage(pct, reset, regain);
    }

    private static double max(JsonNode n, String... fields) {
        double m = 0;
        for (String f : fields) {
            m = Math.max(m, n.path(f).asDouble(0));
        }
        return m;
    }

    private static JsonNode header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).map(v -> {
            try {
                return PlatformHttp.JSON.readTree(v);
            } catch (Exception e) {
                return null;
            }
        }).orElse(null);
    }

    /**
     * The body of a successful response, or the failure it stands for.
     *
     * @throws RetryableException throttling, 5xx, transient errors, a malformed body
     * @throws PlatformException.Permanent an invalid or expired token, a removed permission
     * @throws PlatformException.Transient an error that another try with the same request would not fix
     */
    static JsonNode check(HttpResponse<String> r, String what, ReadStats stats, UsageGate gate, Duration pauseWhenFull)
            throws RetryableException, PlatformException {
        Usage u = usage(r);
        gate.observe(u.percent(), u.regainIn() != null ? u.regainIn() : u.resetIn(), pauseWhenFull);
        if (r.statusCode() == 200) {
            JsonNode body = PlatformHttp.parse(r.body(), what);
            if (body.has("error")) {
                throw raise(classify(body.get("error"), r, what, stats, gate, u));
            }
            return body;
        }
        JsonNode error = null;
        try {
            error = PlatformHttp.JSON.readTree(r.body()).get("error");
        } catch (Exception ignored) {
            // not JSON: judged by the status alone
        }
        if (error != null && error.isObject()) {
            throw raise(classify(error, r, what, stats, gate, u));
        }
        if (r.statusCode() == 429) {
            stats.throttled();
            throw RetryableException.throttled(what + ": HTTP 429", PlatformHttp.retryAfter(r));
        }
        if (r.statusCode() >= 500) {
            throw RetryableException.of(what + ": HTTP " + r.statusCode());
        }
        throw new PlatformException.Transient(what + ": HTTP " + r.statusCode() + " without a Graph API error", null);
    }

    /** Meta timed out on the amount of data asked for: the same request will fail again; a smaller range may not. */
    static final class RangeTooLarge extends RuntimeException {
        RangeTooLarge(String message) {
            super(message);
        }
    }

    private static PlatformException raise(Exception e) throws RetryableException {
        if (e instanceof RetryableException r) {
            throw r;
        }
        if (e instanceof RangeTooLarge t) {
            throw t;
        }
        return (PlatformException) e;
    }

    private static Exception classify(JsonNode e, HttpResponse<String> r, String what, ReadStats stats, UsageGate gate,
            Usage u) {
        int code = e.path("code").asInt(0);
        int sub = e.path("error_subcode").asInt(0);
        String desc = what + ": Graph API error " + code + (sub != 0 ? "/" + sub : "") + " (" + e.path("message").asText()
                + ", fbtrace_id " + e.path("fbtrace_id").asText("-") + ")";
        if (THROTTLE_CODES.contains(code)) {
            stats.throttled();
            Duration wait = u.regainIn() != null ? u.regainIn()
                    : u.percent() >= 100 && u.resetIn() != null ? u.resetIn() : PlatformHttp.retryAfter(r);
            if (wait != null) {
                gate.hold(wait);
            }
            return RetryableException.throttled(desc, wait);
        }
        if ((code == 100 && sub == 1504018) || (code == 2 && sub == 1504038)) {
            return new RangeTooLarge(desc);
        }
        if (code == 190 || code == 102 || code == 10 || (code >= 200 && code <= 299)) {
            return new PlatformException.Permanent(desc + ": authorize the Meta connection again", null);
        }
        if (code == 1 || code == 2 || code < 0 || e.path("is_transient").asBoolean(false) || r.statusCode() >= 500) {
            return RetryableException.of(desc);
        }
        return new PlatformException.Transient(desc, null);
    }
}
