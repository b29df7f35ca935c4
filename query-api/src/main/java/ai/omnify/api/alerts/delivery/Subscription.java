package ai.omnify.api.alerts.delivery;

import ai.omnify.model.alert.Severity;

/**
 * Where one organization's alerts go: a webhook ({@code url}, {@code format} json or slack, signed with
 * {@code secret}) or an email address. Only alerts of at least {@code minSeverity} are delivered.
 */
public record Subscription(String id, String orgId, String type, String url, String format, String secret,
        String email, String minSeverity, boolean enabled) {
    public static final String WEBHOOK = "webhook";
    public static final String EMAIL = "email";

    public boolean accepts(String severity) {
        Severity min = Severity.parse(minSeverity).orElse(Severity.INFO);
        return enabled && Severity.parse(severity).map(s -> s.compareTo(min) >= 0).orElse(false);
    }
}
