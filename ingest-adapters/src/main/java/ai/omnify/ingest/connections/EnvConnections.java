package ai.omnify.ingest.connections;

import ai.omnify.config.Env;
import ai.omnify.model.Parsed;
import ai.omnify.model.Platform;
import ai.omnify.model.connection.ConnectionRules;
import ai.omnify.server.crypto.CredentialCipher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Single-brand setup: connections from the plan's environment variables, bound to the organization
 * {@code OMNIFY_ORG_ID} (which {@code infra/omnify org create} prints). Each platform is configured by a pair (or, for
 * Google, a set) of variables; half a pair fails naming the missing variable. On start the ingest service creates
 * these connections (source {@code env}); a changed token in the environment replaces the stored one and makes the
 * connection active again, an unchanged one leaves its state alone.
 *
 * <ul>
 *   <li>{@code META_ADS_ACCESS_TOKEN} + {@code META_ADS_ACCOUNT_ID}</li>
 *   <li>{@code GOOGLE_ADS_REFRESH_TOKEN} + {@code GOOGLE_ADS_CUSTOMER_ID}, optional {@code GOOGLE_ADS_CLIENT_ID},
 *       {@code GOOGLE_ADS_CLIENT_SECRET}, {@code GOOGLE_ADS_LOGIN_CUSTOMER_ID}, {@code GOOGLE_ADS_DEVELOPER_TOKEN}</li>
 *   <li>{@code TIKTOK_ADS_ACCESS_TOKEN} + {@code TIKTOK_ADS_ADVERTISER_ID}</li>
 *   <li>{@code SHOPIFY_ACCESS_TOKEN} + {@code SHOPIFY_STORE_URL}</li>
 * </ul>
 */
public final class EnvConnections {
    /** One connection named by the environment. */
    public record Spec(Platform platform, String account, Map<String, String> credentials) {
        @Override
        public String toString() {
            return "Spec[" + platform.wire() + " " + account + ", keys " + credentials.keySet() + "]";
        }
    }

    private EnvConnections() {}

    /** The connections the environment names (validated), with the organization they bind to. */
    public static List<Spec> specs(Map<String, String> vars) {
        Env env = new Env(vars);
        List<Spec> out = new ArrayList<>();
        pair(env, out, Platform.META, "META_ADS_ACCESS_TOKEN", "META_ADS_ACCOUNT_ID", "access_token", Map.of());
        pair(env, out, Platform.GOOGLE, "GOOGLE_ADS_REFRESH_TOKEN", "GOOGLE_ADS_CUSTOMER_ID", "refresh_token", Map.of(
                "client_id", "GOOGLE_ADS_CLIENT_ID", "client_secret", "GOOGLE_ADS_CLIENT_SECRET",
                "login_customer_id", "GOOGLE_ADS_LOGIN_CUSTOMER_ID", "developer_token", "GOOGLE_ADS_DEVELOPER_TOKEN"));
        pair(env, out, Platform.TIKTOK, "TIKTOK_ADS_ACCESS_TOKEN", "TIKTOK_ADS_ADVERTISER_ID", "access_token", Map.of());
        pair(env, out, Platform.SHOPIFY, "SHOPIFY_ACCESS_TOKEN", "SHOPIFY_STORE_URL", "access_token", Map.of());
        return out;
    }

    /** The organization the environment's connections belong to. */
    public static UUID orgId(Map<String, String> vars) {
        String org = new Env(vars).required("OMNIFY_ORG_ID", "platform credentials are set in the environment, so say"
                + " which organization they belong to: set OMNIFY_ORG_ID to its id (infra/omnify org create prints it)");
        try {
            return UUID.fromString(org);
        } catch (IllegalArgumentException e) {
            throw new Env.ConfigException("OMNIFY_ORG_ID=" + org + " is not an organization id (a UUID)");
        }
    }

    /** Creates or updates the environment's connections. @return how many */
    public static int apply(Map<String, String> vars, ConnectionStore store) {
        List<Spec> specs = specs(vars);
        if (specs.isEmpty()) {
            return 0;
        }
        UUID org = orgId(vars);
        for (Spec s : specs) {
            if (!unchanged(store, org, s)) {
                store.upsert(org, s.platform(), s.account(), s.credentials(), "env");
            }
        }
        return specs.size();
    }

    /**
     * True when the organization's connection already holds these credentials: then its state is left alone (a
     * connection that needs re-authorization stays so until the token in the environment changes).
     */
    private static boolean unchanged(ConnectionStore store, UUID org, Spec s) {
        Optional<ConnectionRef> existing = store.find(s.platform(), s.account());
        if (existing.isEmpty() || !existing.get().orgId().equals(org)) {
            return false;
        }
        try {
            return store.load(org, existing.get().id()).map(d -> d.credentials().equals(s.credentials())).orElse(false);
        } catch (CredentialCipher.CredentialException e) {
            return false;
        }
    }

    private static void pair(Env env, List<Spec> out, Platform platform, String secretVar, String accountVar,
                             String secretKey, Map<String, String> optional) {
        String secret = env.string(secretVar, null);
        String account = env.string(accountVar, null);
        if (secret == null && account == null) {
            return;
        }
        if (secret == null) {
            throw new Env.ConfigException(accountVar + " is set but " + secretVar + " is not: set both to connect "
                    + platform.wire() + ", or neither");
        }
        if (account == null) {
            throw new Env.ConfigException(secretVar + " is set but " + accountVar + " is not: set both to connect "
                    + platform.wire() + ", or neither");
        }
        Parsed<String> normal = ConnectionRules.account(platform, account);
        if (normal.value() == null) {
            throw new Env.ConfigException(accountVar + ": " + normal.error());
        }
        Map<String, String> creds = new LinkedHashMap<>();
        creds.put(secretKey, secret);
        optional.forEach((key, variable) -> {
            String v = env.string(variable, null);
            if (v != null) {
                creds.put(key, key.equals("login_customer_id") ? v.replace("-", "") : v);
            }
        });
        out.add(new Spec(platform, normal.value(), creds));
    }
}
