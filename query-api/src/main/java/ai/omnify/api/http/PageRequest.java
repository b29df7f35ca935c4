package ai.omnify.api.http;

/**
 * Which page of a list: at most {@code limit} items, after the row named by {@code cursor} (null for the first page).
 */
public record PageRequest(int limit, String cursor) {
    public PageRequest {
        if (limit < 1 || limit > QueryParams.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be from 1 to " + QueryParams.MAX_LIMIT);
        }
    }

    public static PageRequest from(QueryParams params, int defaultLimit) {
        return new PageRequest(params.limit(defaultLimit), params.string("cursor").orElse(null));
    }
}
