package ai.omnify.server.crypto;

import ai.omnify.model.Json;
import ai.omnify.server.crypto.CredentialCipher.CredentialException;
import ai.omnify.server.crypto.CredentialCipher.Sealed;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A connection's credentials (name to secret) as stored in {@code api_credentials.credentials}: the JSON of the map,
 * sealed by {@link CredentialCipher} for (org, platform, account), in the form {@code {"v":1,"kid","nonce","ct"}}.
 */
public final class SealedCredentials {
    private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};
    private static final TypeReference<Map<String, Object>> STORED = new TypeReference<>() {};

    private SealedCredentials() {}

    /** @return the JSON text to store */
    public static String seal(CredentialCipher cipher, UUID orgId, String platform, String account,
                              Map<String, String> credentials) {
        byte[] plain = Json.writeBytes(new TreeMap<>(credentials));
        return Json.write(cipher.seal(orgId, platform, account, plain).toMap());
    }

    /** Opens what {@link #seal} stored. */
    public static Map<String, String> open(CredentialCipher cipher, UUID orgId, String platform, String account,
                                           String stored) {
        Sealed sealed = sealed(stored);
        byte[] plain = cipher.open(orgId, platform, account, sealed);
        try {
            return Map.copyOf(Json.mapper().readValue(plain, MAP));
        } catch (IOException e) {
            throw new CredentialException("stored credentials opened but are not a JSON object of strings");
        }
    }

    /** The key id a stored value was sealed with. */
    public static Sealed sealed(String stored) {
        if (stored == null || stored.isBlank()) {
            throw new CredentialException("the connection has no stored credentials");
        }
        try {
            return Sealed.fromMap(Json.mapper().readValue(stored, STORED));
        } catch (IOException e) {
            throw new CredentialException("stored credentials are not in the sealed format v1");
        }
    }
}
