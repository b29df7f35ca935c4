package ai.omnify.simulator.ingest;

import ai.omnify.model.Json;
import ai.omnify.model.Parsed;
import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.insight.InsightRules;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.model.order.OrderRules;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

/**
 * A stand-in for the ingest service on loopback (JDK HttpServer, port 0): checks the key, validates each line with the
 * model's rules as the real service does, answers counts and per-line reasons. Scripted failures come first.
 */
public final class FakeIngest implements AutoCloseable {
    public static final String KEY = "omk_testkey";

    private final HttpServer server;
    private final Map<Platform, List<String>> received = new EnumMap<>(Platform.class);
    private final Queue<Integer> scriptedStatus = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile long delayMillis;
    private volatile IntPredicate alsoReject = line -> false;
    private volatile boolean validate = true;

    public FakeIngest() throws IOException {
        for (Platform p : Platform.values()) {
            received.put(p, Collections.synchronizedList(new ArrayList<>()));
        }
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/api/v1/ingest/", this::handle);
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The next requests get these statuses (with nothing stored), in order. */
    public FakeIngest failNext(int... statuses) {
        for (int s : statuses) {
            scriptedStatus.add(s);
        }
        return this;
    }

    /** The next request stalls this long before anything is stored (then is dropped). */
    public FakeIngest stallNext(long millis) {
        this.delayMillis = millis;
        return this;
    }

    /** Reject, besides the invalid lines, lines whose 1-based number matches. */
    public FakeIngest alsoReject(IntPredicate lines) {
        this.alsoReject = lines;
        return this;
    }

    /** Accept every line without validating (to see bad rows go through). */
    public FakeIngest acceptEverything() {
        this.validate = false;
        return this;
    }

    public List<String> received(Platform p) {
        synchronized (received.get(p)) {
            return List.copyOf(received.get(p));
        }
    }

    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            long delay = delayMillis;
            if (delay > 0) {
                delayMillis = 0;
                sleep(delay);
                return;
            }
            Integer scripted = scriptedStatus.poll();
            if (scripted != null) {
                answer(ex, scripted, "{\"error\":{\"code\":\"unavailable\",\"message\":\"scripted failure\"}}");
                return;
            }
            if (!("Bearer " + KEY).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                answer(ex, 401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"unknown API key\"}}");
                return;
            }
            String name = ex.getRequestURI().getPath().substring("/api/v1/ingest/".length());
            Platform platform = Platform.parse(name).orElse(null);
            if (platform == null) {
                answer(ex, 404, "{\"error\":{\"code\":\"not_found\",\"message\":\"no platform " + name + "\"}}");
                return;
            }
            String[] lines = body.split("\n");
            List<Map<String, Object>> errors = new ArrayList<>();
            for (int i = 0; i < lines.length; i++) {
                String reason = validate ? reason(platform, lines[i]) : null;
                if (reason == null && alsoReject.test(i + 1)) {
                    reason = "rejected by the fake for the test";
                }
                if (reason != null) {
                    Map<String, Object> e = new LinkedHashMap<>();
                    e.put("line", i + 1);
                    e.put("reason", reason);
                    errors.add(e);
                }
            }
            received.get(platform).addAll(List.of(lines));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("received", lines.length);
            out.put("accepted", lines.length - errors.size());
            out.put("rejected", errors.size());
            out.put("errors", errors);
            answer(ex, 200, Json.write(out));
        }
    }

    static String reason(Platform platform, String line) {
        Instant now = Instant.now();
        if (platform == Platform.SHOPIFY) {
            Parsed<OrderEvent> p = Json.read(line, OrderEvent.class);
            if (!p.isOk()) {
                return p.error();
            }
            List<String> r = OrderRules.validate(OrderRules.withDefaults(p.value(), "ingest"), now);
            return r.isEmpty() ? null : String.join("; ", r);
        }
        Parsed<AdInsight> p = Json.read(line, AdInsight.class);
        if (!p.isOk()) {
            return p.error();
        }
        AdInsight in = p.value().withPlatform(platform);
        List<String> r = InsightRules.validate(InsightRules.withDefaults(in, now, "ingest"), now);
        return r.isEmpty() ? null : String.join("; ", r);
    }

    private static void answer(HttpExchange ex, int status, String json) throws IOException {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
