package dev.lstmtuner.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Map;

/**
 * The model family a trial belongs to (lstm, gru, linear, forest, ...), for every table that groups trials by
 * family (the report's and the leaderboard's).
 */
public final class ModelFamily {
    /** The family of a trial that names none: the recurrent network's default. */
    public static final String DEFAULT = "lstm";

    private ModelFamily() {
    }

    /**
     * The {@code model} key (searched param first, then the campaign's config); an LSTM network whose {@code cell}
     * (searched or configured) is {@code gru} is a GRU, as {@code model: "gru"} is.
     */
    public static String of(Map<String, Object> params, JsonNode config) {
        String model = value(params, config, "model");
        String family = model == null ? DEFAULT : model;
        return family.equals(DEFAULT) && "gru".equals(value(params, config, "cell")) ? "gru" : family;
    }

    private static String value(Map<String, Object> params, JsonNode config, String key) {
        Object p = params == null ? null : params.get(key);
        String v = p instanceof String s ? s : text(config, key);
        return v == null || v.isBlank() ? null : v.toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode config, String key) {
        JsonNode n = config == null ? null : config.get(key);
        return n == null || n.isNull() ? null : n.asText();
    }
}
