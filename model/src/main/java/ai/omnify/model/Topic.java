package ai.omnify.model;

import java.io.Serializable;
import java.util.Objects;
import java.util.function.Function;

/**
 * One Kafka topic of the contract: its name, the shape of its keys and the type of its values, with the codec that
 * writes and reads them (JSON through {@link Json}). The constants are in {@link Topics}; a deployment's name for a
 * topic comes from {@link Topics#name}, which adds the test suffix if there is one.
 *
 * @param <V> the record a value holds
 */
public final class Topic<V> implements Serializable {
    private static final long serialVersionUID = 1L;

    /** How a value's key is made; serializable so that Flink operators can hold a topic. */
    @FunctionalInterface
    public interface KeyOf<V> extends Function<V, String>, Serializable {}

    private final String name;
    private final String keyShape;
    private final Class<V> valueType;
    private final KeyOf<V> key;

    Topic(String name, String keyShape, Class<V> valueType, KeyOf<V> key) {
        this.name = Objects.requireNonNull(name, "name");
        this.keyShape = Objects.requireNonNull(keyShape, "keyShape");
        this.valueType = Objects.requireNonNull(valueType, "valueType");
        this.key = Objects.requireNonNull(key, "key");
    }

    /** The name in the contract, e.g. {@code omnify.orders}; a deployment may add a suffix ({@link Topics#name}). */
    public String name() {
        return name;
    }

    /** The key as the contract documents it, e.g. {@code org:orderId}. */
    public String keyShape() {
        return keyShape;
    }

    public Class<V> valueType() {
        return valueType;
    }

    /** The Kafka key of {@code value}. */
    public String key(V value) {
        return key.apply(value);
    }

    /** The Kafka value: {@code value} as JSON. */
    public String write(V value) {
        return Json.write(value);
    }

    public byte[] writeBytes(V value) {
        return Json.writeBytes(value);
    }

    /** A Kafka value read back, or what is wrong with it (for the dead-letter topic). */
    public Parsed<V> read(String json) {
        return Json.read(json, valueType);
    }

    public Parsed<V> read(byte[] json) {
        return Json.read(json, valueType);
    }

    @Override
    public String toString() {
        return name;
    }
}
