package ai.omnify.ingest.sync;

import ai.omnify.model.insight.AdEntity;
import java.util.List;

/**
 * A {@link PlatformReader} that can also describe the account's ads (names, status, copy, launch date). The sync
 * publishes them to {@code omnify.ad-entities} (see {@link EntityPublisher}); readers that cannot do it cheaply simply
 * do not implement this.
 */
public interface EntityReader {
    /**
     * Every ad of the connection's account, with its campaign, as of now.
     *
     * @return records stamped with the request's organization, {@code updatedAt} = when they were read
     */
    List<AdEntity> adEntities(SyncRequest request) throws PlatformException;
}
