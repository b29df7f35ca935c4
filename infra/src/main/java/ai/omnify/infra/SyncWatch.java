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
import java.util.HashMap;
import java.util.Map;

/**
 * Follows {@code GET /api/v1/sync} until every connection of the organization has synced once (its first backfill
 * done), printing each connection's progress as it changes. Used by {@code infra/omnify demo} to show the first
 * backfill. Exit 0 all synced, 1 a connection needs re-authorization or the timeout passed, 2 usage, 3 the API
 * refused or did not answer.
 */
public final class SyncWatch {
    static final String USAGE = """
            usage: SyncWatch --api-url URL --api-key KEY [--timeout SECONDS] [--expect N]
            Follows GET /api/v1/sync until every connection (at least N, default 1) has synced once.
            """;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SyncWatch() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        ToolOptions parsed = ToolOptions.parse("omnify sync watch", args, USAGE, out, err);
        if (parsed.exit() != null) {
            return parsed.exit();
        }
        Map<String, String> o = parsed.values();
        String api = o.get("--api-url");
        String key = o.get("--api-key");
        if (api == null || key == null) {
            err.println("omnify sync watch: --api-url and --api-key are required");
            err.print(USAGE);
            return 2;
        }
        long timeout;
        int expect;
        try {
            timeout = Long.parseLong(o.getOrDefault("--timeout", "900"));
            expect = Integer.parseInt(o.getOrDefault("--expect", "1"));
        } catch (NumberFormatException e) {
            err.println("omnify sync watch: --timeout and --expect take whole numbers");
            return 2;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Instant started = Instant.now();
        Map<String, String> shown = new HashMap<>();
        try {
            while (true) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/sync"))
                        .header("Authorization", "Bearer " + key).timeout(Duration.ofSeconds(30)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    err.println("omnify sync watch: GET /api/v1/sync answered " + r.statusCode() + ": " + r.body());
                    return 3;
                }
                JsonNode items = JSON.readTree(r.body()).path("items");
                int synced = 0;
                long seconds = Duration.between(started, Instant.now()).toSeconds();
                for (JsonNode c : items) {
                    String name = c.path("platform").asText() + " " + c.path("account").asText();
                    String state = c.path("state").asText();
                    JsonNode run = c.path("currentRun").isObject() ? c.path("currentRun") : c.path("lastRun");
                    String line = state + (run.isObject() ? " (" + run.path("kind").asText() + " " + run.path("state").asText()
                            + "): " + run.path("rows").asLong() + " rows, page " + run.path("pagesDone").asInt()
                            + (run.path("pagesTotal").isNumber() ? " of " + run.path("pagesTotal").asInt() : "") : "");
                    if (!line.equals(shown.get(name))) {
                        out.printf("  %-40s %s  [%d s]%n", name, line, seconds);
                        shown.put(name, line);
                    }
                    if (state.equals("needs_reauth") || state.equals("disabled")) {
                        err.println("omnify sync watch: " + name + " is " + state + ": "
                                + c.path("statusReason").asText("no reason recorded"));
                        return 1;
                    }
                    boolean backfilling = c.path("currentRun").isObject()
                            && c.path("currentRun").path("kind").asText().equals("backfill");
                    // synced: it succeeded once, is not in its first backfill, and its latest run did not fail
                    if (!c.path("lastSuccessAt").isNull() && !c.path("lastSuccessAt").isMissingNode() && !backfilling
                            && !state.equals("failing")) {
                        synced++;
                    }
                }
                if (items.size() >= expect && synced == items.size()) {
                    out.println("  every connection synced (" + synced + ") in " + seconds + " s");
                    return 0;
                }
                if (seconds > timeout) {
                    err.println("omnify sync watch: not every connection synced within " + timeout + " s (" + synced
                            + " of " + items.size() + "): see GET /api/v1/sync and the ingest log");
                    return 1;
                }
                Thread.sleep(2000);
            }
        } catch (ConnectException e) {
            err.println("omnify sync watch: the query API at " + api + " does not answer: start it (infra/omnify serve)");
            return 3;
        } catch (IOException e) {
            err.println("omnify sync watch: " + e.getMessage());
            return 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 3;
        }
    }
}
