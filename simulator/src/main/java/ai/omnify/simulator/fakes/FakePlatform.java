package ai.omnify.simulator.fakes;

import ai.omnify.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/** What every fake platform has: its truth, faults, a call allowance, counters, and JSON helpers. */
public abstract class FakePlatform {
    protected final FakeTruth truth;
    protected final Faults faults = new Faults();
    protected final FakeStats stats = new FakeStats();
    protected final WindowQuota quota;
    protected final Clock clock;

    protected FakePlatform(FakeTruth truth, Clock clock) {
        this.truth = truth;
        this.clock = clock;
        this.quota = new WindowQuota(Clock.systemUTC(), 0, 1000);
    }

    /** {@code meta}, {@code google}, {@code tiktok}, {@code shopify}: the path prefix and the admin name. */
    public abstract String name();

    public abstract void addTo(RoutesConfig routes);

    public Faults faults() {
        return faults;
    }

    public FakeStats stats() {
        return stats;
    }

    /** Allow at most {@code limit} calls per {@code windowMillis} (0: unlimited). */
    public void limit(int limit, long windowMillis) {
        quota.set(limit, windowMillis);
    }

    /** Sleeps for a SLOW fault. */
    protected static void delay(Faults.Fault f) {
        if (f != null && f.mode() == Faults.Mode.SLOW) {
            try {
                Thread.sleep(f.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    protected static void json(Context ctx, int status, Object body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    /** A page cut off in the middle: what a MALFORMED fault serves. */
    protected static void malformed(Context ctx, Object body) {
        String s = Json.write(body);
        ctx.status(200).contentType("application/json").result(s.substring(0, Math.max(1, s.length() / 2)));
    }

    protected static String encodeCursor(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    protected static String decodeCursor(String s) {
        try {
            return new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    protected static JsonNode readJson(String s) {
        try {
            return Json.mapper().readTree(s);
        } catch (Exception e) {
            return null;
        }
    }
}
