package ai.omnify.api.accounts;

import ai.omnify.config.Env;
import java.time.Duration;
import java.util.Map;

/**
 * Accounts and sessions, from environment variables with local defaults.
 *
 * <ul>
 *   <li>{@code QUERY_API_COOKIE_SECURE} (default true): the session cookie's Secure flag; false only for plain-http
 *       local use (the demo sets it)</li>
 *   <li>{@code QUERY_API_SESSION_TTL} (default 12h): how long a login lasts</li>
 *   <li>{@code QUERY_API_LOGIN_MAX_FAILURES} (default 5) failed logins per account, and
 *       {@code QUERY_API_LOGIN_MAX_FAILURES_PER_IP} (default 50) per client address, within
 *       {@code QUERY_API_LOGIN_WINDOW} (default 15m); then logins are refused (429) until the window ends</li>
 *   <li>{@code QUERY_API_INVITE_TTL} (default 7d)</li>
 *   <li>{@code QUERY_API_PUBLIC_URL} (default http://127.0.0.1:7070): the base of links handed out (invites)</li>
 * </ul>
 */
public record AccountsConfig(
        boolean cookieSecure,
        Duration sessionTtl,
        int maxFailuresPerAccount,
        int maxFailuresPerAddress,
        Duration loginWindow,
        Duration inviteTtl,
        String publicUrl) {

    public AccountsConfig {
        if (sessionTtl.compareTo(Duration.ofMinutes(1)) < 0 || sessionTtl.compareTo(Duration.ofDays(30)) > 0) {
            throw new Env.ConfigException("QUERY_API_SESSION_TTL=" + sessionTtl + " is out of range: use 1m to 30d");
        }
        if (loginWindow.compareTo(Duration.ofSeconds(1)) < 0 || loginWindow.compareTo(Duration.ofDays(1)) > 0) {
            throw new Env.ConfigException("QUERY_API_LOGIN_WINDOW=" + loginWindow + " is out of range: use 1s to 1d");
        }
        if (inviteTtl.compareTo(Duration.ofMinutes(1)) < 0 || inviteTtl.compareTo(Duration.ofDays(90)) > 0) {
            throw new Env.ConfigException("QUERY_API_INVITE_TTL=" + inviteTtl + " is out of range: use 1m to 90d");
        }
        publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    public static AccountsConfig fromEnv(Map<String, String> vars) {
        Env env = new Env(vars);
        return new AccountsConfig(
                env.bool("QUERY_API_COOKIE_SECURE", true),
                env.duration("QUERY_API_SESSION_TTL", Duration.ofHours(12)),
                env.integer("QUERY_API_LOGIN_MAX_FAILURES", 5, 1, 1000),
                env.integer("QUERY_API_LOGIN_MAX_FAILURES_PER_IP", 50, 1, 100_000),
                env.duration("QUERY_API_LOGIN_WINDOW", Duration.ofMinutes(15)),
                env.duration("QUERY_API_INVITE_TTL", Duration.ofDays(7)),
                env.string("QUERY_API_PUBLIC_URL", "http://127.0.0.1:7070"));
    }
}
