package ai.omnify.simulator.cli;

import ai.omnify.model.Platform;
import ai.omnify.simulator.fakes.FakePlatforms;
import ai.omnify.simulator.http.SimulatorServer;
import ai.omnify.simulator.ingest.Feeder;
import ai.omnify.simulator.ingest.IngestClient;
import ai.omnify.simulator.ingest.IngestException;
import ai.omnify.simulator.status.SendStatus;
import ai.omnify.simulator.status.StatusRoutes;
import ai.omnify.simulator.stream.FeedSlice;
import ai.omnify.simulator.stream.FeedStream;
import ai.omnify.simulator.stream.SyntheticBrand;
import ai.omnify.simulator.truth.GroundTruth;
import ai.omnify.simulator.truth.GroundTruthWriter;
import io.javalin.Javalin;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code run}: the status server, the history sent day by day, then live ticks until stopped. */
final class SimulationRunner {
    private static final Logger log = LoggerFactory.getLogger(SimulationRunner.class);

    private final RunOptions options;
    private final Clock clock;
    private final SendStatus status;
    private FeedStream stream;
    private GroundTruth truth;
    private Feeder feeder;

    SimulationRunner(RunOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
        this.status = new SendStatus(clock, options.ingestUrl().toString(), options.orgId(), options.seed());
    }

    int run() {
        Instant start = clock.instant();
        SyntheticBrand brand = SyntheticBrand.create(options.simulation(start));
        // the fake Meta, Google Ads, TikTok and Shopify APIs serve the same brand beside the status
        Javalin server = SimulatorServer.create(List.of(new StatusRoutes(status), new FakePlatforms(brand, clock),
                // the fake OpenAI-compatible API for the brain's texts: OPENAI_BASE_URL=http://<host>:<port>/v1
                new ai.omnify.simulator.fakes.openai.FakeOpenAi(),
                // and the fake Anthropic Messages API: ANTHROPIC_BASE_URL=http://<host>:<port>
                new ai.omnify.simulator.fakes.anthropic.FakeAnthropic()));
        try {
            server.start(options.host(), options.port());
        } catch (RuntimeException e) {
            log.error("cannot serve the status on {}:{} ({}): pass a free port with --port or SIMULATOR_PORT",
                    options.host(), options.port(), rootMessage(e));
            return 1;
        }
        log.info("status on http://{}:{}/api/v1/status", options.host(), server.port());
        try {
            stream = brand.stream();
            truth = new GroundTruth();
            feeder = new Feeder(IngestClient.create(options.ingestUrl(), options.apiKey()), status, options.batchRows());
            if (!sendHistory()) {
                return 1;
            }
            if (!writeTruth()) {
                return 1;
            }
            if (!options.live()) {
                status.state("done");
                return 0;
            }
            return live();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            log.info("stopped during the history");
            return 0;
        } finally {
            server.stop();
        }
    }

    private boolean sendHistory() throws InterruptedException {
        int days = stream.historyDays();
        status.historyStarted(days);
        long start = System.nanoTime();
        long lines = 0;
        int done = 0;
        log.info("sending {} days of history and today so far ({} UTC days, seed {}) to {}", options.days(), days,
                options.seed(), options.ingestUrl());
        while (stream.hasMoreHistory()) {
            FeedSlice slice = stream.nextHistoryDay();
            truth.accept(slice);
            try {
                feeder.send(slice);
            } catch (IngestException e) {
                status.error(e.getMessage());
                status.state("failed");
                log.error("{}", e.getMessage());
                return false;
            }
            lines += slice.size();
            done++;
            status.historyDayDone(slice.until());
            double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
            log.info("history {}/{} UTC days ({}): {} lines sent, {} lines/s", done, days, slice.label(),
                    String.format("%,d", lines), String.format("%,.0f", lines / seconds));
        }
        SendStatus.View v = status.view();
        long rejected = v.platforms().values().stream().mapToLong(SendStatus.PlatformView::rejected).sum();
        long expected = v.platforms().values().stream().mapToLong(SendStatus.PlatformView::expectedRejections).sum();
        log.info("history sent in {} s: {} lines (meta {}, google {}, tiktok {}, shopify {}); {} rejected, {} bad "
                        + "on purpose; {} batches whose rejections differed from the intended bad rows",
                String.format("%.1f", (System.nanoTime() - start) / 1e9), lines, lines(v, Platform.META),
                lines(v, Platform.GOOGLE), lines(v, Platform.TIKTOK), lines(v, Platform.SHOPIFY), rejected, expected,
                v.rejectionMismatches());
        return true;
    }

    private static long lines(SendStatus.View v, Platform p) {
        return v.platforms().get(p.wire()).lines();
    }

    private int live() {
        Thread self = Thread.currentThread();
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stopping.set(true);
            self.interrupt();
            try {
                finished.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, "simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        log.info("live: a tick every {} ms, a full poll every {} s; Ctrl-C to stop", options.tick().toMillis(),
                options.restateEvery().toSeconds());
        int code = 0;
        try {
            Instant lastFull = null;
            long next = clock.millis();
            while (!stopping.get()) {
                next += options.tick().toMillis();
                long wait = next - clock.millis();
                if (wait > 0) {
                    Thread.sleep(wait);
                } else {
                    next = clock.millis();
                }
                Instant at = clock.instant();
                boolean full = lastFull == null || !Duration.between(lastFull, at).minus(options.restateEvery()).isNegative();
                FeedSlice slice = stream.tick(at, full);
                truth.accept(slice);
                status.liveTick(at);
                try {
                    feeder.send(slice);
                } catch (IngestException e) {
                    status.error(e.getMessage());
                    if (!e.retryable()) {
                        log.error("{}", e.getMessage());
                        code = 1;
                        break;
                    }
                    log.warn("{}; {} lines queued for the next tick", e.getMessage(), feeder.pendingLines());
                }
                if (full) {
                    lastFull = at;
                    writeTruth();
                }
            }
        } catch (InterruptedException e) {
            log.info("stopping");
        } finally {
            Thread.interrupted();
            writeTruth();
            status.state(code == 0 ? "stopped" : "failed");
            if (feeder.pendingLines() > 0) {
                log.warn("{} lines were never taken by the ingest service (the ground truth includes them)",
                        feeder.pendingLines());
            }
            finished.countDown();
            if (!stopping.get()) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException ignored) {
                    // already shutting down
                }
            }
        }
        return code;
    }

    /** Writes the ground truth when asked for; false when it could not be written. */
    private boolean writeTruth() {
        if (options.groundTruth() == null) {
            return true;
        }
        try {
            GroundTruthWriter.write(options.groundTruth(), stream, truth);
            return true;
        } catch (IOException | RuntimeException e) {
            String msg = "cannot write the ground truth to " + options.groundTruth() + " (" + rootMessage(e)
                    + "): pass a writable directory with --ground-truth";
            log.error("{}", msg);
            status.error(msg);
            return false;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable r = e;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r.getClass().getSimpleName() + (r.getMessage() == null ? "" : ": " + r.getMessage());
    }
}
