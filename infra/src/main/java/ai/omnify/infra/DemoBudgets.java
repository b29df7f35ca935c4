package ai.omnify.infra;

import ai.omnify.model.Ids;
import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.model.alert.DailyBudgets;
import ai.omnify.config.DatabaseConfig;
import ai.omnify.model.fx.FxTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code infra/omnify demo}: puts the fake platforms' campaign daily budgets ({@code budgets.csv} of
 * {@code simulator.jar fakes --ground-truth}) into the demo organization's alert rules, so budget pacing has budgets
 * to check. Each budget is converted from its ad account's currency to the organization's at the latest rate (today's,
 * with the MetricsJob's own {@link FxTable} over {@code fx_rates}, read as the database owner: DATABASE_URL,
 * DATABASE_USER, DATABASE_PASSWORD), merged into the rules of {@code GET /api/v1/alert-rules} (every other setting
 * and the organization's budgets for other channels stay) and {@code PUT} back (admin scope). Channel ids are the
 * organization's own ({@link Ids#channelId}), whether or not the channel has data yet. Exit 0 set, 2 usage or input
 * errors, 3 the API or the database refused or did not answer.
 */
public final class DemoBudgets {
    static final String USAGE = """
            usage: DemoBudgets --api-url URL --api-key KEY --budgets FILE
            Sets the daily budgets of FILE (budgets.csv of 'simulator.jar fakes --ground-truth DIR': platform,
            campaignId,channelId,currency,dailyBudget) in the organization's alert rules (GET, then PUT
            /api/v1/alert-rules; the key needs the admin scope), converted to the organization's currency at the latest
            rate in fx_rates (DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD: the database owner). Every other rule and
            the budgets of other channels stay.
            """;
    static final String HEADER = "platform,campaignId,currency,dailyBudget";

    /** Bad input in the budgets file: the message names the line and what to fix. */
    static final class BadFile extends Exception {
        private static final long serialVersionUID = 1L;

        BadFile(String message) {
            super(message);
        }
    }

    /** One row of {@code budgets.csv}. */
    record Row(Platform platform, String campaignId, String currency, BigDecimal dailyBudget) {}

    private DemoBudgets() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        ToolOptions parsed = ToolOptions.parse("demo budgets", args, USAGE, out, err);
        if (parsed.exit() != null) {
            return parsed.exit();
        }
        Map<String, String> o = parsed.values();
        String api = o.get("--api-url");
        String key = o.get("--api-key");
        String file = o.get("--budgets");
        if (api == null || key == null || file == null) {
            err.println("demo budgets: --api-url, --api-key and --budgets are required");
            err.print(USAGE);
            return 2;
        }
        List<Row> rows;
        try {
            rows = parse(Files.readAllLines(Path.of(file)));
        } catch (IOException e) {
            err.println("demo budgets: cannot read " + file + " (" + e.getMessage()
                    + "): pass the budgets.csv that 'simulator.jar fakes --ground-truth DIR' wrote");
            return 2;
        } catch (BadFile e) {
            err.println("demo budgets: " + file + ": " + e.getMessage());
            return 2;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        URI rulesUri = URI.create(api + "/api/v1/alert-rules");
        try {
            HttpResponse<String> got = http.send(HttpRequest.newBuilder(rulesUri).header("Authorization", "Bearer " + key)
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (got.statusCode() != 200) {
                err.println("demo budgets: GET /api/v1/alert-rules answered " + got.statusCode() + ": " + got.body());
                return 3;
            }
            JsonNode rules = Json.mapper().readTree(got.body());
            UUID org;
            try {
                org = UUID.fromString(rules.path("orgId").asText());
            } catch (IllegalArgumentException e) {
                err.println("demo budgets: GET /api/v1/alert-rules named no organization (orgId): " + got.body());
                return 3;
            }
            Map<String, BigDecimal> budgets;
            try (Connection c = connect(env)) {
                String currency = currency(c, org);
                if (currency == null) {
                    err.println("demo budgets: organization " + org + " (of the API key) is not in the database at "
                            + "DATABASE_URL: point DATABASE_URL at the query API's database");
                    return 3;
                }
                budgets = DailyBudgets.inCurrency(budgets(rows, org.toString()), FxRates.load(c), currency,
                        LocalDate.now(ZoneOffset.UTC));
            } catch (DailyBudgets.NoRateException e) {
                err.println("demo budgets: " + e.getMessage() + ": add the rate to fx_rates (infra/omnify migrate seeds them)");
                return 3;
            }
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(rulesUri).header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .PUT(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(merge(rules, budgets))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (put.statusCode() != 200) {
                err.println("demo budgets: PUT /api/v1/alert-rules answered " + put.statusCode() + ": " + put.body()
                        + (put.statusCode() == 403 ? " (the API key needs the admin scope)" : ""));
                return 3;
            }
            out.println("daily budgets of " + budgets.size()
                    + " campaigns set in the demo organization's alert rules (budget pacing)");
            return 0;
        } catch (ConnectException e) {
            err.println("demo budgets: the query API at " + api + " does not answer: start it (infra/omnify serve)");
            return 3;
        } catch (SQLException e) {
            err.println("demo budgets: database: " + e.getMessage() + " (is PostgreSQL up? check DATABASE_URL)");
            return 3;
        } catch (IOException e) {
            err.println("demo budgets: " + e.getMessage());
            return 3;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 3;
        }
    }

    /**
     * The rows of {@code budgets.csv} (header {@code platform,campaignId,channelId,currency,dailyBudget}; columns
     * found by name, so the channelId column, written for the organization the fakes were started with, may be missing).
     */
    static List<Row> parse(List<String> lines) throws BadFile {
        if (lines.isEmpty()) {
            throw new BadFile("empty: expected the header " + HEADER + " (and channelId)");
        }
        List<String> header = List.of(lines.get(0).trim().split(",", -1));
        int[] at = new int[4];
        String[] names = HEADER.split(",");
        for (int i = 0; i < names.length; i++) {
            at[i] = header.indexOf(names[i]);
            if (at[i] < 0) {
                throw new BadFile("the header has no column " + names[i] + " (expected " + HEADER + ")");
            }
        }
        List<Row> out = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != header.size()) {
                throw new BadFile("line " + (n + 1) + " has " + f.length + " columns, the header " + header.size());
            }
            Platform p;
            try {
                p = Platform.fromWire(f[at[0]]);
            } catch (RuntimeException e) {
                throw new BadFile("line " + (n + 1) + ": unknown platform '" + f[at[0]] + "' (meta, google, tiktok)");
            }
            BigDecimal amount;
            try {
                amount = new BigDecimal(f[at[3]]);
            } catch (NumberFormatException e) {
                throw new BadFile("line " + (n + 1) + ": dailyBudget '" + f[at[3]] + "' is not a number");
            }
            if (amount.signum() <= 0 || f[at[1]].isEmpty() || !f[at[2]].matches("[A-Z]{3}")) {
                throw new BadFile("line " + (n + 1) + ": give a campaign id, a currency code (e.g. EUR) and a positive "
                        + "daily budget");
            }
            out.add(new Row(p, f[at[1]], f[at[2]], amount));
        }
        return out;
    }

    /** The rows as budgets of {@code org}'s channels (channel ids are deterministic: set whether or not data came yet). */
    static List<DailyBudgets.Budget> budgets(List<Row> rows, String org) {
        return rows.stream().map(r -> new DailyBudgets.Budget(Ids.channelId(org, r.platform(), r.campaignId()).toString(),
                r.currency(), r.dailyBudget())).toList();
    }

    /**
     * {@code rules} (as {@code GET /api/v1/alert-rules} gave them) with {@code budgets} set in {@code dailyBudgets}:
     * every other field and the budgets of other channels stay; a channel in both gets the new budget.
     */
    static ObjectNode merge(JsonNode rules, Map<String, BigDecimal> budgets) {
        ObjectNode out = rules.isObject() ? ((ObjectNode) rules).deepCopy() : Json.mapper().createObjectNode();
        ObjectNode daily = out.path("dailyBudgets").isObject() ? (ObjectNode) out.get("dailyBudgets")
                : out.putObject("dailyBudgets");
        budgets.forEach(daily::put);
        return out;
    }

    private static String currency(Connection c, UUID org) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT set_config('omnify.org_id', ?, false)")) {
            ps.setString(1, org.toString()); // row-level security: this organization's rows
            ps.execute();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT currency FROM organizations WHERE id = ?")) {
            ps.setObject(1, org);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1).trim() : null;
            }
        }
    }

    private static Connection connect(Map<String, String> env) throws SQLException {
        DatabaseConfig db = DatabaseConfig.fromEnv(env, "omnify_owner", "omnify_owner");
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }
}
