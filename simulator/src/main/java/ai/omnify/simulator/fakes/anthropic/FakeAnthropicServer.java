package ai.omnify.simulator.fakes.anthropic;

import ai.omnify.simulator.http.SimulatorServer;
import io.javalin.Javalin;
import java.util.List;

/**
 * The fake Anthropic API on its own server, e.g. on port 0 in a test: {@code baseUrl()} is the host root (the client
 * appends {@code /v1/messages}), as {@code ANTHROPIC_BASE_URL} expects.
 */
public final class FakeAnthropicServer implements AutoCloseable {
    private final FakeAnthropic api;
    private final Javalin app;

    private FakeAnthropicServer(FakeAnthropic api, Javalin app) {
        this.api = api;
        this.app = app;
    }

    /** @param retryAfterSeconds the {@code retry-after} of a scripted 429 */
    public static FakeAnthropicServer start(int port, int retryAfterSeconds) {
        FakeAnthropic api = new FakeAnthropic(retryAfterSeconds);
        Javalin app = SimulatorServer.create(List.of(api)).start("127.0.0.1", port);
        return new FakeAnthropicServer(api, app);
    }

    public FakeAnthropic api() {
        return api;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
