package ai.omnify.jobs.reference;

import java.io.Serializable;

/** What the pipeline needs to know of an organization: its reporting currency and time zone. */
public record OrgSettings(String currency, String timeZone) implements Serializable {}
