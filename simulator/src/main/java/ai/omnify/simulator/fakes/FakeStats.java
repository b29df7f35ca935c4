package ai.omnify.simulator.fakes;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** What one fake platform answered: data requests, refusals for going too fast (quota), faults served. */
public final class FakeStats {
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger quotaRefusals = new AtomicInteger();
    private final AtomicInteger faultRefusals = new AtomicInteger();
    private final AtomicInteger authFailures = new AtomicInteger();

    public void request() {
        requests.incrementAndGet();
    }

    public void quotaRefused() {
        quotaRefusals.incrementAndGet();
    }

    public void faultRefused() {
        faultRefusals.incrementAndGet();
    }

    public void authFailed() {
        authFailures.incrementAndGet();
    }

    public int requests() {
        return requests.get();
    }

    /** Requests refused because the client went faster than the allowance (429 or the platform's own signal). */
    public int quotaRefusals() {
        return quotaRefusals.get();
    }

    /** Refusals served by an armed THROTTLE fault. */
    public int faultRefusals() {
        return faultRefusals.get();
    }

    public int authFailures() {
        return authFailures.get();
    }

    public Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requests", requests());
        m.put("quotaRefusals", quotaRefusals());
        m.put("faultRefusals", faultRefusals());
        m.put("authFailures", authFailures());
        return m;
    }
}
