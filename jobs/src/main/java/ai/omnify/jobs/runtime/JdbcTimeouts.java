package ai.omnify.jobs.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Connect and socket timeouts (and TCP keep-alive) on every JDBC connection of a job, so that a PostgreSQL that stops
 * answering (a black hole, a half-open connection) fails the call within bounds instead of hanging a task forever;
 * the restart strategy then brings the job back from its last checkpoint. Settings already in the URL win.
 */
public final class JdbcTimeouts {
    static final Map<String, String> DEFAULTS = defaults();

    private JdbcTimeouts() {}

    /** The URL ({@code jdbc:postgresql:} or {@code postgres://}) with every default parameter it does not set. */
    public static String addTo(String url) {
        int q = url.indexOf('?');
        String query = q < 0 ? "" : url.substring(q + 1);
        StringBuilder out = new StringBuilder(url);
        String sep = q < 0 ? "?" : (query.isEmpty() || query.endsWith("&") ? "" : "&");
        for (Map.Entry<String, String> e : DEFAULTS.entrySet()) {
            if (!hasParameter(query, e.getKey())) {
                out.append(sep).append(e.getKey()).append('=').append(e.getValue());
                sep = "&";
            }
        }
        return out.toString();
    }

    private static boolean hasParameter(String query, String name) {
        for (String p : query.split("&")) {
            if (p.equalsIgnoreCase(name) || p.regionMatches(true, 0, name + "=", 0, name.length() + 1)) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("connectTimeout", "10");   // seconds to open a connection
        m.put("socketTimeout", "120");   // seconds a statement may wait for the server's answer
        m.put("tcpKeepAlive", "true");
        return m;
    }
}
