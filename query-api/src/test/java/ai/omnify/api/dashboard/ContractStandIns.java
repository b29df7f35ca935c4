package ai.omnify.api.dashboard;

import ai.omnify.api.auth.AuthHandler;
import ai.omnify.api.auth.AuthHandler.Access;
import ai.omnify.api.auth.Principal;
import ai.omnify.api.auth.Scope;
import ai.omnify.api.http.ApiException;
import ai.omnify.api.module.ApiModule;
import ai.omnify.model.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stand-ins for the actions of the brain's branch, shaped as ../shared/DESIGN.md's contract says
 * ({@code GET /api/v1/actions}, {@code POST /api/v1/actions/{id}/accept|dismiss}), so the dashboard is tested against
 * the contract before that module is merged. Alerts come from the real alerts module.
 */
final class ContractStandIns implements ApiModule {
    final Map<String, String> decisions = new ConcurrentHashMap<>();
    final Map<String, UUID> decidedBy = new ConcurrentHashMap<>();
    final String actionId = UUID.randomUUID().toString();

    @Override
    public void routes(RoutesConfig routes) {
        Access read = Access.requires(Scope.READ);
        Access act = Access.requires(Scope.ACT);
        routes.get("/api/v1/actions", ctx -> {
            ObjectNode page = Json.mapper().createObjectNode();
            ArrayNode items = page.putArray("items");
            ObjectNode a = items.addObject();
            a.put("id", actionId);
            a.put("kind", "shift_budget");
            a.put("rationale", "Move 15% of Brand Search's budget to Prospecting: its ROAS is twice as high");
            a.putObject("expectedImpact").put("metric", "revenue").put("value", 1250).put("currency", "USD");
            a.put("confidence", 0.72);
            a.put("urgency", "high");
            a.put("status", decisions.getOrDefault(actionId, "open"));
            page.putNull("next");
            ctx.contentType("application/json").result(page.toString());
        }, read);
        routes.post("/api/v1/actions/{id}/{verb}", ctx -> {
            String verb = ctx.pathParam("verb");
            if (!verb.equals("accept") && !verb.equals("dismiss")) {
                throw ApiException.notFound("no such route");
            }
            if (!ctx.pathParam("id").equals(actionId)) {
                throw ApiException.notFound("no action " + ctx.pathParam("id"));
            }
            Principal p = AuthHandler.principal(ctx);
            String status = verb.equals("accept") ? "accepted" : "dismissed";
            decisions.put(actionId, status);
            decidedBy.put(actionId, p.subjectId());
            ctx.contentType("application/json").result("{\"id\":\"" + actionId + "\",\"status\":\"" + status + "\"}");
        }, act);
    }
}
