package ai.omnify.ingest.webhook;

import ai.omnify.ingest.connections.ConnectionRef;
import ai.omnify.ingest.sync.SyncTrigger;
import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.server.http.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code GET /webhooks/meta}: the subscription handshake (hub.mode=subscribe, hub.verify_token equal to
 * {@code META_WEBHOOK_VERIFY_TOKEN}, echo hub.challenge; else 403). {@code POST /webhooks/meta}: verified by
 * {@code X-Hub-Signature-256} with {@code META_APP_SECRET} before anything else (401 otherwise). Ad-account
 * notifications say that something changed, not the numbers: each connected ad account named in the batch has its
 * poll run now.
 */
public final class MetaWebhookController {
    private final WebhookConfig config;
    private final ConnectionDirectory directory;
    private final SyncTrigger trigger;

    public MetaWebhookController(WebhookConfig config, ConnectionDirectory directory, SyncTrigger trigger) {
        this.config = config;
        this.directory = directory;
        this.trigger = trigger;
    }

    public void verify(Context ctx) {
        if (config.metaVerifyToken() == null) {
            throw new ApiException(503, "webhook_not_configured",
                    "Meta webhooks are not configured here: set META_WEBHOOK_VERIFY_TOKEN");
        }
        String mode = ctx.queryParam("hub.mode");
        String token = ctx.queryParam("hub.verify_token");
        String challenge = ctx.queryParam("hub.challenge");
        if (!"subscribe".equals(mode) || !WebhookSignatures.sameSecret(token, config.metaVerifyToken())
                || challenge == null || challenge.isBlank() || challenge.length() > 256) {
            throw ApiException.forbidden("verification refused: hub.mode must be subscribe and hub.verify_token must"
                    + " match META_WEBHOOK_VERIFY_TOKEN, with a hub.challenge");
        }
        ctx.status(200).contentType("text/plain; charset=utf-8").result(challenge);
    }

    public void receive(Context ctx) {
        if (config.metaAppSecret() == null) {
            throw new ApiException(503, "webhook_not_configured", "Meta webhooks are not configured here: set META_APP_SECRET");
        }
        byte[] body = ctx.bodyAsBytes();
        if (!WebhookSignatures.metaValid(body, ctx.header("X-Hub-Signature-256"), config.metaAppSecret())) {
            throw ApiException.unauthorized("missing or invalid X-Hub-Signature-256: the body must be signed with the"
                    + " app secret (sha256= hex HMAC-SHA256 of the raw body)");
        }
        JsonNode json;
        try {
            json = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new ApiException(400, "bad_request", "the body is not JSON");
        }
        if (json == null || !json.isObject()) {
            throw new ApiException(400, "bad_request", "the body is not a JSON object with object and entry");
        }
        if (!"ad_account".equals(json.path("object").asText())) {
            ctx.status(200).json(new WebhookAnswer("ignored", json.path("object").asText(null), null));
            return;
        }
        Set<String> accounts = new LinkedHashSet<>();
        for (JsonNode entry : json.path("entry")) {
            String id = entry.path("id").asText("");
            if (!id.isBlank()) {
                accounts.add(id.startsWith("act_") ? id : "act_" + id);
            }
        }
        int triggered = 0;
        for (String account : accounts) {
            Optional<ConnectionRef> c = directory.find(Platform.META, account);
            if (c.isPresent() && c.get().isActive()) {
                trigger.pollSoon(c.get().orgId(), c.get().id());
                triggered++;
            }
        }
        ctx.status(200).json(new WebhookAnswer(triggered > 0 ? "accepted" : "ignored", "ad_account", null));
    }
}
