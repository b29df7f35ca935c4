package ai.omnify.api.alerts;

/** One alert record on the live stream: its event id ({@code incarnation-seq}), organization and JSON. */
public record StreamEvent(long seq, String orgId, String json) {}
