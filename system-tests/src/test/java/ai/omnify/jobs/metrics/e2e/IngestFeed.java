package ai.omnify.jobs.metrics.e2e;

import ai.omnify.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Posts rows to the ingest endpoint as NDJSON, one request per platform per batch, and checks every answer. */
final class IngestFeed {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String apiKey;
    int accepted;
    int rejected;

    IngestFeed(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    /** Sends the rows in batches of {@code batch}; fails unless every good row is accepted and every bad one refused. */
    void send(List<Scenario.Row> rows, int batch) throws IOException, InterruptedException {
        for (int from = 0; from < rows.size(); from += batch) {
            Map<String, List<Scenario.Row>> byPlatform = new LinkedHashMap<>();
            for (Scenario.Row r : rows.subList(from, Math.min(rows.size(), from + batch))) {
                byPlatform.computeIfAbsent(r.platform(), k -> new ArrayList<>()).add(r);
            }
            for (Map.Entry<String, List<Scenario.Row>> e : byPlatform.entrySet()) {
                post(e.getKey(), e.getValue());
            }
        }
    }

    private void post(String platform, List<Scenario.Row> rows) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        for (Scenario.Row r : rows) {
            body.append(r.json()).append('\n');
        }
        HttpRequest req = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/ingest/" + platform))
                .header("Authorization", "Bearer " + apiKey)
                .header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new AssertionError("ingest answered " + res.statusCode() + ": " + res.body());
        }
        JsonNode answer = Json.mapper().readTree(res.body());
        long bad = rows.stream().filter(Scenario.Row::bad).count();
        if (answer.get("accepted").asInt() != rows.size() - bad || answer.get("rejected").asInt() != bad) {
            throw new AssertionError("expected " + (rows.size() - bad) + " accepted and " + bad + " rejected: " + res.body());
        }
        for (JsonNode err : answer.get("errors")) {
            Scenario.Row row = rows.get(err.get("line").asInt() - 1);
            if (!row.bad() || !err.get("reason").asText().contains(row.expectedReason())) {
                throw new AssertionError("line " + err.get("line") + " (" + row.json() + ") refused with '"
                        + err.get("reason").asText() + "', expected '" + row.expectedReason() + "'");
            }
        }
        accepted += answer.get("accepted").asInt();
        rejected += answer.get("rejected").asInt();
    }
}
