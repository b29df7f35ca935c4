package ai.omnify.api.orgs;

import ai.omnify.api.support.TtlCache;
import ai.omnify.server.db.TenantDb;
import ai.omnify.server.http.ApiException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Organization settings, read as the organization itself and cached for a minute. */
public final class OrgSettingsService {
    private static final Logger LOG = LoggerFactory.getLogger(OrgSettingsService.class);
    private static final Duration TTL = Duration.ofMinutes(1);
    private static final String SQL = "SELECT currency, time_zone FROM organizations WHERE id = ?";

    private final TenantDb db;
    private final TtlCache<UUID, OrgSettings> cache = new TtlCache<>(10_000);

    public OrgSettingsService(TenantDb db) {
        this.db = db;
    }

    public OrgSettings settings(UUID orgId) {
        return cache.get(orgId, this::load, s -> TTL);
    }

    private OrgSettings load(UUID orgId) {
        return db.inOrg(orgId, c -> {
            try (PreparedStatement ps = c.prepareStatement(SQL)) {
                ps.setObject(1, orgId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw ApiException.notFound("organization not found");
                    }
                    return new OrgSettings(orgId, rs.getString(1).trim(), zone(orgId, rs.getString(2)));
                }
            }
        });
    }

    private static ZoneId zone(UUID orgId, String name) {
        try {
            return ZoneId.of(name);
        } catch (DateTimeException | NullPointerException e) {
            LOG.warn("organization {} has time zone '{}', which is not a zone id; using UTC", orgId, name);
            return ZoneOffset.UTC;
        }
    }
}
