package ai.omnify.simulator.cli;

import ai.omnify.simulator.config.SimulatorConfig;
import ai.omnify.simulator.fakes.FakePlatforms;
import ai.omnify.simulator.fakes.google.FakeGoogleAds;
import ai.omnify.simulator.fakes.meta.FakeMeta;
import ai.omnify.simulator.fakes.shopify.FakeShopify;
import ai.omnify.simulator.fakes.tiktok.FakeTikTok;
import ai.omnify.simulator.stream.SimulationConfig;
import ai.omnify.simulator.stream.SyntheticBrand;
import ai.omnify.model.Platform;
import ai.omnify.model.config.Env;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * {@code fakes}: only the fake platform APIs (no feeding of the ingest endpoint), serving the brand live at the wall
 * clock, for the real platform clients to poll. Prints the environment that points the clients at them.
 */
final class FakesCommand {
    static final Set<String> VALUED = Set.of("--days", "--seed", "--org-id", "--port", "--ground-truth");

    private FakesCommand() {}

    static int run(Args a, Map<String, String> env, PrintStream out, Clock clock) throws UsageException {
        SimulatorConfig config;
        try {
            config = SimulatorConfig.fromEnv(env);
        } catch (Env.ConfigException e) {
            throw new UsageException("fakes", e.getMessage());
        }
        int days = a.integer("--days", 90, 1, SimulationConfig.MAX_DAYS);
        long seed = a.longValue("--seed", 42);
        int port = a.integer("--port", config.port(), 0, 65535);
        String org = a.string("--org-id", config.orgId());
        SyntheticBrand brand = SyntheticBrand.create(SimulationConfig.of(seed, days, clock.instant(), org));
        FakePlatforms fakes;
        try {
            fakes = FakePlatforms.start(brand, clock, config.host(), port);
        } catch (RuntimeException e) {
            out.println("error: cannot serve on " + config.host() + ":" + port + " (" + e.getMessage()
                    + "): pass a free port with --port or SIMULATOR_PORT");
            return 1;
        }
        String truthDir = a.string("--ground-truth", null);
        if (truthDir != null) {
            try {
                FakesTruthFiles.write(fakes, java.nio.file.Path.of(truthDir), org);
            } catch (java.io.IOException | RuntimeException e) {
                fakes.stop();
                out.println("error: cannot write the ground truth to " + truthDir + " (" + e.getMessage()
                        + "): pass a writable directory with --ground-truth");
                return 1;
            }
            out.println("ground truth and connections in " + truthDir);
        }
        String base = "http://" + config.host() + ":" + fakes.baseUrl().substring(fakes.baseUrl().lastIndexOf(':') + 1);
        out.println("fake platforms serving " + brand.catalog().brandName() + " (" + days + " days, seed " + seed
                + ") on " + base);
        fakes.clientEnv(base).forEach((k, v) -> out.println("export " + k + "=" + v));
        out.println("export GOOGLE_ADS_CLIENT_ID=" + FakeGoogleAds.CLIENT_ID);
        out.println("export GOOGLE_ADS_CLIENT_SECRET=" + FakeGoogleAds.CLIENT_SECRET);
        out.println("# connections: meta " + brand.catalog().account(Platform.META).accountId() + " access_token="
                + FakeMeta.TOKEN + "; google " + brand.catalog().account(Platform.GOOGLE).accountId()
                + " refresh_token=" + FakeGoogleAds.REFRESH_TOKEN + " login_customer_id=" + FakeGoogleAds.MANAGER_ID
                + "; tiktok " + brand.catalog().account(Platform.TIKTOK).accountId() + " access_token="
                + FakeTikTok.TOKEN + "; shopify " + brand.catalog().store().domain() + " access_token="
                + FakeShopify.TOKEN);
        out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            fakes.stop();
            stop.countDown();
        }));
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fakes.stop();
        }
        return 0;
    }
}
