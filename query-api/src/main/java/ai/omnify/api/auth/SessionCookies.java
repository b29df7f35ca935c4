package ai.omnify.api.auth;

import io.javalin.http.Context;
import java.time.Duration;

/**
 * The browser's cookies: {@code omnify_session} (the session token: HttpOnly, SameSite=Lax, Secure unless turned off
 * for local http) and {@code omnify_csrf} (the session's CSRF token, readable by the dashboard's script, which sends it
 * back in {@code X-CSRF-Token}: double submit, bound to the session).
 */
public final class SessionCookies {
    public static final String SESSION = "omnify_session";
    public static final String CSRF = "omnify_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final boolean secure;

    public SessionCookies(boolean secure) {
        this.secure = secure;
    }

    public void set(Context ctx, String sessionToken, Duration maxAge) {
        long seconds = Math.max(0, maxAge.toSeconds());
        ctx.res().addHeader("Set-Cookie", cookie(SESSION, sessionToken, seconds, true));
        ctx.res().addHeader("Set-Cookie", cookie(CSRF, SessionTokens.csrfFor(sessionToken), seconds, false));
    }

    public void clear(Context ctx) {
        ctx.res().addHeader("Set-Cookie", cookie(SESSION, "", 0, true));
        ctx.res().addHeader("Set-Cookie", cookie(CSRF, "", 0, false));
    }

    private String cookie(String name, String value, long maxAgeSeconds, boolean httpOnly) {
        StringBuilder sb = new StringBuilder(name).append('=').append(value)
                .append("; Path=/; Max-Age=").append(maxAgeSeconds).append("; SameSite=Lax");
        if (httpOnly) {
            sb.append("; HttpOnly");
        }
        if (secure) {
            sb.append("; Secure");
        }
        return sb.toString();
    }
}
