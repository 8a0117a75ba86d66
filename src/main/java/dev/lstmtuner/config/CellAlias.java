package dev.lstmtuner.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * {@code cell} is the old spelling of the recurrent family: {@code "cell": "gru"} was "the LSTM network with the GRU
 * cell", which is {@code "model": "gru"}. Configs, search spaces ({@code cell} as a param) and stored trials that
 * still say {@code cell} keep working: it is folded into {@code model} before the config is read, so a resolved
 * config names its family once, as {@code model}.
 * <ul>
 *   <li>Beside {@code model} (a whole config; older versions wrote {@code "cell": "lstm"} beside every family):
 *       {@code "lstm"} changes nothing, {@code "gru"} turns {@code model} "lstm" into "gru".</li>
 *   <li>Without {@code model} (an override of a base config, e.g. a searched {@code cell}): it is the model,
 *       "lstm" or "gru", over a base whose model is one of those two.</li>
 * </ul>
 */
final class CellAlias {
    static final String KEY = "cell";
    private static final List<String> CELLS = List.of("lstm", "gru");

    private CellAlias() {
    }

    static ObjectNode fold(RunConfig base, ObjectNode changes, String src) {
        JsonNode cell = changes.get(KEY);
        if (cell == null) return changes;
        String value = cell.isTextual() ? cell.asText() : null;
        if (!CELLS.contains(value)) {
            ConfigValidator.fail(src, KEY, "must be one of " + CELLS + ", got " + cell + "; it is the old spelling of "
                    + "the family: write \"model\" instead, one of " + RunConfig.FAMILIES);
        }
        JsonNode given = changes.get("model");
        String model = given == null ? base.model() : given.asText();
        ObjectNode out = changes.deepCopy();
        out.remove(KEY);
        if (given != null && value.equals("lstm")) return out;
        if (!CELLS.contains(model)) {
            ConfigValidator.fail(src, KEY, "is the old spelling of \"model\": \"lstm\" | \"gru\" and does not apply to"
                    + " model \"" + model + "\"; leave \"cell\" out (the family is \"model\")");
        }
        out.put("model", value);
        return out;
    }
}
