package ai.omnify.api.http;

/** A serialized page {@code {"items":[...],"next":cursor-or-null}}, with its item count and next cursor. */
public record JsonPage(byte[] body, int count, String next) {}
