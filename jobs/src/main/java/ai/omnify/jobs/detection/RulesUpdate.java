package ai.omnify.jobs.detection;

/** One organization's rules as published, in their JSON form (what the broadcast state keeps). */
public record RulesUpdate(String orgId, String json) {}
