package ai.omnify.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BearerTokenTest {

    @Test
    void theTokenAfterTheSchemeInAnyCase() {
        assertThat(BearerToken.from("Bearer omk_abc")).contains("omk_abc");
        assertThat(BearerToken.from("bearer omk_abc")).contains("omk_abc");
        assertThat(BearerToken.from("  BEARER   omk_abc  ")).contains("omk_abc");
    }

    @Test
    void noTokenForAnotherSchemeOrNone() {
        assertThat(BearerToken.from(null)).isEmpty();
        assertThat(BearerToken.from("")).isEmpty();
        assertThat(BearerToken.from("Bearer")).isEmpty();
        assertThat(BearerToken.from("Bearer    ")).isEmpty();
        assertThat(BearerToken.from("Basic dXNlcjpwYXNz")).isEmpty();
        assertThat(BearerToken.from("Bearer\tomk_abc")).isEmpty();
        assertThat(BearerToken.from("Beareromk_abc")).isEmpty();
    }
}
