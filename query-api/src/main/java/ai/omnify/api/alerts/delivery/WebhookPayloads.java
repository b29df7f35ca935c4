package ai.omnify.api.alerts.delivery;

import ai.omnify.model.Json;
import ai.omnify.model.alert.Alert;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The bodies of outgoing webhooks: Omnify's JSON, or a Slack-compatible message ({@code text} + blocks). */
public final class WebhookPayloads {
    private WebhookPayloads() {}

    /** {@code alert.opened} (revision 1), {@code alert.escalated} or {@code alert.resolved}. */
    public static String event(Alert a) {
        if ("resolved".equals(a.status())) {
            return "alert.resolved";
        }
        return a.revision() <= 1 ? "alert.opened" : "alert.escalated";
    }

    public static String body(Alert a, String format) {
        return "slack".equals(format) ? slack(a) : json(a);
    }

    public static String json(Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", event(a));
        m.put("alert", a);
        return Json.write(m);
    }

    /** One line of text (what Slack shows in notifications) and a section block with the same words. */
    public static String slack(Alert a) {
        String text = summary(a);
        Map<String, Object> section = Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", text));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("text", text);
        m.put("blocks", List.of(section));
        return Json.write(m);
    }

    public static String summary(Alert a) {
        String target = a.creativeId() != null ? "creative " + a.creativeId()
                : a.channelId() != null ? "channel " + a.channelId() : "organization";
        String head = switch (event(a)) {
            case "alert.resolved" -> "Resolved";
            case "alert.escalated" -> "Escalated";
            default -> "New";
        };
        return String.format(Locale.ROOT, "[%s] %s %s on %s: %s", a.severity().toUpperCase(Locale.ROOT), head,
                a.kind().replace('_', ' '), target, a.explanation() == null ? "" : a.explanation());
    }
}
