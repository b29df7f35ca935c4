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
import ai.omnify.config.Env;
import ai.omnify.simulator.webhooks.BrandOrderVersions;
import ai.omnify.simulator.webhooks.ShopifyWebhookConfig;
import ai.omnify.simulator.webhooks.ShopifyWebhookSender;
import ai.omnify.simulator.webhooks.WebhookTruthFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * {@code fakes}: only the fake platform APIs (no feeding of the ingest endpoint), serving the brand live at the wall
 * clock, for the real platform clients to poll. Prints the environment that points the clients at them. With
 * {@code --webhook-url} it also sends the store's Shopify webhooks for orders created from its start on
 * ({@link ShopifyWebhookSender}); with {@code --incidents} the brand carries the standard incident plan.
 */
final class FakesCommand {
    static final Set<String> VALUED = Set.of("--days", "--seed", "--org-id", "--port", "--ground-truth",
            "--webhook-url", "--webhook-duplicates", "--webhook-window", "--webhook-retries");
    static final Set<String> SWITCHES = Set.of("--incidents");

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
        SimulationConfig simulation = SimulationConfig.of(seed, days, clock.instant(), org);
        if (a.has("--incidents")) {
            simulation = simulation.withStandardIncidents();
        }
        SyntheticBrand brand = SyntheticBrand.create(simulation);
        ShopifyWebhookConfig webhooks = webhookConfig(a, env, seed, brand.catalog().store().domain());
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
        ShopifyWebhookSender sender = null;
        ScheduledExecutorService truthWriter = null;
        if (webhooks != null) {
            sender = new ShopifyWebhookSender(webhooks, new BrandOrderVersions(brand, simulation.now()), clock,
                    simulation.now()).start(Duration.ofSeconds(1));
            out.println("sending the store's Shopify webhooks (orders created from now on) to " + webhooks.url() + ": "
                    + Math.round(webhooks.duplicateShare() * 100) + " % twice, shuffled within "
                    + webhooks.shuffleWindow().toMillis() + " ms, up to " + webhooks.maxRetries() + " retries"
                    + (truthDir == null ? "" : "; truth in " + truthDir + "/webhook-orders.csv"));
            if (truthDir != null) {
                truthWriter = truthWriter(sender, webhooks, Path.of(truthDir));
            }
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
        ShopifyWebhookSender webhookSender = sender;
        ScheduledExecutorService writer = truthWriter;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopWebhooks(webhookSender, writer, webhooks, truthDir);
            fakes.stop();
            stop.countDown();
        }));
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopWebhooks(webhookSender, writer, webhooks, truthDir);
            fakes.stop();
        }
        return 0;
    }

    /** The webhook sender's settings from the options; null without {@code --webhook-url}. */
    static ShopifyWebhookConfig webhookConfig(Args a, Map<String, String> env, long seed, String shop)
            throws UsageException {
        String url = a.string("--webhook-url", null);
        if (url == null) {
            for (String o : List.of("--webhook-duplicates", "--webhook-window", "--webhook-retries")) {
                if (a.string(o, null) != null) {
                    throw new UsageException("fakes", o + " needs --webhook-url (where to send the webhooks)");
                }
            }
            return null;
        }
        String secret = env.get("SHOPIFY_WEBHOOK_SECRET");
        if (secret == null || secret.isBlank()) {
            throw new UsageException("fakes", "--webhook-url needs the app secret the webhooks are signed with: set "
                    + "SHOPIFY_WEBHOOK_SECRET (the same value the ingest service has)");
        }
        double share;
        try {
            share = Double.parseDouble(a.string("--webhook-duplicates", "0.05"));
        } catch (NumberFormatException e) {
            throw new UsageException("fakes", "--webhook-duplicates must be a share from 0 to 1, e.g. 0.05");
        }
        Duration window = a.duration("--webhook-window", Duration.ofSeconds(10), Duration.ZERO);
        int retries = a.integer("--webhook-retries", 8, 0, 20);
        try {
            ShopifyWebhookConfig c = ShopifyWebhookConfig.of(URI.create(url), secret, shop, seed);
            return c.withDuplicates(share, window).withRetries(retries, c.firstRetry(), c.maxRetryWait());
        } catch (IllegalArgumentException e) {
            throw new UsageException("fakes", e.getMessage());
        }
    }

    private static ScheduledExecutorService truthWriter(ShopifyWebhookSender sender, ShopifyWebhookConfig config,
            Path dir) {
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "webhook-truth");
            t.setDaemon(true);
            return t;
        });
        long[] written = {-1};
        writer.scheduleWithFixedDelay(() -> {
            long changes = sender.changes();
            if (changes != written[0]) {
                try {
                    WebhookTruthFiles.write(dir, sender, config);
                    written[0] = changes;
                } catch (IOException | RuntimeException e) {
                    LoggerFactory.getLogger(FakesCommand.class).warn("cannot write the webhook truth to {}: {}", dir,
                            e.toString());
                }
            }
        }, 0, 5, TimeUnit.SECONDS);
        return writer;
    }

    private static void stopWebhooks(ShopifyWebhookSender sender, ScheduledExecutorService writer,
            ShopifyWebhookConfig config, String truthDir) {
        if (sender == null) {
            return;
        }
        sender.close();
        if (writer != null) {
            writer.shutdownNow();
        }
        if (truthDir != null) {
            try {
                WebhookTruthFiles.write(Path.of(truthDir), sender, config);
            } catch (IOException | RuntimeException e) {
                LoggerFactory.getLogger(FakesCommand.class).warn("cannot write the webhook truth to {}: {}", truthDir,
                        e.toString());
            }
        }
    }
}
