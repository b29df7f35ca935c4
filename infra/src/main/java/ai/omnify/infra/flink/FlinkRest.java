package ai.omnify.infra.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The few calls of a Flink cluster's REST API the launcher needs: upload a jar and run a class from it (optionally
 * from a savepoint), list jobs with their state, count TaskManagers, stop a job with a savepoint. Every call has a
 * timeout; errors carry Flink's own message.
 */
public final class FlinkRest {
    /** A job as the cluster lists it. */
    public record Job(String id, String name, String state, long startTime) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final HttpClient http;
    private final Duration timeout;

    public FlinkRest(URI base, Duration timeout) {
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Every job the cluster knows, newest first. */
    public List<Job> jobs() throws IOException {
        List<Job> jobs = new ArrayList<>();
        for (JsonNode j : get("jobs/overview").path("jobs")) {
            jobs.add(new Job(j.path("jid").asText(), j.path("name").asText(), j.path("state").asText(),
                    j.path("start-time").asLong()));
        }
        jobs.sort(Comparator.comparingLong(Job::startTime).reversed());
        return jobs;
    }

    /** The newest job with this name, if any. */
    public Optional<Job> newest(String name) throws IOException {
        return jobs().stream().filter(j -> j.name().equals(name)).findFirst();
    }

    public int taskManagers() throws IOException {
        return get("taskmanagers").path("taskmanagers").size();
    }

    /** Uploads the jar; returns its id on the cluster. */
    public String upload(Path jar) throws IOException {
        String boundary = "omnify-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(Files.readAllBytes(jar));
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        JsonNode r = send(HttpRequest.newBuilder(base.resolve("jars/upload"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())), Duration.ofMinutes(2));
        String file = r.path("filename").asText("");
        if (file.isEmpty()) {
            throw new IOException("the cluster did not take the jar: " + r);
        }
        return Path.of(file).getFileName().toString();
    }

    /** Runs a class of an uploaded jar as a job; returns the job id. */
    public String run(String jarId, String entryClass, List<String> args, Integer parallelism, String savepoint)
            throws IOException {
        ObjectNode req = JSON.createObjectNode().put("entryClass", entryClass);
        args.forEach(req.putArray("programArgsList")::add);
        if (parallelism != null) {
            req.put("parallelism", parallelism);
        }
        if (savepoint != null) {
            req.put("savepointPath", savepoint).put("allowNonRestoredState", false);
        }
        JsonNode r = send(HttpRequest.newBuilder(base.resolve("jars/" + jarId + "/run"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(req.toString())), Duration.ofMinutes(3));
        return r.path("jobid").asText();
    }

    public void deleteJar(String jarId) throws IOException {
        send(HttpRequest.newBuilder(base.resolve("jars/" + jarId)).DELETE(), timeout);
    }

    /** Stops the job with a savepoint in {@code directory}, waits for it, and returns the savepoint's path. */
    public String stopWithSavepoint(String jobId, String directory, Duration wait) throws IOException, InterruptedException {
        ObjectNode req = JSON.createObjectNode().put("targetDirectory", directory).put("drain", false);
        String trigger = send(HttpRequest.newBuilder(base.resolve("jobs/" + jobId + "/stop"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(req.toString())), timeout).path("request-id").asText();
        Instant until = Instant.now().plus(wait);
        while (Instant.now().isBefore(until)) {
            JsonNode s = get("jobs/" + jobId + "/savepoints/" + trigger);
            if ("COMPLETED".equals(s.path("status").path("id").asText())) {
                JsonNode op = s.path("operation");
                if (op.has("failure-cause")) {
                    throw new IOException("the savepoint failed: " + op.path("failure-cause").path("stack-trace").asText()
                            .lines().findFirst().orElse(op.toString()));
                }
                return op.path("location").asText();
            }
            Thread.sleep(500);
        }
        throw new IOException("the savepoint of job " + jobId + " did not complete within " + wait);
    }

    private JsonNode get(String path) throws IOException {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET(), timeout);
    }

    private JsonNode send(HttpRequest.Builder request, Duration requestTimeout) throws IOException {
        HttpResponse<String> r;
        try {
            r = http.send(request.timeout(requestTimeout).build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        JsonNode body = r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
        if (r.statusCode() / 100 != 2) {
            // Flink answers {"errors": ["...", "<stack trace>"]}: the first line of each, and the root cause
            StringBuilder msg = new StringBuilder();
            for (JsonNode e : body.path("errors")) {
                List<String> lines = e.asText().lines().filter(l -> !l.isBlank()).toList();
                if (lines.isEmpty()) {
                    continue;
                }
                msg.append(msg.isEmpty() ? "" : "; ").append(lines.get(0));
                lines.stream().filter(l -> l.startsWith("Caused by:")).reduce((a, b) -> b)
                        .ifPresent(cause -> msg.append(" (").append(cause).append(')'));
            }
            throw new IOException("Flink answered " + r.statusCode() + " to " + r.request().method() + " "
                    + r.request().uri().getPath() + ": " + (msg.isEmpty() ? r.body() : msg));
        }
        return body;
    }
}
