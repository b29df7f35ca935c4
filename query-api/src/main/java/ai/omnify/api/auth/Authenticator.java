package ai.omnify.api.auth;

import java.util.List;
import java.util.Optional;

/**
 * Turns credentials into a principal: empty when they prove nothing (absent, unknown, revoked). Implementations know
 * nothing of HTTP. Several can be chained (API keys now, sessions later): the first that recognizes the caller wins.
 */
@FunctionalInterface
public interface Authenticator {
    Optional<Principal> authenticate(Credentials credentials);

    static Authenticator chain(List<Authenticator> authenticators) {
        List<Authenticator> all = List.copyOf(authenticators);
        return credentials -> {
            for (Authenticator a : all) {
                Optional<Principal> p = a.authenticate(credentials);
                if (p.isPresent()) {
                    return p;
                }
            }
            return Optional.empty();
        };
    }
}
