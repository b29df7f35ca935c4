package ai.omnify.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** A source of data. Meta, Google and TikTok are ad platforms (their campaigns are channels); Shopify is the store. */
public enum Platform {
    META("meta"),
    GOOGLE("google"),
    TIKTOK("tiktok"),
    SHOPIFY("shopify");

    private final String wire;

    Platform(String wire) {
        this.wire = wire;
    }

    /** The lowercase name used on the wire, in URLs and in the database. */
    @JsonValue
    public String wire() {
        return wire;
    }

    public boolean isAdPlatform() {
        return this != SHOPIFY;
    }

    /** Parses a wire name case-insensitively ("meta", "Meta", "META"); empty when unknown. */
    public static Optional<Platform> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim().toLowerCase(Locale.ROOT);
        for (Platform p : values()) {
            if (p.wire.equals(v)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @JsonCreator
    public static Platform fromWire(String value) {
        return parse(value).orElseThrow(() -> new IllegalArgumentException(
                "unknown platform '" + value + "' (expected meta, google, tiktok or shopify)"));
    }
}
