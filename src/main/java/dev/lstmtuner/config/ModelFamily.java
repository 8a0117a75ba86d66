package dev.lstmtuner.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model family a trial belongs to (lstm, gru, rnn, linear, forest, transformer), for every table that groups
 * trials by family (the report's and the leaderboard's), resolved as the config loader resolves it: the campaign's
 * config, then the trial's searched params over it, each with the old spelling {@code cell} folded in as
 * {@link CellAlias} folds it.
 */
public final class ModelFamily {
    /** The family of a trial that names none: the recurrent network's default. */
    public static final String DEFAULT = "lstm";
    private static final List<String> CELLS = List.of("lstm", "gru");

    private ModelFamily() {
    }

    public static String of(Map<String, Object> params, JsonNode config) {
        String base = fold(text(config, "model"), text(config, "cell"), DEFAULT);
        return fold(param(params, "model"), param(params, "cell"), base);
    }

    /**
     * {@code model} and {@code cell} as given (null when absent) over a base family: beside {@code model},
     * {@code cell} "lstm" changes nothing and "gru" turns an lstm into a gru; without {@code model}, the cell is the
     * model over an lstm or gru base. A cell on any other family is refused when configs load: it changes nothing here.
     */
    private static String fold(String model, String cell, String base) {
        String family = model != null ? model : base;
        if (cell == null || model != null && cell.equals("lstm")) return family;
        return CELLS.contains(family) ? cell : family;
    }

    private static String param(Map<String, Object> params, String key) {
        Object p = params == null ? null : params.get(key);
        return p instanceof String s ? clean(s) : null;
    }

    private static String text(JsonNode config, String key) {
        JsonNode n = config == null ? null : config.get(key);
        return n == null || n.isNull() ? null : clean(n.asText());
    }

    private static String clean(String v) {
        return v.isBlank() ? null : v.trim().toLowerCase(Locale.ROOT);
    }
}
