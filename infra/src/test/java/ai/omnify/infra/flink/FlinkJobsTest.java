package ai.omnify.infra.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher's Flink REST client against a fake JobManager: what it sends, and how it reads answers and errors. */
class FlinkJobsTest {
    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = ex.getRequestURI().getPath();
            requests.add(ex.getRequestMethod() + " " + path + (path.endsWith("/run") ? " " + body : ""));
            String answer;
            int status = 200;
            if (path.equals("/jobs/overview")) {
                answer = """
                        {"jobs":[{"jid":"a1","name":"omnify-metrics","state":"FINISHED","start-time":100},
                                 {"jid":"b2","name":"omnify-metrics","state":"RUNNING","start-time":200},
                                 {"jid":"c3","name":"omnify-brain","state":"RESTARTING","start-time":150}]}""";
            } else if (path.equals("/taskmanagers")) {
                answer = "{\"taskmanagers\":[{\"id\":\"flink-taskmanager-1\"},{\"id\":\"flink-taskmanager-2\"}]}";
            } else if (path.equals("/jars/upload")) {
                answer = body.contains("name=\"jarfile\"") ? "{\"filename\":\"/tmp/up/1234_jobs.jar\",\"status\":\"success\"}"
                        : "{\"errors\":[\"no jarfile\"]}";
            } else if (path.endsWith("/run") && body.contains("Broken")) {
                status = 400;
                answer = "{\"errors\":[\"org.apache.flink.runtime.rest.handler.RestHandlerException: Could not execute "
                        + "application.\\n\\tat x\\nCaused by: java.lang.IllegalStateException: outer\\nCaused by: "
                        + "ai.omnify.config.Env$ConfigException: DATABASE_PASSWORD is not set\"]}";
            } else if (path.endsWith("/run")) {
                answer = "{\"jobid\":\"j42\"}";
            } else {
                answer = "{}";
            }
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void theStateIsTheNewestJobsOfThatName() {
        assertThat(run("state", "--name", "omnify-metrics")).isEqualTo("RUNNING");
        assertThat(run("state", "--name", "omnify-brain")).isEqualTo("RESTARTING");
        assertThat(run("taskmanagers")).isEqualTo("2");
    }

    @Test
    void submitUploadsRunsWithTheSavepointAndProgramArgumentsThenDeletesTheJar(@TempDir Path dir) throws IOException {
        Path jar = Files.writeString(dir.resolve("jobs.jar"), "not really a jar");
        String out = run("submit", "--jar", jar.toString(), "--class", "ai.omnify.jobs.metrics.MetricsJob",
                "--parallelism", "2", "--savepoint", "file:///s/chk-3", "--", "A=1", "B=two words");
        assertThat(out).isEqualTo("j42");
        assertThat(requests).hasSize(3);
        assertThat(requests.get(0)).isEqualTo("POST /jars/upload");
        assertThat(requests.get(1)).startsWith("POST /jars/1234_jobs.jar/run ")
                .contains("\"entryClass\":\"ai.omnify.jobs.metrics.MetricsJob\"", "\"programArgsList\":[\"A=1\",\"B=two words\"]",
                        "\"parallelism\":2", "\"savepointPath\":\"file:///s/chk-3\"", "\"allowNonRestoredState\":false");
        assertThat(requests.get(2)).isEqualTo("DELETE /jars/1234_jobs.jar");
    }

    @Test
    void aRefusedSubmissionSaysFlinksMessageAndItsRootCause(@TempDir Path dir) throws IOException {
        Path jar = Files.writeString(dir.resolve("jobs.jar"), "x");
        FlinkRest rest = new FlinkRest(URI.create(base), Duration.ofSeconds(5));
        String id = rest.upload(jar);
        assertThatThrownBy(() -> rest.run(id, "Broken", List.of(), null, null))
                .hasMessage("Flink answered 400 to POST /jars/1234_jobs.jar/run: org.apache.flink.runtime.rest.handler."
                        + "RestHandlerException: Could not execute application. (Caused by: ai.omnify.config."
                        + "Env$ConfigException: DATABASE_PASSWORD is not set)");
    }

    @Test
    void aWrongCommandLineIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = FlinkJobs.run(new String[] {"state"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--rest URL and a command are required");
    }

    private String run(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--rest";
        all[1] = base;
        System.arraycopy(args, 0, all, 2, args.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = FlinkJobs.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8).trim();
    }
}
