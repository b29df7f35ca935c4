package ai.omnify.api.alerts;

import ai.omnify.model.Json;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The model's JSON codec, but writing nulls (lists answer {@code "next": null}, absent ids as null). */
public final class AlertsJson {
    public static final ObjectMapper WITH_NULLS = Json.mapper().copy()
            .setSerializationInclusion(JsonInclude.Include.ALWAYS);

    private AlertsJson() {}
}
