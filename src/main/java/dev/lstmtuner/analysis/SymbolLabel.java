package dev.lstmtuner.analysis;

import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Trial;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/**
 * The one rule for what a campaign (or a trial) forecasts: a trial's own {@code symbol} param, else the campaign
 * config's {@code symbol}, else the data file's name without its extension and bar interval, upper-cased (what
 * {@code fetch} writes: {@code data/btcusdt_1h.csv} → BTCUSDT), else {@value #BUNDLED} for the bundled Bitstamp sample.
 */
public final class SymbolLabel {
    /** The label of the bundled data (the config names no data file). */
    public static final String BUNDLED = "BTCUSD";

    private SymbolLabel() {
    }

    public static String of(Campaign c) {
        return of(TrialConfig.parse(c.configJson()));
    }

    public static String of(Trial t, Campaign c) {
        return of(t, of(c));
    }

    /** A trial's label given its campaign's (read once for a page of trials). */
    public static String of(Trial t, String campaignLabel) {
        Object s = t.params().get("symbol");
        return s != null && !s.toString().isBlank() ? s.toString().trim() : campaignLabel;
    }

    /** From a (campaign or trial) config. */
    public static String of(JsonNode config) {
        String symbol = TrialConfig.text(config, "symbol");
        if (symbol != null && !symbol.isBlank()) return symbol.trim();
        String data = TrialConfig.text(config, "data");
        if (data == null || data.isBlank()) return BUNDLED;
        String file = data.replace('\\', '/');
        return file.substring(file.lastIndexOf('/') + 1).replaceAll("\\.[A-Za-z0-9]+$", "")
                .replaceAll("[_-][0-9]+[a-zA-Z]$", "").toUpperCase(Locale.ROOT);
    }
}
