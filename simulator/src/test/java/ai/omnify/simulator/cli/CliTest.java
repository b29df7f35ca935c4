package ai.omnify.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.simulator.ingest.FakeIngest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true,
                StandardCharsets.UTF_8), env, Clock.systemUTC()).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everyCommandHasHelp() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out()).contains("Commands:").contains("run").contains("generate");
        assertThat(run(Map.of(), "run", "--help")).isZero();
        assertThat(out()).contains("--ingest-url URL").contains("--no-live").contains("--batch-rows");
        assertThat(run(Map.of(), "generate", "-h")).isZero();
        assertThat(out()).contains("--out DIR");
        assertThat(run(Map.of(), "help", "generate")).isZero();
        assertThat(run(Map.of(), "fakes", "--help")).isZero();
        assertThat(out()).contains("/shopify (Admin GraphQL)").contains("--port N");
        assertThat(run(Map.of(), "help", "fakes")).isZero();
    }

    @Test
    void fakesRefusesABadOption() {
        assertThat(run(Map.of(), "fakes", "--days", "0")).isEqualTo(2);
        assertThat(err()).contains("--days=0 is out of range");
    }

    @Test
    void fakesSendsWebhooksOnlyWithAUrlAndTheSecretFromTheEnvironment() {
        assertThat(run(Map.of(), "fakes", "--webhook-url", "http://127.0.0.1:7071/webhooks/shopify", "--port", "0"))
                .isEqualTo(2);
        assertThat(err()).contains("set SHOPIFY_WEBHOOK_SECRET");
        assertThat(run(Map.of(), "fakes", "--webhook-retries", "3", "--port", "0")).isEqualTo(2);
        assertThat(err()).contains("--webhook-retries needs --webhook-url");
        assertThat(run(Map.of("SHOPIFY_WEBHOOK_SECRET", "s"), "fakes", "--webhook-url", "ftp://x",
                "--port", "0")).isEqualTo(2);
        assertThat(err()).contains("is not an http(s) URL");
        assertThat(run(Map.of("SHOPIFY_WEBHOOK_SECRET", "s"), "fakes", "--webhook-url", "http://127.0.0.1:1/w",
                "--webhook-duplicates", "2", "--port", "0")).isEqualTo(2);
        assertThat(err()).contains("duplicate share must be from 0 to 1");
    }

    @Test
    void anUnknownOptionPrintsTheUsageAndExitsWithTwo() {
        assertThat(run(Map.of(), "run", "--api-key", "k", "--org-id", "o", "--bogus")).isEqualTo(2);
        assertThat(err()).contains("error: unknown option --bogus").contains("Usage: java -jar");
    }

    @Test
    void wrongUsageSaysWhatToDo() {
        assertThat(run(Map.of())).isEqualTo(2);
        assertThat(run(Map.of(), "launch")).isEqualTo(2);
        assertThat(err()).contains("unknown command 'launch'");
        assertThat(run(Map.of(), "run", "--org-id", "o")).isEqualTo(2);
        assertThat(err()).contains("missing --api-key").contains("OMNIFY_API_KEY");
        assertThat(run(Map.of(), "run", "--api-key", "k", "--org-id", "o", "--days", "0")).isEqualTo(2);
        assertThat(err()).contains("--days=0 is out of range");
        assertThat(run(Map.of(), "run", "--api-key", "k", "--org-id", "o", "--tick", "soon")).isEqualTo(2);
        assertThat(err()).contains("is not a duration");
        assertThat(run(Map.of(), "run", "--api-key", "k", "--org-id", "o", "--ingest-url", "localhost")).isEqualTo(2);
        assertThat(err()).contains("is not an http(s) URL");
        assertThat(run(Map.of(), "generate", "--out", "/tmp/x", "--now", "yesterday")).isEqualTo(2);
        assertThat(err()).contains("--now yesterday is not an instant");
        assertThat(run(Map.of(), "generate")).isEqualTo(2);
        assertThat(err()).contains("missing --out");
    }

    @Test
    void generateWritesTheFeedAndTheGroundTruth(@TempDir Path dir) throws Exception {
        int code = run(Map.of(), "generate", "--out", dir.toString(), "--days", "3", "--seed", "9",
                "--now", "2026-11-25T12:00:00Z", "--org-id", "org-9");
        assertThat(code).as(err()).isZero();
        assertThat(out()).contains("generated 3 history days");
        for (Platform p : Platform.values()) {
            assertThat(dir.resolve("feed/" + p.wire() + ".ndjson")).isNotEmptyFile();
        }
        for (String f : List.of("ad-snapshots.csv", "orders.ndjson", "bad-rows.ndjson", "catalog.json",
                "incidents.json", "summary.json", "README.txt")) {
            assertThat(dir.resolve("truth/" + f)).exists();
        }
        for (String badLine : Files.readAllLines(dir.resolve("truth/bad-rows.ndjson"))) {
            JsonNode bad = Json.mapper().readTree(badLine);
            List<String> feed = Files.readAllLines(dir.resolve("feed/" + bad.get("platform").asText() + ".ndjson"));
            assertThat(feed.get(bad.get("line").asInt() - 1)).isEqualTo(bad.get("raw").asText());
        }
        JsonNode summary = Json.mapper().readTree(dir.resolve("truth/summary.json").toFile());
        assertThat(Files.readAllLines(dir.resolve("feed/meta.ndjson"))).hasSize(summary.at("/linesSent/meta").asInt());
        assertThat(Files.readAllLines(dir.resolve("truth/ad-snapshots.csv"))).hasSize(summary.get("snapshots").asInt() + 1);
    }

    @Test
    void runWithoutLiveSendsTheHistoryAndWritesTheTruth(@TempDir Path dir) throws Exception {
        try (FakeIngest ingest = new FakeIngest()) {
            int code = run(Map.of(), "run", "--ingest-url", ingest.url().toString(), "--api-key", FakeIngest.KEY,
                    "--org-id", "org-run", "--days", "2", "--no-live", "--ground-truth", dir.toString(),
                    "--port", "0", "--batch-rows", "700");
            assertThat(code).as(err()).isZero();
            JsonNode summary = Json.mapper().readTree(dir.resolve("summary.json").toFile());
            for (Platform p : Platform.values()) {
                assertThat(ingest.received(p)).hasSize(summary.at("/linesSent/" + p.wire()).asInt());
            }
            assertThat(dir.resolve("ad-snapshots.csv")).isNotEmptyFile();
        }
    }

    @Test
    void runFailsWithExitOneWhenTheKeyIsRefused() throws Exception {
        try (FakeIngest ingest = new FakeIngest()) {
            int code = run(Map.of(), "run", "--ingest-url", ingest.url().toString(), "--api-key", "omk_nope",
                    "--org-id", "org-run", "--days", "1", "--no-live", "--port", "0");
            assertThat(code).isEqualTo(1);
        }
    }
}
