package ai.omnify.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who a route test calls as: nobody, an API key, or a logged-in browser (session cookie, plus the CSRF header on
 * writes unless a test leaves it out on purpose).
 */
public record Caller(String name, String apiKey, String sessionToken, String csrfToken) {
    public static final Caller ANONYMOUS = new Caller("anonymous", null, null, null);

    public static Caller key(String name, String apiKey) {
        return new Caller(name, apiKey, null, null);
    }

    public static Caller session(String name, String sessionToken, String csrfToken) {
        return new Caller(name, null, sessionToken, csrfToken);
    }

    public Caller withoutCsrf() {
        return new Caller(name + " without CSRF", apiKey, sessionToken, null);
    }

    public Caller withCsrf(String other) {
        return new Caller(name + " with another CSRF token", apiKey, sessionToken, other);
    }

    public Map<String, String> headers(String method) {
        Map<String, String> h = new LinkedHashMap<>();
        if (apiKey != null) {
            h.put("Authorization", "Bearer " + apiKey);
        }
        if (sessionToken != null) {
            h.put("Cookie", "omnify_session=" + sessionToken);
            if (csrfToken != null && !method.equals("GET")) {
                h.put("X-CSRF-Token", csrfToken);
            }
        }
        return h;
    }

    public TestHttp.Response call(TestHttp http, String method, String path, String jsonBody) {
        return http.send(method, path, headers(method), jsonBody);
    }

    public TestHttp.Response get(TestHttp http, String path) {
        return call(http, "GET", path, null);
    }

    @Override
    public String toString() {
        return name;
    }
}
