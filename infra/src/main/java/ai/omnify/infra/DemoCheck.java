package ai.omnify.infra;

import ai.omnify.model.Ids;
import ai.omnify.model.Platform;
import ai.omnify.config.DatabaseConfig;
import ai.omnify.model.fx.FxTable;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * {@code infra/omnify demo --check}: do the demo organization's daily metrics equal the fake platforms' ground truth
 * ({@code ad-days.csv} of {@code simulator.jar fakes --ground-truth})? Compares spend (converted to the
 * organization's currency at each day's rate from {@link FxTable}, half-even to 4 decimals per ad-day, as the MetricsJob does),
 * impressions and clicks per channel-day for the days from the fakes' first day up to {@code --until} (days the
 * platforms no longer restate); stored days before the fakes' first day are left from demos run on earlier days.
 * Runs as the database owner (DATABASE_URL, DATABASE_USER, DATABASE_PASSWORD). Exit 0 equal, 1 differences, 2 usage
 * or input errors.
 */
public final class DemoCheck {
    private DemoCheck() {}

    record Figures(BigDecimal spend, long impressions, long clicks) {
        Figures plus(Figures o) {
            return new Figures(spend.add(o.spend), impressions + o.impressions, clicks + o.clicks);
        }

        @Override
        public String toString() {
            return "spend " + spend.setScale(4, RoundingMode.UNNECESSARY) + ", impressions " + impressions + ", clicks " + clicks;
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.length != 3) {
            err.println("usage: DemoCheck AD_DAYS_CSV ORGANIZATION_ID UNTIL_DATE");
            return 2;
        }
        Path csv = Path.of(args[0]);
        UUID org;
        LocalDate until;
        try {
            org = UUID.fromString(args[1]);
            until = LocalDate.parse(args[2]);
        } catch (RuntimeException e) {
            err.println("demo check: " + e.getMessage() + ": pass the organization id and a date YYYY-MM-DD");
            return 2;
        }
        try (Connection c = connect(env)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT set_config('omnify.org_id', ?, false)")) {
                ps.setString(1, org.toString()); // row-level security: this organization's rows
                ps.execute();
            }
            String currency;
            try (PreparedStatement ps = c.prepareStatement("SELECT currency FROM organizations WHERE id = ?")) {
                ps.setObject(1, org);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        err.println("demo check: no organization " + org);
                        return 2;
                    }
                    currency = rs.getString(1).trim();
                }
            }
            FxTable fx = FxRates.load(c); // the MetricsJob's table: the same cross rates
            Map<String, Figures> truth = new TreeMap<>();
            List<String> lines = Files.readAllLines(csv);
            LocalDate first = null; // the fakes' first day: stored days before it are left from runs on earlier days
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",", -1);
                LocalDate date = LocalDate.parse(f[4]);
                first = first == null || date.isBefore(first) ? date : first;
                if (date.isAfter(until)) {
                    continue;
                }
                BigDecimal rate = fx.rate(f[5], currency, date).orElse(null);
                if (rate == null) {
                    err.println("demo check: no rate from " + f[5] + " to " + currency + " on or before " + date);
                    return 2;
                }
                // the channel of this organization (the file's channelId is for the organization the fakes were started with)
                String channel = Ids.channelId(org.toString(), Platform.fromWire(f[0]), f[2]).toString();
                truth.merge(channel + "|" + date, new Figures(new BigDecimal(f[6]).multiply(rate).setScale(4,
                        RoundingMode.HALF_EVEN), Long.parseLong(f[7]), Long.parseLong(f[8])), Figures::plus);
            }
            Map<String, Figures> stored = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT channel_id, date, spend, impressions, clicks FROM"
                    + " daily_metrics WHERE organization_id = ? AND date <= ? AND date >= ?")) {
                ps.setObject(1, org);
                ps.setObject(2, until);
                ps.setObject(3, first == null ? until : first);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Figures f = new Figures(rs.getBigDecimal(3), rs.getLong(4), rs.getLong(5));
                        String key = rs.getString(1) + "|" + rs.getDate(2).toLocalDate();
                        if (truth.containsKey(key) || f.spend().signum() != 0 || f.impressions() != 0 || f.clicks() != 0) {
                            stored.put(key, f);
                        }
                    }
                }
            }
            List<String> diff = new ArrayList<>();
            truth.forEach((k, v) -> {
                Figures s = stored.get(k);
                if (s == null || s.spend().compareTo(v.spend()) != 0 || s.impressions() != v.impressions()
                        || s.clicks() != v.clicks()) {
                    diff.add(k + ": truth " + v + "; stored " + s);
                }
            });
            stored.keySet().stream().filter(k -> !truth.containsKey(k)).forEach(k -> diff.add(k + ": not in the truth; stored " + stored.get(k)));
            if (diff.isEmpty()) {
                out.println("demo check: " + truth.size() + " channel-days from " + first + " (the fakes' first day) up to "
                        + until + " equal the fake platforms' ground truth (spend in " + currency
                        + ", impressions, clicks)");
                return 0;
            }
            out.println("demo check: " + diff.size() + " of " + truth.size() + " channel-days differ, e.g.");
            diff.stream().limit(15).forEach(d -> out.println("  " + d));
            return 1;
        } catch (IOException e) {
            err.println("demo check: cannot read " + csv + ": " + e.getMessage());
            return 2;
        } catch (SQLException e) {
            err.println("demo check: database: " + e.getMessage() + " (is PostgreSQL up? check DATABASE_URL)");
            return 2;
        }
    }

    private static Connection connect(Map<String, String> env) throws SQLException {
        DatabaseConfig db = DatabaseConfig.fromEnv(env, "omnify_owner", "omnify_owner");
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }
}
