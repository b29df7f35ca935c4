package ai.omnify.infra;

import ai.omnify.config.DatabaseConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies the schema (classpath:db/migration) as the owner role, granting to the application and pipeline roles.
 * The migrations are one sequence, V1, V2, ...: a new one takes the next free version, and Flyway refuses to apply a
 * version lower than the newest applied one. An install made when the versions still had gaps (V15 ... V40) is
 * renumbered in place first ({@link LegacyVersions}); the schema is never cleaned.
 */
public final class Migrations {
    public static final String DEFAULT_APP_ROLE = "omnify_app";
    public static final String DEFAULT_PIPELINE_ROLE = "omnify_pipeline";
    static final String LOCATION = "classpath:db/migration";

    private Migrations() {}

    public static MigrateResult migrate(DatabaseConfig owner, String appRole, String pipelineRole) {
        return migrate(owner, appRole, pipelineRole, List.of());
    }

    /** As {@link #migrate(DatabaseConfig, String, String)}, with more locations after the schema's own (tests). */
    static MigrateResult migrate(DatabaseConfig owner, String appRole, String pipelineRole, List<String> moreLocations) {
        try (Connection c = DriverManager.getConnection(owner.jdbcUrl(), owner.user(), owner.password())) {
            LegacyVersions.renumber(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the migration history of " + owner.safeDescription() + ": "
                    + e.getMessage(), e);
        }
        return flyway(owner, appRole, pipelineRole, moreLocations).migrate();
    }

    static Flyway flyway(DatabaseConfig owner, String appRole, String pipelineRole, List<String> moreLocations) {
        List<String> locations = new ArrayList<>(List.of(LOCATION));
        locations.addAll(moreLocations);
        return Flyway.configure()
                .dataSource(owner.jdbcUrl(), owner.user(), owner.password())
                .locations(locations.toArray(String[]::new))
                .outOfOrder(false)
                .cleanDisabled(true)
                .placeholders(Map.of("app_role", appRole, "pipeline_role", pipelineRole))
                .load();
    }
}
