package ai.omnify.jobs.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Ids;
import ai.omnify.model.Platform;
import ai.omnify.config.DatabaseConfig;
import ai.omnify.model.insight.AdEntity;
import ai.omnify.testing.StackExtension;
import ai.omnify.testing.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The creatives upserts of the MetricsJob on the real PostgreSQL, as the pipeline role writes them: an ad first seen
 * through its entity and later through its insights is the same row as the other way round, the platform's launch
 * date wins over the first day with data, and an older entity changes nothing.
 */
class AdEntityStatementsIT {
    @RegisterExtension
    final StackExtension stack = StackExtension.database();
    private TestDatabase db;
    private String org;

    @BeforeEach
    void open() {
        db = stack.db();
        org = db.createOrganization("Entities", "EUR", "Europe/Berlin").toString();
    }

    private AdEntity entity(String adId, String status, LocalDate launch, Instant at) {
        return new AdEntity(org, Platform.META, "act_1", "c1", "Campaign 1", "active", "s1", adId, "Ad " + adId, status,
                status.toUpperCase(), "Creative " + adId, "Headline " + adId, "Body " + adId, launch, at, "poll");
    }

    private DimensionRow seen(String adId, LocalDate firstDay) {
        return new DimensionRow(DimensionRow.CREATIVE, org, Ids.creativeId(org, Platform.META, adId).toString(),
                Ids.channelId(org, Platform.META, "c1").toString(), "meta", adId, "Ad " + adId, "act_1", firstDay,
                Instant.now());
    }

    private void write(AdEntity e) throws Exception {
        DatabaseConfig p = db.pipelineConfig();
        try (Connection c = DriverManager.getConnection(p.jdbcUrl(), p.user(), p.password());
             PreparedStatement ps = c.prepareStatement(MetricsStatements.AD_ENTITIES)) {
            MetricsStatements.bindAdEntity(ps, e);
            ps.executeUpdate();
        }
    }

    private void write(DimensionRow d) throws Exception {
        DatabaseConfig p = db.pipelineConfig();
        try (Connection c = DriverManager.getConnection(p.jdbcUrl(), p.user(), p.password());
             PreparedStatement ps = c.prepareStatement(MetricsStatements.CREATIVES)) {
            MetricsStatements.bindCreative(ps, d);
            ps.executeUpdate();
        }
    }

    private Map<String, Object> row(String adId) {
        var rows = db.query("SELECT id, channel_id, name, external_id, status, launch_date, creative_name, headline, body,"
                + " platform_status FROM creatives WHERE organization_id = ?::uuid AND external_id = ?", org, adId);
        assertThat(rows).as("one creatives row for ad " + adId).hasSize(1);
        return rows.get(0);
    }

    @Test
    void entityFirstAndInsightsFirstMakeTheSameRow() throws Exception {
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        LocalDate launch = LocalDate.of(2026, 10, 3);
        write(entity("a1", "paused", launch, t)); // the entity first ...
        write(seen("a1", launch.plusDays(2)));    // ... then its insights (first day with data later)
        write(seen("a2", launch.plusDays(2)));    // insights first ...
        write(entity("a2", "paused", launch, t)); // ... then the entity

        for (String ad : new String[] {"a1", "a2"}) {
            Map<String, Object> r = row(ad);
            assertThat(r.get("id")).isEqualTo(Ids.creativeId(org, Platform.META, ad));
            assertThat(r.get("channel_id")).isEqualTo(Ids.channelId(org, Platform.META, "c1"));
            assertThat(r).containsEntry("name", "Ad " + ad).containsEntry("status", "paused")
                    .containsEntry("creative_name", "Creative " + ad).containsEntry("headline", "Headline " + ad)
                    .containsEntry("body", "Body " + ad).containsEntry("platform_status", "PAUSED");
            assertThat(r.get("launch_date").toString()).isEqualTo(launch.toString());
        }
    }

    @Test
    void aNewerEntityWinsAndAnOlderOneChangesNothing() throws Exception {
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        LocalDate launch = LocalDate.of(2026, 10, 3);
        write(entity("a1", "active", launch, t));
        write(entity("a1", "archived", launch, t.plusSeconds(3600)));
        write(entity("a1", "paused", launch, t.minusSeconds(3600))); // a late, older snapshot
        assertThat(row("a1")).containsEntry("status", "archived");
    }

    @Test
    void withoutAPlatformLaunchDateTheFirstDayWithDataStays() throws Exception {
        LocalDate firstDay = LocalDate.of(2026, 10, 5);
        write(seen("a3", firstDay));
        write(entity("a3", "active", null, Instant.now()));
        write(seen("a3", firstDay.plusDays(1)));
        assertThat(row("a3").get("launch_date").toString()).isEqualTo(firstDay.toString());
        assertThat(row("a3")).containsEntry("status", "active");
    }

    @Test
    void theCampaignStatusReachesAnExistingChannelNewestFirst() throws Exception {
        String channel = Ids.channelId(org, Platform.META, "c1").toString();
        db.execute("INSERT INTO channels (id, organization_id, name, platform, external_id) VALUES (?::uuid, ?::uuid,"
                + " 'Campaign 1', 'meta', 'c1')", channel, org);
        Instant t = Instant.parse("2026-11-20T10:00:00Z");
        writeStatus(withCampaignStatus(entity("a1", "paused", null, t), "paused"));
        writeStatus(withCampaignStatus(entity("a2", "active", null, t.minusSeconds(60)), "active")); // older: ignored
        assertThat(db.query("SELECT status FROM channels WHERE id = ?::uuid", channel).get(0)).containsEntry("status", "paused");
        writeStatus(withCampaignStatus(entity("a1", "archived", null, t.plusSeconds(60)), "archived"));
        assertThat(db.query("SELECT status FROM channels WHERE id = ?::uuid", channel).get(0)).containsEntry("status", "archived");
    }

    private static AdEntity withCampaignStatus(AdEntity e, String status) {
        return new AdEntity(e.orgId(), e.platform(), e.accountId(), e.campaignId(), e.campaignName(), status, e.adSetId(),
                e.adId(), e.adName(), e.status(), e.platformStatus(), e.creativeName(), e.headline(), e.body(),
                e.launchDate(), e.updatedAt(), e.source());
    }

    private void writeStatus(AdEntity e) throws Exception {
        DatabaseConfig p = db.pipelineConfig();
        try (Connection c = DriverManager.getConnection(p.jdbcUrl(), p.user(), p.password());
             PreparedStatement ps = c.prepareStatement(MetricsStatements.CHANNEL_STATUS)) {
            MetricsStatements.bindChannelStatus(ps, e);
            ps.executeUpdate();
        }
    }
}
