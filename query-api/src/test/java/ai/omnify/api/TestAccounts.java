package ai.omnify.api;

import static org.assertj.core.api.Assertions.assertThat;

import ai.omnify.model.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.UUID;

/**
 * Makes accounts through the API as a browser would: an organization's admin by sign-up, members and viewers by an
 * invite and a sign-up with its token. Each returns a session {@link Caller}.
 */
public final class TestAccounts {
    public static final String PASSWORD = "correct horse battery staple";

    /** A logged-in user: its caller, ids, and role. */
    public record Account(Caller caller, String email, UUID userId, UUID orgId, String role) {}

    private final TestHttp http;

    public TestAccounts(TestHttp http) {
        this.http = http;
    }

    public Account signupAdmin(String email, String organization) {
        ObjectNode body = Json.mapper().createObjectNode().put("email", email).put("password", PASSWORD)
                .put("organization", organization).put("currency", "EUR").put("timeZone", "Europe/Berlin");
        return account(http.send("POST", "/api/v1/auth/signup", java.util.Map.of(), body.toString()), email, 201);
    }

    /** An invite made by {@code admin}, accepted by a new account with {@code email}. */
    public Account invited(Account admin, String email, String role) {
        String token = invite(admin, email, role).get("token").asText();
        ObjectNode body = Json.mapper().createObjectNode().put("email", email).put("password", PASSWORD)
                .put("inviteToken", token);
        return account(http.send("POST", "/api/v1/auth/signup", java.util.Map.of(), body.toString()), email, 201);
    }

    public JsonNode invite(Account admin, String email, String role) {
        TestHttp.Response r = admin.caller().call(http, "POST", "/api/v1/invites",
                "{\"email\":\"" + email + "\",\"role\":\"" + role + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    public Account login(String email, String password) {
        ObjectNode body = Json.mapper().createObjectNode().put("email", email).put("password", password);
        return account(http.send("POST", "/api/v1/auth/login", java.util.Map.of(), body.toString()), email, 200);
    }

    public static Account account(TestHttp.Response r, String email, int expectedStatus) {
        assertThat(r.status()).as(r.body()).isEqualTo(expectedStatus);
        String token = sessionCookie(r);
        JsonNode json = r.json();
        String csrf = json.get("csrfToken").asText();
        String role = json.get("role").asText();
        return new Account(Caller.session(role + " " + email, token, csrf), email,
                UUID.fromString(json.at("/user/id").asText()), UUID.fromString(json.at("/organization/id").asText()),
                role);
    }

    /** The value of the omnify_session cookie a response sets. */
    public static String sessionCookie(TestHttp.Response r) {
        List<String> cookies = r.headers().allValues("set-cookie");
        return cookies.stream().filter(c -> c.startsWith("omnify_session=")).findFirst()
                .map(c -> c.substring("omnify_session=".length(), c.indexOf(';')))
                .orElseThrow(() -> new AssertionError("no omnify_session cookie in " + cookies));
    }
}
