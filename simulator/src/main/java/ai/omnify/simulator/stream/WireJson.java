package ai.omnify.simulator.stream;

import ai.omnify.model.Json;
import ai.omnify.model.order.Utm;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import java.io.UncheckedIOException;

/**
 * The model's JSON codec for the lines the simulator sends, minus two warts: {@link Utm#isEmpty()} would otherwise be
 * written as an {@code "empty"} field, and JSON trees (used to build bad rows and ground-truth lines) would drop
 * trailing zeros of decimals (38.10 becoming 38.1). Reading is unaffected.
 */
public final class WireJson {
    private abstract static class UtmWire {
        @JsonIgnore
        abstract boolean isEmpty();
    }

    private static final ObjectMapper MAPPER = Json.mapper().copy().addMixIn(Utm.class, UtmWire.class)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

    private WireJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
