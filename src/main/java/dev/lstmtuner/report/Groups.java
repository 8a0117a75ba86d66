package dev.lstmtuner.report;

import com.fasterxml.jackson.databind.JsonNode;

/** Which symbol a trial belongs to, for the per-symbol table (the family comes from config.ModelFamily). */
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

    private static String text(JsonNode cfg, String key) {
        JsonNode n = cfg == null ? null : cfg.get(key);
        return n == null || n.isNull() ? null : n.asText();
    }
}
