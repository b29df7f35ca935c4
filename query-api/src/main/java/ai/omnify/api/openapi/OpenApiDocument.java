package ai.omnify.api.openapi;

import ai.omnify.api.auth.AuthHandler.Access;
import ai.omnify.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.security.RouteRole;
import io.javalin.security.Roles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /openapi.json}: the routes the application really has (read from its router), each with its description from
 * the modules' OpenAPI fragments when one describes it, and always with its path parameters and what it requires
 * (public, or a scope: {@code x-omnify-scope}, the security schemes, and 401/403 answers). A route nobody described is
 * still listed, marked {@code x-omnify-undocumented}.
 */
public final class OpenApiDocument {
    private static final Set<HandlerType> METHODS = Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT,
            HandlerType.PATCH, HandlerType.DELETE);
    private static final Pattern PATH_PARAM = Pattern.compile("[{<]([^}>]+)[}>]");

    private OpenApiDocument() {}

    /** The fragment in a classpath resource. */
    public static JsonNode fragment(String resource) {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("OpenAPI fragment " + resource + " is not on the classpath");
            }
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectNode build(List<Endpoint> endpoints, List<JsonNode> fragments, String version) {
        ObjectNode doc = Json.mapper().createObjectNode();
        doc.put("openapi", "3.0.3");
        ObjectNode info = doc.putObject("info");
        info.put("title", "Omnify API");
        info.put("version", version);
        info.put("description", "The query API of Omnify. Authenticate with `Authorization: Bearer <api key>` "
                + "or a session cookie from POST /api/v1/auth/login (writes with a session also need the "
                + "X-CSRF-Token header). Errors are {\"error\":{\"code\",\"message\"}}; lists are "
                + "{\"items\":[...],\"next\":cursor|null}.");
        doc.putArray("servers").addObject().put("url", "/");
        ObjectNode components = doc.putObject("components");
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.putObject("apiKey").put("type", "http").put("scheme", "bearer")
                .put("description", "an API key, omk_...");
        schemes.putObject("session").put("type", "apiKey").put("in", "cookie").put("name", "omnify_session");
        ObjectNode described = Json.mapper().createObjectNode();
        for (JsonNode f : fragments) {
            merge(described, f.path("paths"));
            merge(components, f.path("components"));
        }
        ObjectNode paths = doc.putObject("paths");
        for (Endpoint e : endpoints) {
            if (!METHODS.contains(e.method)) {
                continue;
            }
            String path = PATH_PARAM.matcher(e.path).replaceAll("{$1}");
            String method = e.method.name().toLowerCase(Locale.ROOT);
            JsonNode description = described.path(path).path(method);
            ObjectNode op = description.isObject() ? ((ObjectNode) description).deepCopy()
                    : undocumented(path, method);
            addPathParameters(op, path);
            addAccess(op, e);
            ObjectNode item = paths.has(path) ? (ObjectNode) paths.get(path) : paths.putObject(path);
            item.set(method, op);
        }
        return doc;
    }

    private static ObjectNode undocumented(String path, String method) {
        ObjectNode op = Json.mapper().createObjectNode();
        op.put("summary", method.toUpperCase(Locale.ROOT) + " " + path);
        op.put("x-omnify-undocumented", true);
        op.putObject("responses").putObject("200").put("description", "success");
        return op;
    }

    private static void addPathParameters(ObjectNode op, String path) {
        Matcher m = PATH_PARAM.matcher(path);
        ArrayNode params = op.has("parameters") ? (ArrayNode) op.get("parameters") : op.putArray("parameters");
        while (m.find()) {
            String name = m.group(1);
            boolean present = false;
            for (JsonNode p : params) {
                present |= name.equals(p.path("name").asText()) && "path".equals(p.path("in").asText());
            }
            if (!present) {
                ObjectNode p = params.addObject();
                p.put("name", name).put("in", "path").put("required", true);
                p.putObject("schema").put("type", "string");
            }
        }
        if (params.isEmpty()) {
            op.remove("parameters");
        }
    }

    private static void addAccess(ObjectNode op, Endpoint e) {
        Roles roles = e.metadata(Roles.class);
        Set<RouteRole> set = roles == null ? Set.of() : roles.getRoles();
        ObjectNode responses = op.has("responses") ? (ObjectNode) op.get("responses") : op.putObject("responses");
        if (set.contains(Access.PUBLIC) || !e.path.startsWith("/api/")) {
            op.putArray("security");
            return;
        }
        for (RouteRole r : set) {
            if (r instanceof Access.Requires req) {
                op.put("x-omnify-scope", req.scope().wire());
                String text = op.path("description").asText("");
                op.put("description", (text.isEmpty() ? "" : text + "\n\n") + "Requires the `" + req.scope().wire()
                        + "` scope (" + roleText(req.scope().wire()) + ").");
            }
        }
        ArrayNode security = op.putArray("security");
        security.addObject().putArray("apiKey");
        security.addObject().putArray("session");
        responses.set("401", ref("Unauthorized"));
        responses.set("403", ref("Forbidden"));
    }

    private static String roleText(String scope) {
        return switch (scope) {
            case "read" -> "every role: viewer, member, admin";
            case "act" -> "members and admins";
            case "admin" -> "admins";
            default -> "API keys with it";
        };
    }

    private static JsonNode ref(String response) {
        return Json.mapper().createObjectNode().put("$ref", "#/components/responses/" + response);
    }

    /** Deep merge of objects; later fragments add to earlier ones. */
    private static void merge(ObjectNode into, JsonNode from) {
        if (!from.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = from.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            JsonNode existing = into.get(f.getKey());
            if (existing instanceof ObjectNode o && f.getValue().isObject()) {
                merge(o, f.getValue());
            } else {
                into.set(f.getKey(), f.getValue().deepCopy());
            }
        }
    }
}
