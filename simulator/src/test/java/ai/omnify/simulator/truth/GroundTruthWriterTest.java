package ai.omnify.simulator.truth;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Json;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.simulator.Datasets;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroundTruthWriterTest {

    @Test
    void writesEveryFileAndTheyReadBackAsTheTruth(@TempDir Path dir) throws Exception {
        Datasets.History h = Datasets.ninetyDays();
        GroundTruthWriter.write(dir, h.stream(), h.truth());

        List<String> csv = Files.readAllLines(dir.resolve("ad-snapshots.csv"));
        assertThat(csv.get(0).split(",")).containsExactlyElementsOf(GroundTruthWriter.csvColumns());
        assertThat(csv).hasSize(h.truth().snapshots().size() + 1);
        assertThat(csv.get(1).split(",", -1)).hasSize(GroundTruthWriter.csvColumns().size());

        List<String> orders = Files.readAllLines(dir.resolve("orders.ndjson"));
        assertThat(orders).hasSize(h.truth().orders().size());
        for (String line : orders.subList(0, 200)) {
            OrderEvent o = Json.read(line, OrderEvent.class).value();
            assertThat(o).isEqualTo(h.truth().orders().get(o.orderId()));
            assertThat(line).doesNotContain("\"empty\"");
        }
        assertThat(Files.readAllLines(dir.resolve("bad-rows.ndjson"))).hasSize(h.truth().badLines().size());

        JsonNode catalog = Json.mapper().readTree(dir.resolve("catalog.json").toFile());
        assertThat(catalog.get("campaigns").size()).isGreaterThanOrEqualTo(20);
        assertThat(catalog.get("ads").size()).isGreaterThanOrEqualTo(200);
        assertThat(catalog.at("/campaigns/0/responseCurve/alpha").isNumber()).isTrue();
        assertThat(catalog.at("/campaigns/0/channelId").asText()).isNotBlank();
        assertThat(catalog.at("/ads/0/creativeId").asText()).isNotBlank();
        assertThat(Files.readString(dir.resolve("README.txt"))).contains("ad-snapshots.csv");
        assertThat(Files.readString(dir.resolve("incidents.json")).trim()).isEqualTo("[ ]");
        assertThat(dir.toFile().list()).noneMatch(f -> f.endsWith(".tmp"));
    }
}
