package dev.lstmtuner.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.features.Dataset;
import dev.lstmtuner.features.Scaler;

import java.util.ArrayList;
import java.util.List;

/**
 * What a trained model needs to turn new bars into its inputs and its output back into a price: the feature
 * names (the spec), the window length, the horizon, the target and the scalers fitted on its training split.
 * Stored as {@code preprocessing.json}; doubles are written in full, so a read-back scaler is bit-identical.
 */
public record Preprocessing(List<String> features, int timeSteps, int horizon, String target,
                            Scaler featureScaler, Scaler targetScaler) {

    public static Preprocessing of(Dataset ds) {
        return new Preprocessing(List.copyOf(ds.featureNames()), ds.timeSteps(), ds.horizon(), ds.target(),
                ds.featureScaler(), ds.targetScaler());
    }

    public String toJson() {
        ObjectNode n = ConfigLoader.mapper().createObjectNode();
        ArrayNode names = n.putArray("features");
        features.forEach(names::add);
        n.put("time_steps", timeSteps);
        n.put("horizon", horizon);
        n.put("target", target);
        n.set("feature_scaler", scalerJson(featureScaler));
        n.set("target_scaler", scalerJson(targetScaler));
        return n.toPrettyString();
    }

    private static ObjectNode scalerJson(Scaler s) {
        ObjectNode n = ConfigLoader.mapper().createObjectNode();
        n.put("kind", s.kind());
        ArrayNode shift = n.putArray("shift");
        for (double v : s.shift()) shift.add(v);
        ArrayNode scale = n.putArray("scale");
        for (double v : s.scale()) scale.add(v);
        return n;
    }

    /**
     * Reads {@link #toJson()}'s form back, checking every field.
     *
     * @param source the file name, for messages
     */
    public static Preprocessing parse(String json, String source) {
        JsonNode n;
        try {
            n = ConfigLoader.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw corrupt(source, "not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + " (" + e.getOriginalMessage() + ")");
        }
        if (n == null || !n.isObject()) throw corrupt(source, "expected a JSON object");
        JsonNode names = n.get("features");
        if (names == null || !names.isArray() || names.isEmpty()) {
            throw corrupt(source, "\"features\" must be a non-empty list of feature names");
        }
        List<String> features = new ArrayList<>();
        for (JsonNode f : names) {
            if (!f.isTextual()) throw corrupt(source, "\"features\" holds " + f + ", not a feature name");
            features.add(f.asText());
        }
        int timeSteps = positiveInt(n, "time_steps", source);
        int horizon = positiveInt(n, "horizon", source);
        JsonNode target = n.get("target");
        if (target == null || !("log_return".equals(target.asText()) || "close".equals(target.asText()))) {
            throw corrupt(source, "\"target\" must be log_return or close, got " + target);
        }
        Scaler fs = scaler(n, "feature_scaler", features.size(), source);
        Scaler ts = scaler(n, "target_scaler", 1, source);
        return new Preprocessing(List.copyOf(features), timeSteps, horizon, target.asText(), fs, ts);
    }

    private static int positiveInt(JsonNode n, String key, String source) {
        JsonNode v = n.get(key);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
            throw corrupt(source, "\"" + key + "\" must be a positive integer, got " + v);
        }
        return v.asInt();
    }

    private static Scaler scaler(JsonNode parent, String key, int columns, String source) {
        JsonNode n = parent.get(key);
        if (n == null || !n.isObject()) throw corrupt(source, "\"" + key + "\" is missing or not an object");
        String kind = n.path("kind").asText("");
        if (!"standard".equals(kind) && !"minmax".equals(kind)) {
            throw corrupt(source, "\"" + key + ".kind\" must be standard or minmax, got " + n.get("kind"));
        }
        double[] shift = numbers(n, key, "shift", columns, source);
        double[] scale = numbers(n, key, "scale", columns, source);
        for (int i = 0; i < columns; i++) {
            if (scale[i] == 0) throw corrupt(source, "\"" + key + ".scale\"[" + i + "] is 0");
        }
        return new Scaler(kind, shift, scale);
    }

    private static double[] numbers(JsonNode scaler, String key, String field, int columns, String source) {
        JsonNode a = scaler.get(field);
        String what = "\"" + key + "." + field + "\"";
        if (a == null || !a.isArray()) throw corrupt(source, what + " is missing or not a list of numbers");
        if (a.size() != columns) {
            throw corrupt(source, what + " has " + a.size() + " values but " + columns
                    + (columns == 1 ? " is" : " are") + " needed (one per "
                    + ("target_scaler".equals(key) ? "target" : "listed feature") + ")");
        }
        double[] v = new double[columns];
        for (int i = 0; i < columns; i++) {
            JsonNode x = a.get(i);
            if (!x.isNumber() || !Double.isFinite(x.asDouble())) {
                throw corrupt(source, what + "[" + i + "] is " + x + ", not a finite number");
            }
            v[i] = x.asDouble();
        }
        return v;
    }

    private static BadInputException corrupt(String source, String what) {
        return new BadInputException(source + ": " + what + "; the file is corrupt or was edited, export the trial again");
    }
}
