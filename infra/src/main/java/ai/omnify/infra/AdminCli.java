package ai.omnify.infra;

import ai.omnify.config.DatabaseConfig;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Administrative commands the launcher runs as the owner role: {@code migrate}, {@code org create NAME --currency XXX
 * [--time-zone ZONE]}. Connection from DATABASE_URL, DATABASE_USER (default omnify_owner), DATABASE_PASSWORD.
 */
public final class AdminCli {
    static final String USAGE = """
            usage: omnify-admin migrate
                   omnify-admin org create NAME --currency XXX [--time-zone ZONE] [--key-name NAME]
                   omnify-admin user create --org ID --email EMAIL [--role admin|member|viewer] [--password P]

            migrate     apply the database schema (Flyway); safe to run again
            org create  create an organization and print its id and a new API key (shown once)
            user create a login for the dashboard in an organization (role default admin; without
                        --password a random one is made); prints the email and the password

            environment: DATABASE_URL (default %s), DATABASE_USER (default omnify_owner),
                         DATABASE_PASSWORD, OMNIFY_APP_ROLE (default omnify_app),
                         OMNIFY_PIPELINE_ROLE (default omnify_pipeline)
            """.formatted(DatabaseConfig.DEFAULT_URL);

    private AdminCli() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        try {
            DatabaseConfig db = DatabaseConfig.fromEnv(env, "omnify_owner", "omnify_owner");
            switch (args[0]) {
                case "migrate" -> {
                    MigrateResult r = Migrations.migrate(db,
                            env.getOrDefault("OMNIFY_APP_ROLE", Migrations.DEFAULT_APP_ROLE),
                            env.getOrDefault("OMNIFY_PIPELINE_ROLE", Migrations.DEFAULT_PIPELINE_ROLE));
                    if (r.migrationsExecuted == 0) {
                        out.println("schema is up to date at version " + r.initialSchemaVersion);
                    } else {
                        out.println("schema migrated from version " + (r.initialSchemaVersion == null ? "none" : r.initialSchemaVersion)
                                + " to " + r.targetSchemaVersion + " (" + r.migrationsExecuted + " migrations applied)");
                    }
                    return 0;
                }
                case "org" -> {
                    return org(args, db, out, err);
                }
                case "user" -> {
                    return user(args, db, out, err);
                }
                default -> {
                    err.println("unknown command '" + args[0] + "'");
                    err.print(USAGE);
                    return 2;
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (SQLException e) {
            err.println("error: database: " + e.getMessage()
                    + " (is PostgreSQL up? try 'infra/omnify up', and check DATABASE_URL/DATABASE_USER)");
            return 1;
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static int org(String[] args, DatabaseConfig db, PrintStream out, PrintStream err) throws SQLException {
        if (args.length < 3 || !args[1].equals("create")) {
            err.print(USAGE);
            return 2;
        }
        String name = args[2];
        String currency = null;
        String zone = "UTC";
        String keyName = "default";
        List<String> rest = new ArrayList<>(List.of(args).subList(3, args.length));
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            String v = i + 1 < rest.size() ? rest.get(i + 1) : null;
            switch (a) {
                case "--currency" -> { currency = need(a, v); i++; }
                case "--time-zone" -> { zone = need(a, v); i++; }
                case "--key-name" -> { keyName = need(a, v); i++; }
                default -> throw new IllegalArgumentException("unknown option '" + a + "'\n" + USAGE);
            }
        }
        if (currency == null) {
            throw new IllegalArgumentException("--currency is required (the organization's reporting currency, e.g. EUR)");
        }
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            c.setAutoCommit(false);
            UUID org = OrgAdmin.createOrganization(c, name, currency, zone);
            String key = OrgAdmin.createApiKey(c, org, keyName, List.of("read", "ingest", "act", "admin"));
            c.commit();
            out.println("organization " + org);
            out.println("api key      " + key + "   (shown once: keep it)");
            return 0;
        }
    }

    private static int user(String[] args, DatabaseConfig db, PrintStream out, PrintStream err) throws SQLException {
        if (args.length < 2 || !args[1].equals("create")) {
            err.print(USAGE);
            return 2;
        }
        String org = null;
        String email = null;
        String role = "admin";
        String password = null;
        List<String> rest = new ArrayList<>(List.of(args).subList(2, args.length));
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            String v = i + 1 < rest.size() ? rest.get(i + 1) : null;
            switch (a) {
                case "--org" -> { org = need(a, v); i++; }
                case "--email" -> { email = need(a, v); i++; }
                case "--role" -> { role = need(a, v); i++; }
                case "--password" -> { password = need(a, v); i++; }
                default -> throw new IllegalArgumentException("unknown option '" + a + "'\n" + USAGE);
            }
        }
        if (org == null || email == null) {
            throw new IllegalArgumentException("--org and --email are required");
        }
        UUID orgId;
        try {
            orgId = UUID.fromString(org);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--org '" + org + "' is not an organization id (a UUID)");
        }
        String pw = password == null ? OrgAdmin.randomPassword() : password;
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            c.setAutoCommit(false);
            OrgAdmin.createUser(c, orgId, email, role, pw);
            c.commit();
        }
        out.println("email        " + email.trim().toLowerCase(java.util.Locale.ROOT));
        out.println("password     " + pw + (password == null ? "   (shown once: keep it)" : ""));
        out.println("role         " + role);
        return 0;
    }

    private static String need(String option, String value) {
        if (value == null) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }
}
