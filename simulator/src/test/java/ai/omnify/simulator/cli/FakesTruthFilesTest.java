package ai.omnify.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Ids;
import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.model.connection.ConnectionRules;
import ai.omnify.simulator.fakes.FakePlatforms;
import ai.omnify.simulator.stream.SimulationConfig;
import ai.omnify.simulator.stream.SyntheticBrand;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakesTruthFilesTest {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final String ORG = "3b1f6a2e-5d7c-4e8a-9f00-0123456789ab";

    @Test
    void writesValidConnectionsAndEveryAdDayTheFakesServe(@TempDir Path dir) throws Exception {
        FakePlatforms fakes = new FakePlatforms(SyntheticBrand.create(SimulationConfig.of(42, 5, NOW, ORG)),
                Clock.fixed(NOW, ZoneOffset.UTC));
        FakesTruthFiles.write(fakes, dir, ORG);

        List<String> connections = Files.readAllLines(dir.resolve("connections.ndjson"));
        assertThat(connections).hasSize(4);
        for (String line : connections) {
            JsonNode c = Json.mapper().readTree(line);
            Platform p = Platform.fromWire(c.path("platform").asText());
            Map<String, String> credentials = new HashMap<>();
            c.path("credentials").fields().forEachRemaining(e -> credentials.put(e.getKey(), e.getValue().asText()));
            // what POST /api/v1/connections accepts, already in normal form
            assertThat(ConnectionRules.credentials(p, credentials)).as(line).isEmpty();
            assertThat(ConnectionRules.account(p, c.path("account").asText()).value()).isEqualTo(c.path("account").asText());
        }

        List<String> rows = Files.readAllLines(dir.resolve("ad-days.csv"));
        assertThat(rows.get(0)).isEqualTo("platform,channelId,campaignId,adId,date,currency,spend,impressions,clicks");
        int expected = 0;
        BigDecimal metaSpend = BigDecimal.ZERO;
        for (Platform p : List.of(Platform.META, Platform.GOOGLE, Platform.TIKTOK)) {
            var truth = fakes.truth().insights(p, fakes.truth().firstDate(p), fakes.truth().today(p));
            expected += truth.size();
            if (p == Platform.META) {
                metaSpend = truth.stream().map(i -> i.spend()).reduce(BigDecimal.ZERO, BigDecimal::add);
            }
        }
        assertThat(rows).hasSize(expected + 1);
        BigDecimal written = rows.stream().skip(1).map(r -> r.split(",")).filter(f -> f[0].equals("meta"))
                .map(f -> new BigDecimal(f[6])).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(written).isEqualByComparingTo(metaSpend);
        String[] first = rows.get(1).split(",");
        assertThat(first[1]).isEqualTo(Ids.channelId(ORG, Platform.fromWire(first[0]), first[2]).toString());
        assertThat(Json.mapper().readTree(dir.resolve("incidents.json").toFile()).size()).isZero();

        // every campaign's daily budget, in its account's currency, with this organization's channel id
        List<String> budgets = Files.readAllLines(dir.resolve("budgets.csv"));
        assertThat(budgets.get(0)).isEqualTo("platform,campaignId,channelId,currency,dailyBudget");
        var campaigns = fakes.truth().brand().catalog().campaigns();
        assertThat(budgets).hasSize(campaigns.size() + 1);
        assertThat(campaigns).isNotEmpty();
        Map<String, String[]> byCampaign = new HashMap<>();
        budgets.stream().skip(1).map(r -> r.split(",", -1)).forEach(f -> byCampaign.put(f[0] + "|" + f[1], f));
        for (var c : campaigns) {
            String[] f = byCampaign.get(c.account().platform().wire() + "|" + c.campaignId());
            assertThat(f).as(c.campaignId()).isNotNull().hasSize(5);
            assertThat(f[2]).isEqualTo(Ids.channelId(ORG, c.account().platform(), c.campaignId()).toString());
            assertThat(f[3]).isEqualTo(c.account().currency());
            assertThat(new BigDecimal(f[4])).isEqualByComparingTo(c.dailyBudget()).isPositive();
        }
        assertThat(byCampaign.values().stream().map(f -> f[0]).distinct())
                .containsExactlyInAnyOrder("meta", "google", "tiktok");
    }

    @Test
    void withIncidentsTheServedDataCarriesThemAndTheirTruthIsWritten(@TempDir Path dir) throws Exception {
        SimulationConfig plain = SimulationConfig.of(42, 90, NOW, ORG);
        SimulationConfig withIncidents = plain.withStandardIncidents();
        FakePlatforms fakes = new FakePlatforms(SyntheticBrand.create(withIncidents), Clock.fixed(NOW, ZoneOffset.UTC));
        FakesTruthFiles.write(fakes, dir, ORG);

        JsonNode incidents = Json.mapper().readTree(dir.resolve("incidents.json").toFile());
        assertThat(incidents.size()).isEqualTo(withIncidents.incidents().all().size()).isPositive();
        // the fakes serve the incident-affected brand: its ad rows differ from the same brand without incidents
        FakePlatforms without = new FakePlatforms(SyntheticBrand.create(plain), Clock.fixed(NOW, ZoneOffset.UTC));
        boolean differs = false;
        for (Platform p : List.of(Platform.META, Platform.GOOGLE, Platform.TIKTOK)) {
            differs |= !fakes.truth().insights(p, fakes.truth().firstDate(p), fakes.truth().today(p))
                    .equals(without.truth().insights(p, without.truth().firstDate(p), without.truth().today(p)));
        }
        assertThat(differs).isTrue();
        // the pacing incident's campaign has a budget to pace against
        JsonNode pacing = null;
        for (JsonNode i : incidents) {
            pacing = i.path("kind").asText().equals("budget_pacing") ? i : pacing;
        }
        assertThat(pacing).isNotNull();
        String pacingRow = pacing.path("platform").asText() + "," + pacing.path("campaignId").asText() + ",";
        assertThat(Files.readAllLines(dir.resolve("budgets.csv"))).anyMatch(r -> r.startsWith(pacingRow));
    }
}
