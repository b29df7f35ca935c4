package ai.omnify.api.auth;

import ai.omnify.server.auth.Scope;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A member's role in an organization; a session's scopes are its role's. Viewers read; members also act on alerts and
 * actions; admins also manage members, invites, connections, keys, rules and billing.
 */
public enum Role {
    VIEWER(EnumSet.of(Scope.READ)),
    MEMBER(EnumSet.of(Scope.READ, Scope.ACT)),
    ADMIN(EnumSet.of(Scope.READ, Scope.ACT, Scope.ADMIN));

    private final Set<Scope> scopes;

    Role(Set<Scope> scopes) {
        this.scopes = Set.copyOf(scopes);
    }

    public Set<Scope> scopes() {
        return scopes;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String s) {
        if (s == null) {
            return Optional.empty();
        }
        for (Role r : values()) {
            if (r.wire().equalsIgnoreCase(s.trim())) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The role whose scopes these are exactly, if any (a session's principal). */
    public static Optional<Role> of(Set<Scope> scopes) {
        for (Role r : values()) {
            if (r.scopes.equals(scopes)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
