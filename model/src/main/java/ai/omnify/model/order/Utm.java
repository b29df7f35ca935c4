package ai.omnify.model.order;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/** UTM parameters of the visit that led to an order. Any may be null. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Utm(String source, String medium, String campaign, String content) {

    public static final Utm NONE = new Utm(null, null, null, null);

    @JsonIgnore
    public boolean isEmpty() {
        return source == null && medium == null && campaign == null && content == null;
    }
}
