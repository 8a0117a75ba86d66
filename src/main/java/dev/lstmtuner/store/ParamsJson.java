package dev.lstmtuner.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Params as stored: JSON text, read back as an ordered map of plain JSON values. Both stores go through it. */
final class ParamsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ParamsJson() {
    }

    static String write(Map<String, Object> params) {
        try {
            return MAPPER.writeValueAsString(params == null ? Map.of() : params);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("params are not plain JSON values: " + e.getOriginalMessage(), e);
        }
    }

    static Map<String, Object> read(String json) {
        try {
            return Collections.unmodifiableMap(MAPPER.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {
            }));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored params are not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Number params sort numerically; anything else (strings, booleans, lists) by its JSON text. */
    static Double numeric(Object v) {
        return v instanceof Number n ? n.doubleValue() : null;
    }

    static String text(Object v) {
        if (v == null || v instanceof Number) return null;
        if (v instanceof String s) return s;
        try {
            return MAPPER.writeValueAsString(v);
        } catch (JsonProcessingException e) {
            return String.valueOf(v);
        }
    }
}
