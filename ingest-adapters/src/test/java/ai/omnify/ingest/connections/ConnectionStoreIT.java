package ai.omnify.ingest.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omnify.ingest.db.IngestPools;
import ai.omnify.model.Platform;
import ai.omnify.server.connections.ConnectionWriter;
import ai.omnify.server.crypto.CredentialCipher;
import ai.omnify.server.db.TenantDb;
import ai.omnify.testing.StackExtension;
import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Connections written by the ingest service (the single-brand variables) by the rule both services share
 * ({@link ConnectionWriter}), on PostgreSQL as the application role: a connection made through the API keeps its time
 * zone and currency when the environment's credentials replace its own, and another organization's account is never
 * touched.
 */
class ConnectionStoreIT {
    static final CredentialCipher CIPHER = CredentialCipher.of("k1", new byte[32], Map.of());

    @RegisterExtension
    static final StackExtension STACK = StackExtension.database();

    static HikariDataSource pool;
    static ConnectionStore store;

    @BeforeAll
    static void open() {
        pool = IngestPools.sync(STACK.db().appConfig(), 2);
        store = new ConnectionStore(new TenantDb(pool), CIPHER);
    }

    @AfterAll
    static void close() {
        pool.close();
    }

    @Test
    void theEnvironmentsCredentialsReplaceAnApiConnectionsAndKeepItsZoneAndCurrency() {
        UUID org = STACK.db().createOrganization("Env over API", "EUR", "Europe/Berlin");
        ConnectionWriter.Saved made = new ConnectionWriter(new TenantDb(pool), CIPHER).save(org, Platform.META,
                "act_100", Map.of("access_token", "from-api"), ConnectionWriter.API, "America/New_York", "USD");
        assertThat(made.created()).isTrue();
        STACK.db().execute("UPDATE api_credentials SET status = 'needs_reauth', is_active = false,"
                + " status_reason = 'token expired' WHERE id = ?", made.id());

        UUID id = store.upsert(org, Platform.META, "act_100", Map.of("access_token", "from-env"), ConnectionWriter.ENV);

        assertThat(id).isEqualTo(made.id());
        List<Map<String, Object>> rows = STACK.db().query("SELECT source, status, is_active, status_reason, time_zone,"
                + " currency FROM api_credentials WHERE id = ?", id);
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.get("source")).isEqualTo("env");
            assertThat(r.get("status")).isEqualTo("active");
            assertThat(r.get("is_active")).isEqualTo(true);
            assertThat(r.get("status_reason")).isNull();
            assertThat(r.get("time_zone")).isEqualTo("America/New_York");
            assertThat(r.get("currency")).isEqualTo("USD");
        });
        assertThat(store.load(org, id)).hasValueSatisfying(d -> {
            assertThat(d.credentials()).containsExactly(Map.entry("access_token", "from-env"));
            assertThat(d.zone().getId()).isEqualTo("America/New_York");
            assertThat(d.currency()).isEqualTo("USD");
        });
    }

    @Test
    void anotherOrganizationsAccountIsRefusedAndLeftAsItWas() {
        UUID owner = STACK.db().createOrganization("Owner", "EUR");
        UUID other = STACK.db().createOrganization("Other", "EUR");
        UUID id = store.upsert(owner, Platform.SHOPIFY, "taken.myshopify.com", Map.of("access_token", "mine"),
                ConnectionWriter.API);

        assertThatThrownBy(() -> store.upsert(other, Platform.SHOPIFY, "taken.myshopify.com",
                Map.of("access_token", "theirs"), ConnectionWriter.ENV))
                .isInstanceOf(ConnectionWriter.AccountTakenException.class)
                .hasMessage("shopify account taken.myshopify.com is already connected by another organization");

        assertThat(STACK.db().query("SELECT organization_id, source FROM api_credentials WHERE platform = 'shopify'"
                + " AND account = 'taken.myshopify.com'")).singleElement().satisfies(r -> {
                    assertThat(r.get("organization_id")).isEqualTo(owner);
                    assertThat(r.get("source")).isEqualTo("api");
                });
        assertThat(store.load(owner, id)).hasValueSatisfying(
                d -> assertThat(d.credentials()).containsEntry("access_token", "mine"));
    }
}
