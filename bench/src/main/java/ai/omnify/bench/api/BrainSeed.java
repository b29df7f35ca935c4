package ai.omnify.bench.api;

import ai.omnify.model.Ids;
import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.model.brain.BrainState;
import ai.omnify.model.brain.Curiosity;
import ai.omnify.model.brain.Memory;
import ai.omnify.model.brain.Oracle;
import ai.omnify.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A brain state of the size the BrainJob publishes for an organization with {@code channels} channels (KPIs per window
 * and channel, 14-day forecasts of three metrics per channel and for the organization, fatigue, risks, ranked actions),
 * stored as the job stores it (brain_states.state, brain_insights), for the api benchmark's {@code GET /api/v1/brain}.
 */
final class BrainSeed {
    private BrainSeed() {}

    static void insert(TestDatabase db, UUID org, int channels, LocalDate asOf) throws SQLException {
        String o = org.toString();
        List<Memory.Kpis> kpis = new ArrayList<>();
        List<Oracle.Forecast> forecasts = new ArrayList<>();
        List<Memory.CreativeStanding> best = new ArrayList<>();
        List<Oracle.Fatigue> fatigue = new ArrayList<>();
        List<Curiosity.Action> actions = new ArrayList<>();
        for (int w : new int[] {7, 30, 90}) {
            kpis.add(new Memory.Kpis(w, "org", o, "Bench Brand", bd(1000 * w), bd(3000 * w), bd(2800 * w), bd(40 * w),
                    bd(3), bd(25), bd(2.8), BigDecimal.ONE));
        }
        for (int i = 0; i < channels; i++) {
            String ch = Ids.channelId(o, Platform.META, "cmp-" + i).toString();
            String cr = Ids.creativeId(o, Platform.META, "ad-" + i).toString();
            for (int w : new int[] {7, 30, 90}) {
                kpis.add(new Memory.Kpis(w, "channel", ch, "Campaign " + i, bd(50 * w + i), bd(150 * w), bd(140 * w),
                        bd(2 * w), bd(3), bd(25), bd(2.8), bd(0.05)));
            }
            for (String metric : List.of("spend", "revenue", "roas")) {
                forecasts.add(forecast(ch, metric, asOf));
            }
            if (i < 5) {
                best.add(new Memory.CreativeStanding(cr, ch, "Ad " + i, bd(700), bd(2600), bd(3.7), bd(0.021),
                        bd(0.1), "rising"));
                fatigue.add(new Oracle.Fatigue(cr, ch, "Ad " + i, "ctr", bd(0.011), bd(0.02), bd(0.01), bd(-0.0004),
                        3 + i, bd(110)));
                actions.add(new Curiosity.Action(UUID.nameUUIDFromBytes((o + i).getBytes()).toString(), "budget_move",
                        new Curiosity.Target(null, null, ch, Ids.channelId(o, Platform.META, "cmp-" + (i + 5)).toString(),
                                null, bd(18)), "Move 15% of Campaign " + i + "'s budget to Campaign " + (i + 5)
                                + ": its ROAS is twice as high", new Curiosity.Impact("revenue", bd(1250), "EUR", 14),
                        bd(0.72), "high"));
            }
        }
        for (String metric : List.of("spend", "revenue", "roas")) {
            forecasts.add(forecast(null, metric, asOf));
        }
        Memory memory = new Memory(kpis,
                List.of(new Memory.RevenueViews(7, bd(21000), bd(19600), bd(18000), bd(1400), bd(0.0667))),
                best, best, List.of(new Memory.TimelineEvent(asOf.minusDays(2), "launch", null, null, null,
                        "Ad 1 launched")));
        Oracle oracle = new Oracle(forecasts, fatigue, List.of(new Oracle.Risk("roas_below_target", "warning", null,
                bd(1.6), bd(2), "Campaign 3's ROAS of 1.60 is below the 2.00 target")), List.of());
        BrainState state = new BrainState(o, 1, Instant.now(), asOf, "EUR", memory, oracle, new Curiosity(actions),
                "Revenue held steady at 3.0x ROAS this week.");
        try (Connection c = db.ownerConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement set = c.prepareStatement("SELECT set_config('omnify.org_id', ?, true)")) {
                set.setString(1, o);
                set.executeQuery().close();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO brain_states (organization_id, version, "
                    + "memory_output, oracle_output, curiosity_output, as_of_date, summary, state) VALUES (?, 1, "
                    + "?::jsonb, ?::jsonb, ?::jsonb, ?, ?, ?::jsonb)")) {
                ps.setObject(1, org);
                ps.setString(2, Json.write(memory));
                ps.setString(3, Json.write(oracle));
                ps.setString(4, Json.write(state.curiosity()));
                ps.setObject(5, asOf);
                ps.setString(6, state.summary());
                ps.setString(7, Json.write(state));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO brain_insights (organization_id, kind, "
                    + "subject_id, version, text, source) VALUES (?, ?, ?, 1, ?, 'template')")) {
                ps.setObject(1, org);
                ps.setString(2, "summary");
                ps.setString(3, "org");
                ps.setString(4, state.summary());
                ps.addBatch();
                for (Curiosity.Action a : actions) {
                    ps.setString(2, "budget_move");
                    ps.setString(3, a.id());
                    ps.setString(4, a.rationale());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
        }
    }

    private static Oracle.Forecast forecast(String channelId, String metric, LocalDate origin) {
        List<Oracle.Point> points = new ArrayList<>();
        for (int h = 1; h <= 14; h++) {
            points.add(new Oracle.Point(origin.plusDays(h), h, bd(100 + h), bd(90 + h), bd(110 + h)));
        }
        return new Oracle.Forecast(channelId, metric, "holt_winters_additive", bd(0.08), bd(0.12), origin, points);
    }

    private static BigDecimal bd(double v) {
        return BigDecimal.valueOf(v);
    }
}
