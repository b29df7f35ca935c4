package ai.omnify.config;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where and as whom a program connects to PostgreSQL: {@code DATABASE_URL} (JDBC, or {@code postgres://user:pass@host:port/db}),
 * {@code DATABASE_USER} and {@code DATABASE_PASSWORD}. Each program has its own default role: the API services the
 * application role (subject to row-level security), the jobs the pipeline role, migrations the owner.
 */
public record DatabaseConfig(String jdbcUrl, String user, String password) implements java.io.Serializable {
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/omnify";
    /** Lets a program run with a public password (a throwaway local demo); never set in production. */
    public static final String ALLOW_DEFAULT_PASSWORD = "DATABASE_ALLOW_DEFAULT_PASSWORD";
    /** Passwords anyone can guess: the roles' names, which older launchers gave them, and a few classics. */
    private static final Set<String> PUBLIC_PASSWORDS = Set.of("omnify_owner", "omnify_app", "omnify_pipeline",
            "omnify", "postgres", "password");

    public DatabaseConfig {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new Env.ConfigException("DATABASE_URL=" + jdbcUrl
                    + " is not a PostgreSQL URL: use jdbc:postgresql://host:5432/db or postgres://user:pass@host:5432/db");
        }
        if (user == null || user.isBlank()) {
            throw new Env.ConfigException("DATABASE_USER is not set");
        }
    }

    /** Reads the three variables; user and password in a {@code postgres://} URL win over the defaults. */
    public static DatabaseConfig fromEnv(Map<String, String> vars, String defaultUser, String defaultPassword) {
        Env env = new Env(vars);
        String url = env.string("DATABASE_URL", DEFAULT_URL);
        String user = env.string("DATABASE_USER", null);
        String password = env.string("DATABASE_PASSWORD", null);
        if (url.startsWith("postgres://") || url.startsWith("postgresql://")) {
            URI u = URI.create(url);
            String userInfo = u.getRawUserInfo();
            if (userInfo != null) {
                String[] parts = userInfo.split(":", 2);
                if (user == null) {
                    user = decode(parts[0]);
                }
                if (password == null && parts.length == 2) {
                    password = decode(parts[1]);
                }
            }
            int port = u.getPort() < 0 ? 5432 : u.getPort();
            String query = u.getRawQuery() == null ? "" : "?" + u.getRawQuery();
            url = "jdbc:postgresql://" + u.getHost() + ":" + port + u.getRawPath() + query;
        }
        return new DatabaseConfig(url, user == null ? defaultUser : user, password == null ? defaultPassword : password);
    }

    /**
     * Refuses to start with a public password: none at all, the user's own name, or a known default (what every
     * program falls back to when {@code DATABASE_PASSWORD} is not set), unless {@code DATABASE_ALLOW_DEFAULT_PASSWORD=true}
     * (the demo). Called once by each program's {@code main}; the error names the variable to set.
     */
    public DatabaseConfig requirePrivatePassword(Map<String, String> vars) {
        if (!isPublicPassword() || new Env(vars).bool(ALLOW_DEFAULT_PASSWORD, false)) {
            return this;
        }
        throw new Env.ConfigException("DATABASE_PASSWORD is not set, or is a public default, for the database role " + user
                + ": set DATABASE_PASSWORD to the role's real password (infra/omnify keeps"
                + " the local stack's in .omnify/secrets/database.env); only a throwaway demo may run with a default ("
                + ALLOW_DEFAULT_PASSWORD + "=true)");
    }

    /** True when the password is empty, equals the user's name or is a known default. */
    public boolean isPublicPassword() {
        if (password == null || password.isBlank()) {
            return true;
        }
        String p = password.trim().toLowerCase(Locale.ROOT);
        return p.equals(user.toLowerCase(Locale.ROOT)) || PUBLIC_PASSWORDS.contains(p);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** The URL without credentials, for logs. */
    public String safeDescription() {
        int q = jdbcUrl.indexOf('?');
        return (q < 0 ? jdbcUrl : jdbcUrl.substring(0, q)) + " as " + user;
    }

    @Override
    public String toString() {
        return "DatabaseConfig[" + safeDescription() + "]";
    }
}
