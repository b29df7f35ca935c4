package ai.omnify.api.alerts.delivery;

import ai.omnify.api.auth.AuthHandler;
import ai.omnify.api.http.Responses;
import ai.omnify.model.Json;
import ai.omnify.server.http.ApiException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET|POST /api/v1/alert-subscriptions}, {@code DELETE /api/v1/alert-subscriptions/{id}} (admin). The
 * webhook secret is shown once, in the answer to the POST.
 */
public final class SubscriptionsController {
    private final SubscriptionService subscriptions;

    public SubscriptionsController(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    public void list(Context ctx) {
        UUID orgId = AuthHandler.principal(ctx).orgId();
        List<Map<String, Object>> items = new ArrayList<>();
        for (Subscription s : subscriptions.list(orgId)) {
            items.add(view(s, false));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("next", null);
        write(ctx, 200, body);
    }

    public void create(Context ctx) {
        UUID orgId = AuthHandler.principal(ctx).orgId();
        Map<String, Object> body;
        try {
            body = Json.mapper().readValue(ctx.body(), new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw ApiException.invalidParameter("the body must be a JSON object: " + e.getMessage().split("\n")[0]);
        }
        if (body == null) {
            throw ApiException.invalidParameter("the body must be a JSON object");
        }
        write(ctx, 201, view(subscriptions.create(orgId, body), true));
    }

    public void delete(Context ctx) {
        UUID orgId = AuthHandler.principal(ctx).orgId();
        UUID id;
        try {
            id = UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameter("subscription id is not a UUID");
        }
        if (!subscriptions.delete(orgId, id)) {
            throw ApiException.notFound("no subscription " + id + " in this organization");
        }
        ctx.status(204);
    }

    private static Map<String, Object> view(Subscription s, boolean withSecret) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("type", s.type());
        m.put("url", s.url());
        m.put("format", s.format());
        m.put("email", s.email());
        m.put("minSeverity", s.minSeverity());
        m.put("enabled", s.enabled());
        if (withSecret) {
            m.put("secret", s.secret());
        }
        return m;
    }

    private static void write(Context ctx, int status, Object body) {
        Responses.json(ctx, status, Responses.withNulls(body));
    }
}
