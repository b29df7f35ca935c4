package ai.omnify.api.auth;

/**
 * What a request presented to prove who it is. Today a bearer token (an API key); sessions will add a session token.
 *
 * @param bearerToken the token of {@code Authorization: Bearer <token>}, or null
 */
public record Credentials(String bearerToken) {
    public static final Credentials NONE = new Credentials(null);

    public boolean isEmpty() {
        return bearerToken == null;
    }
}
