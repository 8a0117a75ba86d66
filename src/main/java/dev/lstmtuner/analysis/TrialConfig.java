package dev.lstmtuner.analysis;

import dev.lstmtuner.store.Campaign;
import dev.lstmtuner.store.Provenance;
import dev.lstmtuner.store.Trial;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The config a trial ran with, as a JSON tree: the recorded provenance config, else the campaign's base config with
 * the trial's params laid over it. Unreadable JSON reads as an empty object, so a damaged row still renders.
 */
public final class TrialConfig {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TrialConfig() {
    }

    public static JsonNode of(Trial t, Campaign c, Provenance p) {
        if (p != null && p.configJson() != null) return parse(p.configJson());
        JsonNode base = parse(c.configJson());
        ObjectNode merged = base.isObject() ? ((ObjectNode) base).deepCopy() : MAPPER.createObjectNode();
        t.params().forEach((k, v) -> merged.set(k, MAPPER.valueToTree(v)));
        return merged;
    }

    /** JSON text as a tree; blank or unreadable text as an empty object. */
    public static JsonNode parse(String json) {
        if (json == null || json.isBlank()) return MAPPER.createObjectNode();
        try {
            return MAPPER.readTree(json);
        } catch (Exception e) {
            return MAPPER.createObjectNode();
        }
    }

    /** The config's forecast horizon in bars; 1 when absent or not a positive integer. */
    public static int horizon(JsonNode config) {
        JsonNode h = config.get("horizon");
        return h != null && h.canConvertToInt() && h.asInt() >= 1 ? h.asInt() : 1;
    }

    static String text(JsonNode config, String key) {
        JsonNode n = config == null ? null : config.get(key);
        return n == null || n.isNull() ? null : n.asText();
    }
}
