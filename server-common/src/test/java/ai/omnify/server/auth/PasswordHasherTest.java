package ai.omnify.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesWithArgon2idAtOwaspParametersAndASaltPerHash() {
        String a = hasher.hash("correct horse battery staple");
        String b = hasher.hash("correct horse battery staple");
        assertThat(a).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(a).isNotEqualTo(b);
        assertThat(hasher.verify("correct horse battery staple", a)).isTrue();
        assertThat(hasher.verify("correct horse battery stapl", a)).isFalse();
        assertThat(hasher.verify("", a)).isFalse();
        assertThat(hasher.needsRehash(a)).isFalse();
    }

    @Test
    void verifiesAHashOfTheReferenceImplementation() {
        // made by the reference argon2 CLI (Debian package argon2, libargon2):
        // echo -n "correct horse battery staple" | argon2 omnifysaltvector -id -t 2 -k 19456 -p 1 -l 32 -e
        String reference = "$argon2id$v=19$m=19456,t=2,p=1$b21uaWZ5c2FsdHZlY3Rvcg$"
                + "nZfoRsmxKfRicps8PwhjtNiTCJwhtAGS2gPI4Q24jVA";
        assertThat(hasher.verify("correct horse battery staple", reference)).isTrue();
        assertThat(hasher.verify("correct horse battery staplE", reference)).isFalse();
    }

    @Test
    void malformedOrTamperedHashesNeverVerify() {
        String h = hasher.hash("a long enough password");
        char last = h.charAt(h.length() - 1);
        String tampered = h.substring(0, h.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(hasher.verify("a long enough password", tampered)).isFalse();
        assertThat(hasher.verify("a long enough password", null)).isFalse();
        assertThat(hasher.verify("a long enough password", "plain text")).isFalse();
        assertThat(hasher.verify("a long enough password", h.replace("argon2id", "argon2i"))).isFalse();
        assertThat(hasher.needsRehash("$argon2id$v=19$m=4096,t=1,p=1$c29tZXNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")).isTrue();
    }
}
