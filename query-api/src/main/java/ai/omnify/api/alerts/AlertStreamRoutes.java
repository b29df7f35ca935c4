package ai.omnify.api.alerts;

import ai.omnify.api.auth.AuthHandler;
import ai.omnify.api.auth.Authenticator;
import ai.omnify.api.auth.Credentials;
import ai.omnify.api.auth.Principal;
import ai.omnify.server.auth.Scope;
import ai.omnify.server.http.ApiException;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live alert stream of the caller's organization: Server-Sent Events ({@code event: alert}, {@code id:} to
 * resume with {@code Last-Event-ID}) and WebSocket (one JSON text message per alert:
 * {@code {"id": eventId, "alert": {...}}}; resume with {@code ?lastEventId=}). WebSocket clients authenticate with
 * the same {@code Authorization: Bearer} header on the upgrade request.
 */
public final class AlertStreamRoutes {
    private final AlertHub hub;
    private final Authenticator authenticator;
    private final Map<String, Subscriber> sockets = new ConcurrentHashMap<>();

    public AlertStreamRoutes(AlertHub hub, Authenticator authenticator) {
        this.hub = hub;
        this.authenticator = authenticator;
    }

    /** {@code GET /api/v1/alerts/stream} (behind the AuthHandler like every route). */
    public void sse(SseClient client) {
        Context ctx = client.ctx();
        Principal p = AuthHandler.principal(ctx);
        client.keepAlive();
        Subscriber s = hub.subscribe(p.orgId().toString(), ctx.header("Last-Event-ID"), (id, e) -> {
            if (e == null) {
                client.sendComment("keep-alive");
            } else {
                client.sendEvent("alert", e.json(), id);
            }
            if (client.terminated()) {
                throw new IllegalStateException("client gone");
            }
        });
        client.onClose(() -> s.close("client gone"));
    }

    /** The WebSocket {@code /api/v1/ws}: refused at the upgrade without a valid key with the read scope. */
    public void beforeUpgrade(Context ctx) {
        principalOf(ctx.header("Authorization"));
    }

    public void ws(WsConfig ws) {
        ws.onConnect(ctx -> {
            Principal p;
            try {
                p = principalOf(ctx.header("Authorization"));
            } catch (ApiException e) {
                ctx.closeSession(1008, e.getMessage());
                return;
            }
            Subscriber s = hub.subscribe(p.orgId().toString(), ctx.queryParam("lastEventId"), (id, e) -> {
                if (e == null) {
                    ctx.sendPing(java.nio.ByteBuffer.allocate(0));
                } else {
                    ctx.send("{\"id\":\"" + id + "\",\"alert\":" + e.json() + "}");
                }
            });
            s.onClose(() -> closeQuietly(ctx, s));
            sockets.put(ctx.sessionId(), s);
        });
        ws.onClose(ctx -> {
            Subscriber s = sockets.remove(ctx.sessionId());
            if (s != null) {
                s.close("client gone");
            }
        });
        ws.onError(ctx -> {
            Subscriber s = sockets.remove(ctx.sessionId());
            if (s != null) {
                s.close("socket error");
            }
        });
    }

    private void closeQuietly(WsContext ctx, Subscriber s) {
        sockets.remove(ctx.sessionId());
        try {
            if (ctx.session.isOpen()) {
                ctx.closeSession(1013, s.closeReason() == null ? "closed" : s.closeReason());
            }
        } catch (RuntimeException e) {
            // already gone
        }
    }

    private Principal principalOf(String authorization) {
        Optional<String> token = Optional.ofNullable(authorization).map(String::trim)
                .filter(h -> h.length() > 7 && h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim()).filter(t -> !t.isEmpty());
        if (token.isEmpty()) {
            throw ApiException.unauthorized("missing credentials: send Authorization: Bearer <api key>");
        }
        Principal p = authenticator.authenticate(new Credentials(token.get()))
                .orElseThrow(() -> ApiException.unauthorized("the API key is not valid (unknown or revoked)"));
        if (!p.has(Scope.READ)) {
            throw ApiException.forbidden("this API key lacks the 'read' scope");
        }
        return p;
    }
}
