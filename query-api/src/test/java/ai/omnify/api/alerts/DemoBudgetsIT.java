package ai.omnify.api.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.api.QueryApiServer;
import ai.omnify.api.TestHttp;
import ai.omnify.api.config.QueryApiConfig;
import ai.omnify.infra.DemoBudgets;
import ai.omnify.model.Ids;
import ai.omnify.model.Platform;
import ai.omnify.model.Topics;
import ai.omnify.model.fx.FxTable;
import ai.omnify.testing.TestDatabase;
import ai.omnify.testing.TestKafka;
import ai.omnify.testing.TestStack;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code infra/omnify demo}'s budgets step against the real query API, PostgreSQL and Kafka: the fakes' campaign
 * budgets land in the organization's alert rules in its currency, and the rules it had stay.
 */
class DemoBudgetsIT {
    static final String OTHER_CHANNEL = "6f1e0b4c-9d52-4d1a-9b7e-2f6a1c3d4e5f";

    @Test
    void setsTheCampaignBudgetsInTheOrganizationsCurrencyAndKeepsItsOtherRules(@TempDir Path dir) throws Exception {
        Topics topics = TestKafka.createTopics(1);
        try (TestDatabase db = TestDatabase.create()) {
            UUID org = db.createOrganization("Gamma", "USD");
            String admin = db.createApiKey(org, "read", "act", "admin");
            String viewer = db.createApiKey(org, "read");
            Map<String, String> env = new HashMap<>(db.env(db.appConfig()));
            env.put("QUERY_API_PORT", "0");
            env.put("QUERY_API_HOST", "127.0.0.1");
            env.put("QUERY_API_DB_POOL_SIZE", "2");
            env.put("KAFKA_BOOTSTRAP_SERVERS", TestStack.kafkaBootstrap());
            env.put("OMNIFY_TOPIC_SUFFIX", topics.alerts().substring("omnify.alerts.".length()));
            try (QueryApiServer server = QueryApiServer.start(QueryApiConfig.fromEnv(env), env)) {
                TestHttp http = new TestHttp(server.port());
                String api = "http://127.0.0.1:" + server.port();
                assertThat(http.send("PUT", "/api/v1/alert-rules", admin, HttpRequest.BodyPublishers.ofString(
                        "{\"sensitivity\":\"high\",\"kinds\":{\"roas_drop\":{\"enabled\":false}},\"dailyBudgets\":{\""
                                + OTHER_CHANNEL + "\":55}}")).status()).isEqualTo(200);
                Path csv = dir.resolve("budgets.csv");
                // as simulator.jar fakes writes it (channel ids of the organization the fakes were started with: none)
                Files.write(csv, List.of("platform,campaignId,channelId,currency,dailyBudget",
                        "meta,23858143366871459,,EUR,120.00", "google,65780826928,,USD,200"));
                String[] args = {"--api-url", api, "--api-key", admin, "--budgets", csv.toString()};

                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int rc = DemoBudgets.run(args, db.env(db.ownerConfig()), new PrintStream(out), new PrintStream(err));
                assertThat(rc).as(err.toString(StandardCharsets.UTF_8)).isZero();
                assertThat(out.toString(StandardCharsets.UTF_8)).contains(
                        "daily budgets of 2 campaigns set in the demo organization's alert rules (budget pacing)");

                JsonNode rules = http.get("/api/v1/alert-rules", admin).json();
                assertThat(rules.path("sensitivity").asText()).isEqualTo("high");
                assertThat(rules.path("kinds").path("roas_drop").path("enabled").asBoolean(true)).isFalse();
                JsonNode budgets = rules.path("dailyBudgets");
                assertThat(budgets.size()).isEqualTo(3);
                assertThat(budgets.path(OTHER_CHANNEL).decimalValue()).isEqualByComparingTo("55");
                String meta = Ids.channelId(org.toString(), Platform.META, "23858143366871459").toString();
                String google = Ids.channelId(org.toString(), Platform.GOOGLE, "65780826928").toString();
                assertThat(budgets.path(google).decimalValue()).isEqualByComparingTo("200");
                // EUR to USD at the latest rate in fx_rates
                BigDecimal usdPerEur = BigDecimal.ONE.divide((BigDecimal) db.query("SELECT rate FROM fx_rates WHERE "
                        + "base = 'USD' AND quote = 'EUR' ORDER BY rate_date DESC LIMIT 1").get(0).get("rate"),
                        12, RoundingMode.HALF_EVEN);
                assertThat(budgets.path(meta).decimalValue())
                        .isEqualByComparingTo(new BigDecimal("120.00").multiply(usdPerEur)
                                .setScale(FxTable.AMOUNT_SCALE, RoundingMode.HALF_EVEN))
                        .isGreaterThan(new BigDecimal("120"));

                // the same again changes nothing; a key without the admin scope is told what it lacks
                assertThat(DemoBudgets.run(args, db.env(db.ownerConfig()), new PrintStream(out), new PrintStream(err)))
                        .isZero();
                assertThat(http.get("/api/v1/alert-rules", admin).json().path("dailyBudgets").size()).isEqualTo(3);
                err.reset();
                args[3] = viewer;
                assertThat(DemoBudgets.run(args, db.env(db.ownerConfig()), new PrintStream(out), new PrintStream(err)))
                        .isEqualTo(3);
                assertThat(err.toString(StandardCharsets.UTF_8)).contains("answered 403").contains("admin scope");
            }
        } finally {
            TestKafka.deleteTopics(topics);
        }
    }
}
