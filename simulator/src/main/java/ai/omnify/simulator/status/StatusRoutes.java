package ai.omnify.simulator.status;

import ai.omnify.simulator.http.SimulatorServer;
import io.javalin.config.RoutesConfig;
import java.util.Map;

/** {@code GET /health} and {@code GET /api/v1/status}: what the simulator has sent. */
public final class StatusRoutes implements SimulatorServer.Routes {
    private final SendStatus status;

    public StatusRoutes(SendStatus status) {
        this.status = status;
    }

    @Override
    public void addTo(RoutesConfig routes) {
        routes.get("/health", ctx -> ctx.json(Map.of("status", "ok")));
        routes.get("/api/v1/status", ctx -> ctx.json(status.view()));
    }
}
