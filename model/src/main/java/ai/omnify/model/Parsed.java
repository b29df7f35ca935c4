package ai.omnify.model;

import java.util.Objects;
import java.util.function.Function;

/** Either a value or the reason it could not be had. */
public record Parsed<T>(T value, String error) {

    public Parsed {
        if ((value == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of value and error must be set");
        }
    }

    public static <T> Parsed<T> ok(T value) {
        return new Parsed<>(Objects.requireNonNull(value), null);
    }

    public static <T> Parsed<T> failed(String error) {
        return new Parsed<>(null, Objects.requireNonNull(error));
    }

    public boolean isOk() {
        return value != null;
    }

    public <R> Parsed<R> map(Function<T, R> f) {
        return isOk() ? ok(f.apply(value)) : failed(error);
    }
}
