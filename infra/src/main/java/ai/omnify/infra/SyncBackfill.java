package ai.omnify.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * {@code infra/omnify backfill --connection ID --from DATE --to DATE --api-key KEY}: asks the query API to backfill a
 * connection ({@code POST /api/v1/sync/backfills}), then follows the run in {@code GET /api/v1/sync} (rows, pages
 * done/total) until it succeeds or fails. The ingest service's scheduler does the reading; a restart resumes it.
 *
 * <p>Exit status: 0 succeeded (or queued, with {@code --no-wait}), 1 the run failed, 2 usage error, 3 the API refused
 * or did not answer.
 */
public final class SyncBackfill {
    static final String USAGE = """
            usage: infra/omnify backfill --connection ID --from YYYY-MM-DD --to YYYY-MM-DD --api-key KEY
                                         [--api-url URL] [--no-wait]
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SyncBackfill() {}

    record Options(String connection, LocalDate from, LocalDate to, String apiKey, URI apiUrl, boolean follow) {
        static Options parse(String[] args) {
            String connection = null;
            String from = null;
            String to = null;
            String key = null;
            String url = "http://127.0.0.1:7070";
            boolean wait = true;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("--no-wait")) {
                    wait = false;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                String v = args[++i];
                switch (a) {
                    case "--connection" -> connection = v;
                    case "--from" -> from = v;
                    case "--to" -> to = v;
                    case "--api-key" -> key = v;
                    case "--api-url", "--default-api-url" -> url = v;
                    default -> throw new IllegalArgumentException("unknown option '" + a + "'");
                }
            }
            if (connection == null || !connection.matches("[0-9a-fA-F-]{36}")) {
                throw new IllegalArgumentException("--connection needs a connection id (GET /api/v1/connections lists them)");
            }
            if (key == null || key.isBlank()) {
                throw new IllegalArgumentException("--api-key KEY is required (a key with the admin scope)");
            }
            return new Options(connection, date("--from", from), date("--to", to), key.trim(),
                    URI.create(url.replaceAll("/+$", "")), wait);
        }

        private static LocalDate date(String option, String v) {
            if (v == null) {
                throw new IllegalArgumentException(option + " YYYY-MM-DD is required");
            }
            try {
                return LocalDate.parse(v);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(option + " must be a date YYYY-MM-DD (got '" + v + "')");
            }
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("omnify backfill: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            String body = JSON.writeValueAsString(Map.of("connectionId", o.connection(), "from", o.from().toString(),
                    "to", o.to().toString()));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(o.apiUrl() + "/api/v1/sync/backfills"))
                    .header("Authorization", "Bearer " + o.apiKey()).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 202) {
                err.println("omnify backfill: the API answered " + r.statusCode() + ": " + message(r.body()));
                return 3;
            }
            String runId = JSON.readTree(r.body()).path("id").asText();
            out.println("backfill " + runId + " of connection " + o.connection() + " queued (" + o.from() + " to " + o.to() + ")");
            if (!o.follow()) {
                return 0;
            }
            String last = "";
            Instant started = Instant.now();
            while (true) {
                Thread.sleep(2000);
                HttpResponse<String> s = http.send(HttpRequest.newBuilder(URI.create(o.apiUrl() + "/api/v1/sync/runs/" + runId))
                        .header("Authorization", "Bearer " + o.apiKey()).timeout(Duration.ofSeconds(30)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (s.statusCode() != 200) {
                    err.println("omnify backfill: GET /api/v1/sync/runs/" + runId + " answered " + s.statusCode() + ": "
                            + message(s.body()));
                    return 3;
                }
                JsonNode run = JSON.readTree(s.body());
                String state = run.path("state").asText();
                String line = state + ": " + run.path("rows").asLong() + " rows, page " + run.path("pagesDone").asInt()
                        + (run.path("pagesTotal").isNumber() ? " of " + run.path("pagesTotal").asInt() : "");
                if (!line.equals(last)) {
                    out.println(line + " (" + Duration.between(started, Instant.now()).toSeconds() + " s)");
                    last = line;
                }
                if (state.equals("succeeded")) {
                    return 0;
                }
                if (state.equals("failed")) {
                    err.println("omnify backfill: the run failed: " + run.path("error").asText("no reason recorded"));
                    return 1;
                }
            }
        } catch (ConnectException e) {
            err.println("omnify backfill: the query API at " + o.apiUrl() + " does not answer: start it (infra/omnify serve)"
                    + " or pass --api-url");
            return 3;
        } catch (IOException e) {
            err.println("omnify backfill: " + e.getMessage());
            return 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 3;
        }
    }

    private static String message(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n.path("error").path("message").asText(body);
        } catch (IOException e) {
            return body;
        }
    }
}
