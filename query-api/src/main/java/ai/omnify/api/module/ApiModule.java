package ai.omnify.api.module;

import io.javalin.config.RoutesConfig;

/**
 * A feature's routes (alerts, brain, connections, accounts, ...), added to the query API by
 * {@link ai.omnify.api.QueryApiApp#create}. A module gets its dependencies through its constructor; its routes are
 * behind the same authentication, error mapping and request limits as every other route. Mark each route with an
 * {@link ai.omnify.api.auth.AuthHandler.Access} (routes under {@code /api} without one are refused).
 */
public interface ApiModule {
    /** Adds the module's routes (and, if it needs them, its before/after handlers or WebSocket/SSE endpoints). */
    void routes(RoutesConfig routes);

    /**
     * A classpath resource with the module's part of {@code /openapi.json}: {@code {"paths":{...},"components":{...}}}
     * in OpenAPI 3.0 form. Routes it does not describe still appear in the document, generated from the router (method,
     * path parameters, required scope), marked {@code x-omnify-undocumented}.
     */
    default String openApiResource() {
        return null;
    }

    /** What {@code GET /health} reports besides the database, by name (e.g. the module's topic readers). */
    default java.util.Map<String, java.util.function.BooleanSupplier> healthChecks() {
        return java.util.Map.of();
    }

    /** Called when the server stops: close what the module started (consumers, executors). */
    default void close() {}
}
