package ai.omnify.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.omnify.model.Ids;
import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.model.alert.AlertRules;
import ai.omnify.model.alert.DailyBudgets;
import ai.omnify.model.fx.FxTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoBudgetsTest {
    static final String ORG = "3b1f6a2e-5d7c-4e8a-9f00-0123456789ab";
    static final String OTHER_ORG = "0b4c9d52-6f1e-4d1a-9b7e-2f6a1c3d4e5f";
    static final String OTHER_CHANNEL = "6f1e0b4c-9d52-4d1a-9b7e-2f6a1c3d4e5f";

    @Test
    void readsTheFakesBudgetsAsTheOrganizationsChannelsConvertedAndMergedIntoItsRules() throws Exception {
        // as simulator.jar fakes writes it; the channelId column is for the organization the fakes were started with
        List<DemoBudgets.Row> rows = DemoBudgets.parse(List.of(
                "platform,campaignId,channelId,currency,dailyBudget",
                "meta,23858143366871459," + Ids.channelId(OTHER_ORG, Platform.META, "23858143366871459") + ",EUR,120.00",
                "google,65780826928," + Ids.channelId(OTHER_ORG, Platform.GOOGLE, "65780826928") + ",USD,200",
                "tiktok,1790000000000001,,GBP,80.5",
                ""));
        assertThat(rows).hasSize(3);
        FxTable fx = FxTable.of(List.of(new FxTable.Rate("USD", "EUR", LocalDate.of(2026, 11, 1), new BigDecimal("0.9")),
                new FxTable.Rate("USD", "GBP", LocalDate.of(2026, 11, 1), new BigDecimal("0.8"))));
        Map<String, BigDecimal> eur = DailyBudgets.inCurrency(DemoBudgets.budgets(rows, ORG), fx, "EUR",
                LocalDate.of(2026, 11, 26));
        String meta = Ids.channelId(ORG, Platform.META, "23858143366871459").toString();
        String google = Ids.channelId(ORG, Platform.GOOGLE, "65780826928").toString();
        String tiktok = Ids.channelId(ORG, Platform.TIKTOK, "1790000000000001").toString();
        assertThat(eur).containsOnlyKeys(meta, google, tiktok);
        assertThat(eur.get(google)).isEqualByComparingTo("180");
        assertThat(eur.get(tiktok)).isEqualByComparingTo("90.5625");

        // the rules as GET /api/v1/alert-rules gives them: everything else and the other channel's budget stay
        String got = "{\"orgId\":\"" + ORG + "\",\"kinds\":{\"spend_spike\":{\"enabled\":false}},\"sensitivity\":\"high\","
                + "\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\",\"timeZone\":\"Europe/Berlin\"},"
                + "\"dailyBudgets\":{\"" + OTHER_CHANNEL + "\":55,\"" + meta + "\":1},"
                + "\"updatedAt\":\"2026-11-25T10:00:00Z\"}";
        ObjectNode merged = DemoBudgets.merge(Json.mapper().readTree(got), eur);
        AlertRules rules = Json.read(Json.mapper().writeValueAsString(merged), AlertRules.class).value();
        assertThat(rules.problems()).isEmpty();
        assertThat(rules.enabled(ai.omnify.model.alert.AlertKind.SPEND_SPIKE)).isFalse();
        assertThat(rules.sensitivity()).isEqualTo("high");
        assertThat(rules.quietHours().start()).isEqualTo("22:00");
        assertThat(rules.dailyBudgets()).containsOnlyKeys(OTHER_CHANNEL, meta, google, tiktok);
        assertThat(rules.dailyBudgets().get(OTHER_CHANNEL)).isEqualByComparingTo("55");
        assertThat(rules.dailyBudgets().get(meta)).isEqualByComparingTo("120"); // the new budget wins
        assertThat(rules.dailyBudgets().get(google)).isEqualByComparingTo("180");
    }

    @Test
    void rulesWithoutBudgetsGetThem() throws Exception {
        JsonNode defaults = Json.mapper().readTree(Json.write(AlertRules.defaults(ORG)));
        ObjectNode merged = DemoBudgets.merge(defaults, Map.of(OTHER_CHANNEL, new BigDecimal("12.5")));
        assertThat(merged.path("dailyBudgets").path(OTHER_CHANNEL).decimalValue()).isEqualByComparingTo("12.5");
        assertThat(merged.path("orgId").asText()).isEqualTo(ORG);
    }

    @Test
    void aBadFileNamesTheLineAndWhatToFix() {
        assertThatThrownBy(() -> DemoBudgets.parse(List.of("platform,campaign,currency,dailyBudget")))
                .hasMessageContaining("no column campaignId");
        assertThatThrownBy(() -> DemoBudgets.parse(List.of()))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> DemoBudgets.parse(List.of("platform,campaignId,channelId,currency,dailyBudget",
                "meta,1,,EUR,12", "snapchat,2,,EUR,12"))).hasMessageContaining("line 3").hasMessageContaining("snapchat");
        assertThatThrownBy(() -> DemoBudgets.parse(List.of("platform,campaignId,channelId,currency,dailyBudget",
                "meta,1,,EUR,lots"))).hasMessageContaining("line 2").hasMessageContaining("'lots' is not a number");
        assertThatThrownBy(() -> DemoBudgets.parse(List.of("platform,campaignId,channelId,currency,dailyBudget",
                "meta,1,,EUR,0"))).hasMessageContaining("positive");
    }

    @Test
    void helpAndUsageErrors() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(DemoBudgets.run(new String[] {"--help"}, Map.of(), new PrintStream(out), new PrintStream(err)))
                .isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--budgets FILE");
        assertThat(DemoBudgets.run(new String[] {"--api-url", "http://127.0.0.1:1"}, Map.of(), new PrintStream(out),
                new PrintStream(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--api-url, --api-key and --budgets are required");
        err.reset();
        assertThat(DemoBudgets.run(new String[] {"--api-url", "http://127.0.0.1:1", "--api-key", "k", "--budgets",
                "/nonexistent/budgets.csv"}, Map.of(), new PrintStream(out), new PrintStream(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read /nonexistent/budgets.csv");
    }
}
