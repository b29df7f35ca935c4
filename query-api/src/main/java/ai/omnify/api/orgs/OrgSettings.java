package ai.omnify.api.orgs;

import java.time.ZoneId;
import java.util.UUID;

/** What requests need to know about an organization: its reporting currency and its time zone ("today"). */
public record OrgSettings(UUID orgId, String currency, ZoneId timeZone) {}
