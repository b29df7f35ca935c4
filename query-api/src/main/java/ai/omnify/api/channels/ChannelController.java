package ai.omnify.api.channels;

import ai.omnify.api.auth.AuthHandler;
import ai.omnify.api.http.PageCache;
import ai.omnify.api.http.PageRequest;
import ai.omnify.api.http.QueryParams;
import ai.omnify.api.http.Responses;
import io.javalin.http.Context;
import java.util.List;
import java.util.UUID;

/** HTTP in and out of {@code /api/v1/channels} and {@code /api/v1/creatives}. */
public final class ChannelController {
    public static final int DEFAULT_LIMIT = 100;

    private final ChannelService channels;
    private final PageCache cache;

    public ChannelController(ChannelService channels, PageCache cache) {
        this.channels = channels;
        this.cache = cache;
    }

    /** {@code GET /api/v1/channels?platform&limit&cursor}. */
    public void channels(Context ctx) {
        UUID orgId = AuthHandler.principal(ctx).orgId();
        QueryParams p = QueryParams.of(ctx);
        var platform = p.oneOf("platform", ChannelService.PLATFORMS);
        PageRequest page = PageRequest.from(p, DEFAULT_LIMIT);
        Responses.page(ctx, cache.get(List.of(orgId, "channels", platform, page),
                () -> channels.channels(orgId, platform, page)));
    }

    /** {@code GET /api/v1/creatives?channelId&limit&cursor}. */
    public void creatives(Context ctx) {
        UUID orgId = AuthHandler.principal(ctx).orgId();
        QueryParams p = QueryParams.of(ctx);
        var channelId = p.uuid("channelId");
        PageRequest page = PageRequest.from(p, DEFAULT_LIMIT);
        Responses.page(ctx, cache.get(List.of(orgId, "creatives", channelId, page),
                () -> channels.creatives(orgId, channelId, page)));
    }
}
