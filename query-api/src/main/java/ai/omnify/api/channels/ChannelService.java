package ai.omnify.api.channels;

import static ai.omnify.api.http.RowFormat.field;

import ai.omnify.api.http.JsonPage;
import ai.omnify.api.http.ListQuery;
import ai.omnify.api.http.PageRequest;
import ai.omnify.api.http.RowFormat.Kind;
import ai.omnify.api.http.RowFormat;
import ai.omnify.api.http.SortKey;
import ai.omnify.server.db.TenantDb;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Channels (campaigns) and creatives (ads) of one organization, ordered by name then id. */
public final class ChannelService {
    /** Platform wire names a channel can have (the schema's CHECK). */
    public static final Set<String> PLATFORMS = Set.of("meta", "google", "tiktok", "shopify", "email");

    static final SortKey CHANNEL_KEY = SortKey.of("channels.v1", SortKey.text("name"), SortKey.uuid("id"));
    static final RowFormat CHANNEL_FORMAT = RowFormat.of(
            field("id", "id", Kind.UUID),
            field("platform", "platform", Kind.TEXT),
            field("externalId", "external_id", Kind.TEXT),
            field("name", "name", Kind.TEXT),
            field("status", "status", Kind.TEXT),
            field("accountId", "account_id", Kind.TEXT));

    static final SortKey CREATIVE_KEY = SortKey.of("creatives.v1", SortKey.text("name"), SortKey.uuid("id"));
    static final RowFormat CREATIVE_FORMAT = RowFormat.of(
            field("id", "id", Kind.UUID),
            field("channelId", "channel_id", Kind.UUID),
            field("externalId", "external_id", Kind.TEXT),
            field("name", "name", Kind.TEXT),
            field("status", "status", Kind.TEXT),
            field("launchDate", "launch_date", Kind.DATE),
            // issue 3: from the platform's own description of the ad (omnify.ad-entities), null until it came
            field("platformStatus", "platform_status", Kind.TEXT),
            field("creativeName", "creative_name", Kind.TEXT),
            field("headline", "headline", Kind.TEXT),
            field("body", "body", Kind.TEXT));

    private final TenantDb db;

    public ChannelService(TenantDb db) {
        this.db = db;
    }

    public JsonPage channels(UUID orgId, Optional<String> platform, PageRequest page) {
        ListQuery list = new ListQuery("channels", CHANNEL_FORMAT, CHANNEL_KEY, orgId, page);
        platform.ifPresent(p -> list.and("platform = ?", p));
        return db.inOrg(orgId, list::page);
    }

    public JsonPage creatives(UUID orgId, Optional<UUID> channelId, PageRequest page) {
        ListQuery list = new ListQuery("creatives", CREATIVE_FORMAT, CREATIVE_KEY, orgId, page);
        channelId.ifPresent(id -> list.and("channel_id = ?", id));
        return db.inOrg(orgId, list::page);
    }
}
