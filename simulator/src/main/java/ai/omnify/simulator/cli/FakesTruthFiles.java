package ai.omnify.simulator.cli;

import ai.omnify.model.Ids;
import ai.omnify.model.Json;
import ai.omnify.model.Platform;
import ai.omnify.model.insight.AdInsight;
import ai.omnify.simulator.brand.Campaign;
import ai.omnify.simulator.fakes.FakePlatforms;
import ai.omnify.simulator.fakes.FakeTruth;
import ai.omnify.simulator.fakes.google.FakeGoogleAds;
import ai.omnify.simulator.fakes.meta.FakeMeta;
import ai.omnify.simulator.fakes.shopify.FakeShopify;
import ai.omnify.simulator.fakes.tiktok.FakeTikTok;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code fakes --ground-truth DIR} writes: the connections a user makes for the fake accounts
 * ({@code connections.ndjson}, bodies of {@code POST /api/v1/connections}) and every ad-day the fakes serve at start
 * ({@code ad-days.csv}), the truth the synced daily metrics must equal for the days that no longer change, and the
 * injected incidents ({@code incidents.json}, empty without {@code --incidents}) and every campaign's daily budget
 * ({@code budgets.csv}, in the ad account's currency; {@code infra/omnify demo} puts them in the organization's alert
 * rules so budget pacing can be checked).
 */
final class FakesTruthFiles {
    static final String BUDGETS_HEADER = "platform,campaignId,channelId,currency,dailyBudget";

    private FakesTruthFiles() {}

    static void write(FakePlatforms fakes, Path dir, String orgId) throws IOException {
        Files.createDirectories(dir);
        FakeTruth truth = fakes.truth();
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("connections.ndjson"))) {
            for (Platform p : List.of(Platform.META, Platform.GOOGLE, Platform.TIKTOK, Platform.SHOPIFY)) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("platform", p.wire());
                body.put("account", p == Platform.SHOPIFY ? truth.brand().catalog().store().domain()
                        : truth.account(p).accountId());
                body.put("credentials", switch (p) {
                    case META -> Map.of("access_token", FakeMeta.TOKEN);
                    case GOOGLE -> Map.of("refresh_token", FakeGoogleAds.REFRESH_TOKEN, "client_id", FakeGoogleAds.CLIENT_ID,
                            "client_secret", FakeGoogleAds.CLIENT_SECRET, "login_customer_id", FakeGoogleAds.MANAGER_ID);
                    case TIKTOK -> Map.of("access_token", FakeTikTok.TOKEN);
                    case SHOPIFY -> Map.of("access_token", FakeShopify.TOKEN);
                });
                w.write(Json.write(body));
                w.newLine();
            }
        }
        Path tmp = dir.resolve("ad-days.csv.tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp)) {
            w.write("platform,channelId,campaignId,adId,date,currency,spend,impressions,clicks");
            w.newLine();
            for (Platform p : List.of(Platform.META, Platform.GOOGLE, Platform.TIKTOK)) {
                for (AdInsight in : truth.insights(p, truth.firstDate(p), truth.today(p))) {
                    w.write(String.join(",", p.wire(), orgId == null ? "" : Ids.channelId(orgId, p, in.campaignId()).toString(),
                            in.campaignId(), in.adId(), in.date().toString(), in.currency(), in.spend().toPlainString(),
                            String.valueOf(in.impressions()), String.valueOf(in.clicks())));
                    w.newLine();
                }
            }
        }
        Files.move(tmp, dir.resolve("ad-days.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // the incidents injected into the brand (empty without --incidents), as the ingest feed's ground truth has it
        Path incidents = dir.resolve("incidents.json.tmp");
        Files.writeString(incidents, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(
                truth.brand().config().incidents().all()));
        Files.move(incidents, dir.resolve("incidents.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        writeBudgets(truth, dir, orgId);
    }

    /** {@code budgets.csv}: every campaign's daily budget in its ad account's currency (channelId empty without org). */
    private static void writeBudgets(FakeTruth truth, Path dir, String orgId) throws IOException {
        Path tmp = dir.resolve("budgets.csv.tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp)) {
            w.write(BUDGETS_HEADER);
            w.newLine();
            for (Campaign c : truth.brand().catalog().campaigns()) {
                Platform p = c.account().platform();
                w.write(String.join(",", p.wire(), c.campaignId(),
                        orgId == null ? "" : Ids.channelId(orgId, p, c.campaignId()).toString(), c.account().currency(),
                        c.dailyBudget().toPlainString()));
                w.newLine();
            }
        }
        Files.move(tmp, dir.resolve("budgets.csv"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
