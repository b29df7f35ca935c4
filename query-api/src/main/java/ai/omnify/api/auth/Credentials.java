package ai.omnify.api.auth;

/**
 * What a request presented to prove who it is: a bearer token (an API key) and/or a session token (the
 * {@code omnify_session} cookie of a logged-in browser).
 *
 * @param bearerToken the token of {@code Authorization: Bearer <token>}, or null
 * @param sessionToken the session cookie's value, or null
 */
public record Credentials(String bearerToken, String sessionToken) {
    public static final Credentials NONE = new Credentials(null, null);

    /** Only a bearer token. */
    public Credentials(String bearerToken) {
        this(bearerToken, null);
    }

    public boolean isEmpty() {
        return bearerToken == null && sessionToken == null;
    }
}
