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
     * The model family, as the config loader resolves it: the {@code model} key (searched param first, then the
     * campaign's config), with the old spelling {@code cell} folded in the same way (see config.CellAlias): a
     * searched {@code cell} is the model over an lstm / gru config; a configured {@code "cell": "gru"} makes an
     * {@code lstm} a {@code gru}.
     */
    static String family(Map<String, Object> params, JsonNode config) {
        String model = value(params, config, "model");
        String family = model == null ? "lstm" : model;
        boolean pair = family.equals("lstm") || family.equals("gru");
        if (pair && params.get("cell") instanceof String cell && !params.containsKey("model")) {
            return cell.toLowerCase(Locale.ROOT);
        }
        return family.equals("lstm") && "gru".equals(value(Map.of(), config, "cell")) ? "gru" : family;
    }

    private static String value(Map<String, Object> params, JsonNode config, String key) {
        Object p = params.get(key);
        String v = p instanceof String s ? s : text(config, key);
        return v == null || v.isBlank() ? null : v.toLowerCase(Locale.ROOT);
    }

    private static String text(JsonNode cfg, String key) {
        JsonNode n = cfg == null ? null : cfg.get(key);
        return n == null || n.isNull() ? null : n.asText();
    }
}
