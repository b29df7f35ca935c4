package ai.omnify.api.connections;

import ai.omnify.model.Currencies;
import ai.omnify.model.Parsed;
import ai.omnify.model.Platform;
import ai.omnify.model.connection.ConnectionRules;
import ai.omnify.server.http.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/connections}: {@code {"platform","account","credentials":{...},"timeZone"?,
 * "currency"?}}, validated with every reason at once (never echoing a secret).
 */
public record ConnectionRequest(Platform platform, String account, Map<String, String> credentials, String timeZone,
                                String currency) {

    public static ConnectionRequest parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new ApiException(400, "invalid_connection",
                    "the body must be a JSON object {\"platform\",\"account\",\"credentials\":{...}}");
        }
        List<String> reasons = new ArrayList<>();
        Platform platform = null;
        String platformText = body.path("platform").isTextual() ? body.path("platform").asText() : null;
        if (platformText == null) {
            reasons.add("platform is missing: use one of meta, google, tiktok, shopify");
        } else {
            platform = Platform.parse(platformText).orElse(null);
            if (platform == null) {
                reasons.add("platform '" + clip(platformText) + "' is not one of meta, google, tiktok, shopify");
            }
        }
        String account = null;
        if (platform != null) {
            JsonNode a = body.path("account");
            Parsed<String> parsed = ConnectionRules.account(platform, a.isTextual() || a.isNumber() ? a.asText() : null);
            if (parsed.value() == null) {
                reasons.add(parsed.error());
            }
            account = parsed.value();
        }
        Map<String, String> credentials = new LinkedHashMap<>();
        JsonNode c = body.path("credentials");
        if (!c.isMissingNode() && !c.isNull() && !c.isObject()) {
            reasons.add("credentials must be an object of names to strings, e.g. {\"access_token\":\"...\"}");
        } else if (c.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = c.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) {
                    reasons.add("credentials." + clip(e.getKey()) + " must be a string");
                } else {
                    credentials.put(e.getKey(), e.getValue().asText());
                }
            }
        }
        if (platform != null && reasons.stream().noneMatch(r -> r.startsWith("credentials"))) {
            reasons.addAll(ConnectionRules.credentials(platform, credentials));
        }
        String timeZone = text(body, "timeZone");
        if (timeZone != null) {
            try {
                timeZone = ZoneId.of(timeZone).getId();
            } catch (DateTimeException e) {
                reasons.add("timeZone '" + clip(timeZone) + "' is not an IANA time zone (e.g. America/New_York)");
            }
        }
        String currency = text(body, "currency");
        if (currency != null && !Currencies.isKnown(Currencies.normalize(currency))) {
            reasons.add("currency '" + clip(currency) + "' is not an ISO 4217 code");
        }
        if (!reasons.isEmpty()) {
            throw new ApiException(400, "invalid_connection", String.join("; ", reasons));
        }
        return new ConnectionRequest(platform, account, credentials, timeZone,
                currency == null ? null : Currencies.normalize(currency));
    }

    private static String text(JsonNode body, String field) {
        JsonNode n = body.path(field);
        return n.isTextual() && !n.asText().isBlank() ? n.asText().trim() : null;
    }

    private static String clip(String s) {
        return s.length() <= 64 ? s : s.substring(0, 61) + "...";
    }

    @Override
    public String toString() {
        return "ConnectionRequest[" + platform + " " + account + ", keys " + credentials.keySet() + "]";
    }
}
