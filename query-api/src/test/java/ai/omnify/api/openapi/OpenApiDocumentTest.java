package ai.omnify.api.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.api.auth.AuthHandler.Access;
import ai.omnify.model.Json;
import ai.omnify.server.auth.Scope;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.security.Roles;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The document lists every route the router has, described or not, with what it requires. */
class OpenApiDocumentTest {
    private static Endpoint endpoint(HandlerType method, String path, Access access) {
        return new Endpoint(method, path, ctx -> { }, Set.of(new Roles(Set.of(access))));
    }

    @Test
    void aRouteNobodyDescribedIsStillListedWithItsScopeAndParameters() {
        JsonNode doc = OpenApiDocument.build(List.of(
                endpoint(HandlerType.POST, "/api/v1/actions/{id}/accept", Access.requires(Scope.ACT)),
                endpoint(HandlerType.BEFORE, "/api/*", Access.PUBLIC)),
                List.of(OpenApiDocument.fragment(OpenApiRoute.CORE_FRAGMENT)), "v1");
        JsonNode op = doc.at("/paths/~1api~1v1~1actions~1{id}~1accept/post");
        assertThat(op.get("x-omnify-undocumented").asBoolean()).isTrue();
        assertThat(op.get("x-omnify-scope").asText()).isEqualTo("act");
        assertThat(op.at("/parameters/0/name").asText()).isEqualTo("id");
        assertThat(op.at("/parameters/0/in").asText()).isEqualTo("path");
        assertThat(op.at("/responses/401/$ref").asText()).isEqualTo("#/components/responses/Unauthorized");
        assertThat(op.get("security")).hasSize(2);
        assertThat(doc.get("paths").size()).isEqualTo(1); // before-handlers are not routes
    }

    @Test
    void aModulesFragmentDescribesItsRoutesAndPublicRoutesNeedNoCredentials() throws Exception {
        JsonNode fragment = Json.mapper().readTree("{\"paths\":{\"/webhooks/stripe\":{\"post\":{\"summary\":"
                + "\"Stripe events\",\"responses\":{\"200\":{\"description\":\"ok\"}}}}}}");
        JsonNode doc = OpenApiDocument.build(List.of(endpoint(HandlerType.POST, "/webhooks/stripe", Access.PUBLIC),
                endpoint(HandlerType.GET, "/api/v1/me", Access.requires(Scope.READ))),
                List.of(OpenApiDocument.fragment(OpenApiRoute.CORE_FRAGMENT), fragment), "v1");
        JsonNode stripe = doc.at("/paths/~1webhooks~1stripe/post");
        assertThat(stripe.get("summary").asText()).isEqualTo("Stripe events");
        assertThat(stripe.get("security")).isEmpty();
        assertThat(stripe.has("x-omnify-undocumented")).isFalse();
        JsonNode me = doc.at("/paths/~1api~1v1~1me/get");
        assertThat(me.get("summary").asText()).contains("The caller");
        assertThat(me.get("description").asText()).contains("Requires the `read` scope");
        assertThat(doc.at("/components/schemas/Me").isObject()).isTrue();
    }
}
