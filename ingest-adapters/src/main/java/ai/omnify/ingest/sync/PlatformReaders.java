package ai.omnify.ingest.sync;

import ai.omnify.model.Platform;

/**
 * Which {@link PlatformReader} reads a platform: {@code ai.omnify.ingest.platform.PlatformClients#reader} in the
 * service, fakes in tests. May answer null for a platform this build cannot read.
 */
@FunctionalInterface
public interface PlatformReaders {
    PlatformReader reader(Platform platform);

    /** No platform can be read (the sync scheduler then does not start). */
    PlatformReaders NONE = platform -> null;
}
