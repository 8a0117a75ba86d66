package dev.lstmtuner.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;
import java.util.Map;

/** Which symbol and which model family a trial belongs to, for the per-symbol and per-family tables. */
final class Groups {
    private Groups() {
    }

    /** The config's {@code symbol}, else the data file's name, else the bundled data's. */
    static String symbol(JsonNode config) {
        String symbol = text(config, "symbol");
        if (symbol != null && !symbol.isBlank()) return symbol;
        String data = text(config, "data");
        if (data == null) return "BTCUSD (bundled Bitstamp)";
        String file = data.replace('\\', '/');
        return file.substring(file.lastIndexOf('/') + 1).replaceAll("\\.[A-Za-z0-9]+$", "");
    }

    /**
     * The model family: the {@code model} key (searched param first, then the campaign's config), else the
     * recurrent {@code cell} (an LSTM config with {@code cell: gru} is a GRU), else {@code lstm}.
     */
    static String family(Map<String, Object> params, JsonNode config) {
        for (String key : new String[]{"model", "cell"}) {
            Object p = params.get(key);
            if (p instanceof String s && !s.isBlank()) return s.toLowerCase(Locale.ROOT);
            String c = text(config, key);
            if (c != null && !c.isBlank() && !(key.equals("cell") && c.equalsIgnoreCase("lstm"))) {
                return c.toLowerCase(Locale.ROOT);
            }
        }
        return "lstm";
    }

    private static String text(JsonNode cfg, String key) {
        JsonNode n = cfg == null ? null : cfg.get(key);
        return n == null || n.isNull() ? null : n.asText();
    }
}
