package dev.lstmtuner.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reads a {@link RunConfig} from JSON laid over {@link RunConfig#DEFAULTS}. Unknown keys, wrong types and
 * out-of-range values are refused with a message naming the source and the key.
 */
public final class ConfigLoader {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ConfigLoader() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static RunConfig load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": config file not found; check the path (examples are in experiments/)");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read config file: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    public static RunConfig parse(String json, String source) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadInputException(source + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new BadInputException(source + ": a config must be a JSON object like {\"units\": [64, 32]}");
        }
        return overlay(RunConfig.DEFAULTS, (ObjectNode) node, source);
    }

    /** The base config with the given keys replaced (used by search trials); same validation as a file. */
    public static RunConfig withOverrides(RunConfig base, Map<String, ?> overrides, String source) {
        return overlay(base, MAPPER.valueToTree(overrides), source);
    }

    public static RunConfig overlay(RunConfig base, ObjectNode changes, String source) {
        ObjectNode merged = MAPPER.valueToTree(base);
        for (Iterator<Map.Entry<String, JsonNode>> it = CellAlias.fold(base, changes, source).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!merged.has(e.getKey())) {
                throw new BadInputException(source + ": unknown config key \"" + e.getKey() + "\""
                        + suggestion(e.getKey(), merged) + "; known keys: " + knownKeys());
            }
            JsonNode old = merged.get(e.getKey());
            if (old.isObject()) {
                merged.set(e.getKey(), mergeObject(e.getKey(), (ObjectNode) old, e.getValue(), source));
            } else {
                merged.set(e.getKey(), e.getValue());
            }
        }
        RunConfig config;
        try {
            config = MAPPER.treeToValue(merged, RunConfig.class);
        } catch (MismatchedInputException e) {
            String key = e.getPath().isEmpty() ? "?" : e.getPath().stream()
                    .map(JsonMappingException.Reference::getFieldName).filter(Objects::nonNull)
                    .collect(Collectors.joining("."));
            throw new BadInputException(source + ": key \"" + key + "\" has the wrong type ("
                    + e.getOriginalMessage().split("\n")[0] + "); expected " + expectedType(key));
        } catch (JsonProcessingException e) {
            throw new BadInputException(source + ": " + outOfRangeKey(merged).map(k -> "\"" + k + "\" is too large: ")
                    .orElse("") + e.getOriginalMessage().split("\n")[0]);
        }
        ConfigValidator.validate(config, source);
        return config;
    }

    /** An object-valued key ("evaluation") takes the keys it names and keeps the others, so {"folds": 3} is enough. */
    private static ObjectNode mergeObject(String key, ObjectNode old, JsonNode change, String source) {
        if (!change.isObject()) {
            throw new BadInputException(source + ": key \"" + key + "\" must be an object like " + old);
        }
        ObjectNode out = old.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = change.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!old.has(e.getKey())) {
                List<String> known = new ArrayList<>();
                old.fieldNames().forEachRemaining(known::add);
                throw new BadInputException(source + ": unknown config key \"" + key + "." + e.getKey()
                        + "\"; known keys of \"" + key + "\": " + known);
            }
            out.set(e.getKey(), e.getValue());
        }
        return out;
    }

    /** Keys whose values are ints (or lists of ints): a larger number there is out of range, not a wrong type. */
    private static final Set<String> INT_KEYS = Arrays.stream(RunConfig.class.getRecordComponents())
            .filter(c -> c.getType() == int.class || c.getType() == Integer.class || c.getType() == List.class)
            .map(c -> c.getAccessor().getAnnotation(JsonProperty.class)).filter(Objects::nonNull).map(JsonProperty::value)
            .collect(Collectors.toSet());

    /** The key of an integral value no int holds (Jackson's coercion error names the value, not the key). */
    private static Optional<String> outOfRangeKey(ObjectNode merged) {
        for (Iterator<Map.Entry<String, JsonNode>> it = merged.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            if (!INT_KEYS.contains(e.getKey())) continue;
            if (v.isIntegralNumber() && !v.canConvertToInt()) return Optional.of(e.getKey());
            if (v.isArray()) {
                for (JsonNode x : v) if (x.isIntegralNumber() && !x.canConvertToInt()) return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }

    public static String toJson(RunConfig config) {
        try {
            return MAPPER.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code key} may be given in a config or searched: a known key or the old spelling {@code cell}. */
    public static boolean accepts(String key) {
        return key.equals(CellAlias.KEY) || knownKeys().contains(key);
    }

    public static List<String> knownKeys() {
        List<String> keys = new ArrayList<>();
        MAPPER.valueToTree(RunConfig.DEFAULTS).fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static String expectedType(String key) {
        JsonNode d = MAPPER.valueToTree(RunConfig.DEFAULTS).at("/" + key.replace('.', '/'));
        if (d == null || d.isNull()) return "a string or null";
        if (d.isArray()) return "a JSON array like " + d;
        if (d.isBoolean()) return "true or false";
        if (d.isIntegralNumber()) return "an integer like " + d;
        if (d.isNumber()) return "a number like " + d;
        return "a string like " + d;
    }

    private static String suggestion(String key, ObjectNode known) {
        TreeSet<String> names = new TreeSet<>();
        known.fieldNames().forEachRemaining(names::add);
        return names.stream().min(Comparator.comparingInt(k -> distance(k, key.toLowerCase().replace('-', '_'))))
                .filter(k -> distance(k, key.toLowerCase()) <= 3)
                .map(k -> " (did you mean \"" + k + "\"?)").orElse("");
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j] + 1, cur[j - 1] + 1));
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}
