package ai.omnify.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackfillTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> auth = Collections.synchronizedList(new ArrayList<>());
    private volatile int status = 200;

    /** A fake ingest: rejects every body line containing "bad", answering its 1-based line in the body. */
    @BeforeEach
    void startFakeIngest() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/ingest/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            auth.add(ex.getRequestHeaders().getFirst("Authorization"));
            boolean csv = ex.getRequestHeaders().getFirst("Content-Type").startsWith("text/csv");
            String[] lines = body.split("\n");
            StringBuilder errors = new StringBuilder();
            int bad = 0;
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].contains("bad")) {
                    errors.append(bad++ == 0 ? "" : ",").append("{\"line\":").append(i + 1).append(",\"reason\":\"bad row\"}");
                }
            }
            int rows = lines.length - (csv ? 1 : 0);
            byte[] out = (status == 200
                    ? "{\"accepted\":" + (rows - bad) + ",\"rejected\":" + bad + ",\"errors\":[" + errors + "]}"
                    : "{\"error\":{\"code\":\"unauthorized\",\"message\":\"unknown API key\"}}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void shouldRepeatTheCsvHeaderOnEveryBatchAndReportRejectedRowsByFileLine() throws IOException {
        Path csv = dir.resolve("insights.csv");
        Files.writeString(csv, "date,spend,name\n2026-01-01,1,a\n\n2026-01-02,2,bad\n2026-01-03,3,\"multi\nline\"\n"
                + "2026-01-04,4,bad too\n2026-01-05,5,e\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int rc = Backfill.run(new String[] {"--platform", "meta", "--file", csv.toString(), "--api-key", "omk_x",
                "--ingest-url", url(), "--batch-rows", "2"}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(rc).isEqualTo(1);
        assertThat(bodies).containsExactly(
                "date,spend,name\n2026-01-01,1,a\n2026-01-02,2,bad\n",
                "date,spend,name\n2026-01-03,3,\"multi\nline\"\n2026-01-04,4,bad too\n",
                "date,spend,name\n2026-01-05,5,e\n");
        assertThat(auth).containsOnly("Bearer omk_x");
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("5 / 5 rows", "4 accepted, 2 rejected", "  line 4: bad row", "  line 7: bad row");
    }

    @Test
    void shouldSendNdjsonInOneBatchAndExitZeroWhenAllAccepted() throws IOException {
        Path nd = dir.resolve("orders.ndjson");
        Files.writeString(nd, "{\"a\":1}\n{\"a\":2}\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int rc = Backfill.run(new String[] {"--platform", "shopify", "--file", nd.toString(), "--api-key", "k",
                "--default-ingest-url", url()}, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(rc).isZero();
        assertThat(bodies).containsExactly("{\"a\":1}\n{\"a\":2}\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("2 accepted, 0 rejected");
    }

    @Test
    void shouldStopOnAnUnauthorizedKeyWithTheServersMessage() throws IOException {
        status = 401;
        Path nd = dir.resolve("x.jsonl");
        Files.writeString(nd, "{\"a\":1}\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int rc = Backfill.run(new String[] {"--platform", "google", "--file", nd.toString(), "--api-key", "nope",
                "--ingest-url", url()}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(rc).isEqualTo(3);
        assertThat(bodies).hasSize(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("HTTP 401: unknown API key", "check --api-key");
    }

    @Test
    void shouldRejectUsageErrorsWithExitTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);

        assertThat(Backfill.run(new String[] {"--platform", "myspace", "--file", "a.csv", "--api-key", "k"}, System.out, e)).isEqualTo(2);
        assertThat(Backfill.run(new String[] {"--platform", "meta", "--file", "a.txt", "--api-key", "k"}, System.out, e)).isEqualTo(2);
        assertThat(Backfill.run(new String[] {"--platform", "meta", "--file", dir.resolve("missing.csv").toString(), "--api-key", "k"},
                System.out, e)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("--platform must be one of meta, google, tiktok, shopify (got 'myspace')")
                .contains("name it .csv")
                .contains("no such file");
    }

    @Test
    void shouldMapBodyLinesBackToFileLinesAcrossQuotedNewlines() throws IOException {
        String csv = "h1,h2\n1,\"a\nb\"\n2,c\n";
        try (Backfill.BatchReader r = new Backfill.BatchReader(new BufferedReader(new StringReader(csv)), Backfill.Format.CSV, 10)) {
            Backfill.Batch b = r.next();
            assertThat(b.rows()).isEqualTo(2);
            assertThat(b.fileLines()).containsExactly(1, 2, 3, 4);
            assertThat(r.next()).isNull();
        }
    }
}
