package ai.omnify.simulator.truth;

import ai.omnify.model.Ids;
import ai.omnify.model.Json;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.model.order.OrderEvent;
import ai.omnify.simulator.stream.FeedStream;
import ai.omnify.simulator.stream.SimulationConfig;
import ai.omnify.simulator.stream.WireJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;

/**
 * Writes the ground truth into a directory: {@code ad-snapshots.csv}, {@code orders.ndjson}, {@code bad-rows.ndjson},
 * {@code catalog.json}, {@code incidents.json}, {@code summary.json} and {@code README.txt}. Each file is written
 * to a temporary name and moved into place, so a reader never sees half a file.
 */
public final class GroundTruthWriter {
    static final String CSV_HEADER = "platform,accountId,campaignId,adId,date,hour,spend,impressions,clicks,"
            + "conversions,conversionValue,reach,currency,timeZone,reportedAt,channelId,creativeId";

    private GroundTruthWriter() {}

    public static void write(Path dir, FeedStream stream, GroundTruth truth) throws IOException {
        Files.createDirectories(dir);
        SimulationConfig config = stream.brand().config();
        String org = config.orgId();
        atomically(dir.resolve("ad-snapshots.csv"), w -> {
            w.write(CSV_HEADER);
            w.write('\n');
            for (AdInsight s : truth.snapshots().values()) {
                w.write(csvRow(s, org));
                w.write('\n');
            }
        });
        atomically(dir.resolve("orders.ndjson"), w -> {
            List<OrderEvent> orders = truth.orders().values().stream()
                    .sorted(Comparator.comparing(OrderEvent::createdAt).thenComparing(OrderEvent::orderId)).toList();
            for (OrderEvent o : orders) {
                w.write(WireJson.write(orderLine(o, org)));
                w.write('\n');
            }
        });
        atomically(dir.resolve("bad-rows.ndjson"), w -> {
            for (GroundTruth.BadLine b : truth.badLines()) {
                ObjectNode n = Json.mapper().createObjectNode();
                n.put("platform", b.platform().wire());
                n.put("line", b.line());
                n.put("kind", b.kind().name());
                n.put("expectedReason", b.kind().reasonKeyword());
                n.put("description", b.kind().description());
                n.put("raw", b.raw());
                w.write(Json.write(n));
                w.write('\n');
            }
        });
        atomically(dir.resolve("catalog.json"), w -> w.write(
                Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(
                        CatalogJson.of(stream.brand().catalog(), config))));
        atomically(dir.resolve("incidents.json"), w -> w.write(
                Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(config.incidents().all())));
        atomically(dir.resolve("summary.json"), w -> {
            ObjectNode n = Json.mapper().createObjectNode();
            n.put("now", config.now().toString());
            n.put("seed", config.seed());
            n.put("historyDays", config.days());
            n.put("liveTicks", stream.liveTicks());
            ObjectNode lines = n.putObject("linesSent");
            truth.lineCounts().forEach((p, c) -> lines.put(p.wire(), c));
            ObjectNode roles = n.putObject("linesByRole");
            truth.roleCounts().forEach((r, c) -> roles.put(r.name().toLowerCase(), c));
            n.put("snapshots", truth.snapshots().size());
            n.put("orders", truth.orders().size());
            n.put("badRows", truth.badLines().size());
            w.write(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(n));
        });
        atomically(dir.resolve("README.txt"), w -> w.write(readme()));
    }

    static String csvRow(AdInsight s, String org) {
        StringBuilder sb = new StringBuilder(200);
        sb.append(s.platform().wire()).append(',')
                .append(s.accountId()).append(',')
                .append(s.campaignId()).append(',')
                .append(s.adId()).append(',')
                .append(s.date()).append(',')
                .append(s.hour() == null ? "" : s.hour().toString()).append(',')
                .append(s.spend().toPlainString()).append(',')
                .append(s.impressions()).append(',')
                .append(s.clicks()).append(',')
                .append(s.conversions().toPlainString()).append(',')
                .append(s.conversionValue().toPlainString()).append(',')
                .append(s.reach() == null ? "" : s.reach().toString()).append(',')
                .append(s.currency()).append(',')
                .append(s.timeZone()).append(',')
                .append(s.reportedAt()).append(',');
        if (org != null) {
            sb.append(Ids.channelId(org, s.platform(), s.campaignId())).append(',')
                    .append(Ids.creativeId(org, s.platform(), s.adId()));
        } else {
            sb.append(',');
        }
        return sb.toString();
    }

    static ObjectNode orderLine(OrderEvent o, String org) {
        ObjectNode n = WireJson.mapper().valueToTree(o);
        BigDecimal net = o.netRevenue();
        n.put("netRevenue", net);
        ExpectedAttribution a = ExpectedAttribution.of(o);
        ObjectNode attr = n.putObject("attribution");
        if (a.platform() != null) {
            attr.put("platform", a.platform().wire());
            if (a.campaignId() != null) {
                attr.put("campaignId", a.campaignId());
                if (org != null) {
                    attr.put("channelId", Ids.channelId(org, a.platform(), a.campaignId()).toString());
                }
            }
            if (a.adId() != null) {
                attr.put("adId", a.adId());
                if (org != null) {
                    attr.put("creativeId", Ids.creativeId(org, a.platform(), a.adId()).toString());
                }
            }
        }
        return n;
    }

    @FunctionalInterface
    private interface Body {
        void write(BufferedWriter w) throws IOException;
    }

    private static void atomically(Path target, Body body) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            body.write(w);
        }
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String readme() {
        return """
                Ground truth of the Omnify simulator's synthetic brand (Fieldhouse Outfitters)
                ==============================================================================

                What Omnify must show after taking every line the simulator sent (up to the time in
                summary.json). Amounts are in each account's own currency (Meta USD, Google EUR, TikTok GBP,
                Shopify EUR): converting to the organization's reporting currency is Omnify's job.

                ad-snapshots.csv
                  One row per snapshot key (platform, adId, date[, hour]): the valid snapshot with the latest
                  reportedAt among everything sent (re-polls, restatements, duplicates and older re-sends
                  included; malformed rows excluded). A row with an empty hour is the day's total; a row with
                  an hour (0-23, account time zone) is that hour's total. date is in the account's time zone
                  (timeZone column). spend has 2 decimals (Google: 4, converted exactly from micros);
                  conversions may be fractional on Google; reach is empty where the platform gives none (Google,
                  and every hour row). channelId/creativeId are Ids.channelId/creativeId of the organization,
                  empty when no organization was given.

                orders.ndjson
                  One JSON object per order: its latest valid version by updatedAt (the wire fields of
                  omnify.orders), plus netRevenue (totalPrice - refunded, 0 when cancelled) and attribution
                  {platform, campaignId, adId, channelId, creativeId} as Omnify's rules give it (utm.source or a
                  click id in landingSite; utm.campaign = campaign id; utm.content = ad id; UTM inside
                  landingSite when the fields are absent). An empty attribution means organic/unattributed.

                bad-rows.ndjson
                  Every malformed line sent on purpose: platform, line (1-based position in everything sent to
                  that platform's ingest endpoint, in order; for `generate`, the line of feed/<platform>.ndjson),
                  kind, expectedReason (a word the rejection reason contains, case-insensitive), description,
                  raw (the line as sent). Every other line is valid.

                catalog.json
                  Accounts (currency, time zone), the store, campaigns (status, start, pauses, daily budget and
                  the true response curve: conversionsPerDay = alpha * spend^beta at an average weekday with
                  fresh creatives), ads (launch date, status, fatigue parameters), weekly seasonality and trend.

                incidents.json
                  Incidents injected into the true performance (empty unless configured), with their windows.

                summary.json
                  Counts: lines sent per platform and by role (original, duplicate, stale, bad), snapshots,
                  orders, bad rows; the simulated now and the seed.
                """;
    }

    /** For tests: the CSV header's column names. */
    public static List<String> csvColumns() {
        return List.of(CSV_HEADER.split(","));
    }
}
