package ai.omnify.simulator.fakes.openai;

import ai.omnify.simulator.http.SimulatorServer;
import io.javalin.Javalin;
import java.util.List;

/** The fake OpenAI API on its own server, e.g. on port 0 in a test: {@code baseUrl()} ends with {@code /v1}. */
public final class FakeOpenAiServer implements AutoCloseable {
    private final FakeOpenAi api;
    private final Javalin app;

    private FakeOpenAiServer(FakeOpenAi api, Javalin app) {
        this.api = api;
        this.app = app;
    }

    public static FakeOpenAiServer start(int port) {
        FakeOpenAi api = new FakeOpenAi();
        Javalin app = SimulatorServer.create(List.of(api)).start("127.0.0.1", port);
        return new FakeOpenAiServer(api, app);
    }

    public FakeOpenAi api() {
        return api;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + app.port() + "/v1";
    }

    @Override
    public void close() {
        app.stop();
    }
}
