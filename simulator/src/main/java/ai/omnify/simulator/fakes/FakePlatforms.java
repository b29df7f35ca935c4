package ai.omnify.simulator.fakes;

import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.simulator.fakes.google.FakeGoogleAds;
import ai.omnify.simulator.fakes.meta.FakeMeta;
import ai.omnify.simulator.fakes.shopify.FakeShopify;
import ai.omnify.simulator.fakes.tiktok.FakeTikTok;
import ai.omnify.simulator.http.SimulatorServer;
import ai.omnify.simulator.stream.SyntheticBrand;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fake ad platforms and store, serving the synthetic brand through the platforms' own shapes on loopback: Meta
 * under {@code /meta}, Google Ads under {@code /google} (OAuth token endpoint at {@code /google/token}), TikTok under
 * {@code /tiktok}, Shopify under {@code /shopify}. Runtime controls: {@code POST /fake/<platform>/faults}
 * ({@code {"mode":"throttle|error_5xx|slow|expired_token|malformed|async_fail|async_stuck|too_much_data","after":N,"count":N,
 * "delayMs":N}}), {@code DELETE /fake/<platform>/faults}, {@code POST /fake/<platform>/limit}
 * ({@code {"limit":N,"windowMs":N}}), {@code GET /fake/<platform>/stats}.
 *
 * <p>Either added to the simulator's own server ({@link #addTo}) or started alone ({@link #start}, port 0 in tests).
 */
public final class FakePlatforms implements SimulatorServer.Routes {
    private final FakeTruth truth;
    private final Map<Platform, FakePlatform> fakes = new EnumMap<>(Platform.class);
    private Javalin server;

    public FakePlatforms(SyntheticBrand brand, Clock clock) {
        this.truth = new FakeTruth(brand, clock);
        fakes.put(Platform.META, new FakeMeta(truth, clock));
        fakes.put(Platform.GOOGLE, new FakeGoogleAds(truth, clock));
        fakes.put(Platform.TIKTOK, new FakeTikTok(truth, clock));
        fakes.put(Platform.SHOPIFY, new FakeShopify(truth, clock));
    }

    /** Starts a server of its own (with a health route) on {@code host}:{@code port} (0: any free port). */
    public static FakePlatforms start(SyntheticBrand brand, Clock clock, String host, int port) {
        FakePlatforms f = new FakePlatforms(brand, clock);
        // the fake OpenAI-compatible API rides along, so the demo's brain gets its texts from here too (/v1/...)
        f.server = SimulatorServer.create(List.of(f, new ai.omnify.simulator.fakes.openai.FakeOpenAi(),
                        new ai.omnify.simulator.fakes.anthropic.FakeAnthropic(),
                        r -> r.get("/health", ctx -> ctx.json(Map.of("status", "ok")))))
                .start(host, port);
        return f;
    }

    public void stop() {
        if (server != null) {
            server.stop();
        }
    }

    /** The base URL of the server this was started on. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** Environment variables pointing the platform clients at these fakes (base URLs). */
    public Map<String, String> clientEnv(String baseUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("META_API_BASE_URL", baseUrl + "/meta");
        env.put("GOOGLE_ADS_API_BASE_URL", baseUrl + "/google");
        env.put("GOOGLE_OAUTH_TOKEN_URL", baseUrl + "/google/token");
        env.put("TIKTOK_API_BASE_URL", baseUrl + "/tiktok");
        env.put("SHOPIFY_API_BASE_URL", baseUrl + "/shopify");
        return env;
    }

    public FakeTruth truth() {
        return truth;
    }

    public FakePlatform fake(Platform p) {
        FakePlatform f = fakes.get(p);
        if (f == null) {
            throw new IllegalArgumentException("no fake for " + p.wire());
        }
        return f;
    }

    public FakeMeta meta() {
        return (FakeMeta) fake(Platform.META);
    }

    public FakeGoogleAds google() {
        return (FakeGoogleAds) fake(Platform.GOOGLE);
    }

    public FakeTikTok tiktok() {
        return (FakeTikTok) fake(Platform.TIKTOK);
    }

    public FakeShopify shopify() {
        return (FakeShopify) fake(Platform.SHOPIFY);
    }

    @Override
    public void addTo(RoutesConfig routes) {
        fakes.values().forEach(f -> f.addTo(routes));
        routes.post("/fake/{platform}/faults", this::arm);
        routes.delete("/fake/{platform}/faults", ctx -> {
            platform(ctx).faults().clear();
            ctx.status(204);
        });
        routes.post("/fake/{platform}/limit", ctx -> {
            JsonNode b = Json.mapper().readTree(ctx.body());
            platform(ctx).limit(b.path("limit").asInt(0), b.path("windowMs").asLong(1000));
            ctx.status(204);
        });
        routes.get("/fake/{platform}/stats", ctx -> ctx.json(platform(ctx).stats().view()));
    }

    private FakePlatform platform(Context ctx) {
        Platform p = Platform.parse(ctx.pathParam("platform")).orElseThrow(() -> new IllegalArgumentException(
                "unknown platform '" + ctx.pathParam("platform") + "': use meta, google, tiktok or shopify"));
        return fake(p);
    }

    private void arm(Context ctx) throws Exception {
        JsonNode b = Json.mapper().readTree(ctx.body());
        if (b == null || !b.hasNonNull("mode")) {
            ctx.status(400).json(SimulatorServer.error("bad_request", "send {\"mode\":..., \"after\":N, \"count\":N, "
                    + "\"delayMs\":N}; count -1 keeps the fault until DELETE"));
            return;
        }
        Faults.Fault f;
        try {
            f = new Faults.Fault(Faults.Mode.parse(b.get("mode").asText()), b.path("after").asInt(0),
                    b.path("count").asInt(1), b.path("delayMs").asLong(0));
        } catch (IllegalArgumentException e) {
            ctx.status(400).json(SimulatorServer.error("bad_request", e.getMessage()));
            return;
        }
        platform(ctx).faults().arm(f);
        ctx.status(204);
    }
}
