package ai.omnify.server.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * What a caller may do. API keys carry scopes ({@code api_keys.scopes}); sessions will derive them from roles
 * (viewer: read; member: read, act; admin: read, act, admin). {@code act}: act on alerts and actions (ack, accept,
 * dismiss); {@code admin}: manage members, connections, keys, rules, billing.
 */
public enum Scope {
    READ, INGEST, ACT, ADMIN;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Scope> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        for (Scope scope : values()) {
            if (scope.wire().equalsIgnoreCase(s.trim())) {
                return Optional.of(scope);
            }
        }
        return Optional.empty();
    }
}
