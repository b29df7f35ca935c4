package ai.omnify.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DatabaseConfigTest {

    @Test
    void defaultsAreTheLocalStackAsTheProgramsRole() {
        DatabaseConfig c = DatabaseConfig.fromEnv(Map.of(), "omnify_app", "omnify_app");
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/omnify");
        assertThat(c.user()).isEqualTo("omnify_app");
    }

    @Test
    void aPostgresUrlCarriesItsCredentials() {
        DatabaseConfig c = DatabaseConfig.fromEnv(Map.of("DATABASE_URL", "postgres://bob:s%40cret@db.internal:6543/prod?sslmode=require"),
                "omnify_app", "x");
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6543/prod?sslmode=require");
        assertThat(c.user()).isEqualTo("bob");
        assertThat(c.password()).isEqualTo("s@cret");
        assertThat(c.toString()).doesNotContain("s@cret");
    }

    @Test
    void aWrongUrlSaysWhatToUse() {
        assertThatThrownBy(() -> DatabaseConfig.fromEnv(Map.of("DATABASE_URL", "mysql://x"), "u", "p"))
                .hasMessageContaining("DATABASE_URL=mysql://x is not a PostgreSQL URL");
    }

    @Test
    void durationsAndNumbersNameTheVariableWhenWrong() {
        Env env = new Env(Map.of("A", "500ms", "B", "P35D", "C", "soon", "D", "70000"));
        assertThat(env.duration("A", Duration.ZERO)).isEqualTo(Duration.ofMillis(500));
        assertThat(env.duration("B", Duration.ZERO)).isEqualTo(Duration.ofDays(35));
        assertThatThrownBy(() -> env.duration("C", Duration.ZERO)).hasMessageContaining("C=soon is not a duration");
        assertThatThrownBy(() -> env.integer("D", 1, 1, 65535)).hasMessageContaining("D=70000 is out of range");
    }

    @Test
    void aProgramRefusesThePublicDefaultPasswordNamingTheVariable() {
        DatabaseConfig unset = DatabaseConfig.fromEnv(Map.of(), "omnify_app", "omnify_app");
        assertThatThrownBy(() -> unset.requirePrivatePassword(Map.of()))
                .isInstanceOf(Env.ConfigException.class)
                .hasMessageStartingWith("DATABASE_PASSWORD is not set, or is a public default, for the database role omnify_app:"
                        + " set DATABASE_PASSWORD to the role's real password");
        DatabaseConfig anotherRolesName = DatabaseConfig.fromEnv(
                Map.of("DATABASE_USER", "omnify_app", "DATABASE_PASSWORD", "omnify_pipeline"), "omnify_app", "omnify_app");
        assertThatThrownBy(() -> anotherRolesName.requirePrivatePassword(Map.of())).hasMessageContaining("DATABASE_PASSWORD");
        DatabaseConfig ownName = DatabaseConfig.fromEnv(Map.of("DATABASE_USER", "shop", "DATABASE_PASSWORD", "Shop"), "omnify_app", "x");
        assertThatThrownBy(() -> ownName.requirePrivatePassword(Map.of())).hasMessageContaining("DATABASE_PASSWORD");
        DatabaseConfig none = new DatabaseConfig(DatabaseConfig.DEFAULT_URL, "omnify_app", null);
        assertThatThrownBy(() -> none.requirePrivatePassword(Map.of()))
                .hasMessageStartingWith("DATABASE_PASSWORD is not set, or is a public default, for the database role omnify_app");
    }

    @Test
    void aRealPasswordOrTheDemoPasses() {
        DatabaseConfig real = DatabaseConfig.fromEnv(Map.of("DATABASE_PASSWORD", "9f2c51d0a7e3b6"), "omnify_app", "omnify_app");
        assertThat(real.requirePrivatePassword(Map.of())).isSameAs(real);
        DatabaseConfig demo = DatabaseConfig.fromEnv(Map.of(), "omnify_app", "omnify_app");
        assertThat(demo.requirePrivatePassword(Map.of("DATABASE_ALLOW_DEFAULT_PASSWORD", "true"))).isSameAs(demo);
    }
}
