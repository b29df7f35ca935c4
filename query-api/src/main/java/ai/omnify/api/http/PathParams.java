package ai.omnify.api.http;

import ai.omnify.server.http.ApiException;
import io.javalin.http.Context;
import java.util.UUID;
import java.util.regex.Pattern;

/** Typed path parameters: a malformed one is a 400 naming it. */
public final class PathParams {
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private PathParams() {}

    public static UUID uuid(Context ctx, String name) {
        String v = ctx.pathParam(name);
        if (!UUID_TEXT.matcher(v).matches()) {
            throw ApiException.invalidParameter(name + " (" + QueryParams.shown(v) + ") is not a UUID");
        }
        return UUID.fromString(v);
    }
}
