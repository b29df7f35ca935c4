package ai.omnify.infra;

import ai.omnify.config.DatabaseConfig;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Applies the schema (classpath:db/migration) as the owner role, granting to the application and pipeline roles. */
public final class Migrations {
    public static final String DEFAULT_APP_ROLE = "omnify_app";
    public static final String DEFAULT_PIPELINE_ROLE = "omnify_pipeline";

    private Migrations() {}

    public static MigrateResult migrate(DatabaseConfig owner, String appRole, String pipelineRole) {
        Flyway flyway = Flyway.configure()
                .dataSource(owner.jdbcUrl(), owner.user(), owner.password())
                .locations("classpath:db/migration")
                // each issue's migrations have their own version range (docs/DECISIONS.md); a database may have
                // a later range applied before an earlier one lands
                .outOfOrder(true)
                .placeholders(Map.of("app_role", appRole, "pipeline_role", pipelineRole))
                .load();
        return flyway.migrate();
    }
}
