package dev.lstmtuner.search;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.result.Objectives;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * An experiment file as written, bound by Jackson: every key is a record component, so an unknown key, a wrong type
 * or an out-of-range number is refused naming the key and the file. {@code config} and {@code space} are a path or
 * an inline object, {@code sampler} and {@code pruner} a name or an object with {@code type} and options; they stay
 * JSON here and {@link ExperimentLoader} resolves them. Written back (with config and space inlined) it is the
 * self-contained experiment a campaign stores. {@code lockbox} is moved into the config (every trial must know it),
 * so the stored experiment carries it there.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ExperimentFile(String name, String description, JsonNode config, JsonNode space, JsonNode sampler,
                      JsonNode pruner, String objective, String direction, Budget budget, Long seed,
                      LinkedHashMap<String, String> symbols, @JsonProperty("keep_models") Integer keepModels,
                      Confirm confirm, JsonNode lockbox, @JsonProperty("warm_start") WarmStart warmStart, Boolean pooled,
                      @JsonProperty("symbol_feature") Boolean symbolFeature, List<Objectives.Goal> objectives,
                      JsonNode plan) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WarmStart(String campaign, @JsonProperty("top_k") Integer topK) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Budget(@JsonProperty("max_trials") Integer maxTrials, @JsonProperty("max_minutes") Double maxMinutes,
                  @JsonProperty("max_consecutive_failures") Integer maxConsecutiveFailures) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Confirm(@JsonProperty("top_k") Integer topK, Integer seeds) {
    }

    private static final JsonMapper MAPPER = strictMapper();

    private static JsonMapper strictMapper() {
        JsonMapper m = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .build();
        // "7" is not a number and 5 is not a name: no silent conversions between strings, numbers and booleans
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return m;
    }

    /** The file's JSON bound to the record; bad JSON, unknown keys and wrong types name {@code source} and the key. */
    static ExperimentFile read(String json, String source) {
        try {
            ExperimentFile f = MAPPER.readValue(json, ExperimentFile.class);
            if (f == null) throw new BadInputException(source + ": an experiment must be a JSON object");
            return f;
        } catch (UnrecognizedPropertyException e) {
            TreeSet<String> known = new TreeSet<>(e.getKnownPropertyIds().stream().map(String::valueOf).toList());
            throw new BadInputException(source + ": unknown key \"" + path(e) + "\"; allowed: " + known, e);
        } catch (InputCoercionException e) {
            // an integer too large for its key; the parser stands at the offending value
            String key = e.getProcessor() == null ? "" : keyAt(e.getProcessor());
            throw new BadInputException(source + ": \"" + key + "\" is out of range (at most " + Integer.MAX_VALUE
                    + "): " + e.getOriginalMessage(), e);
        } catch (InvalidFormatException e) {
            throw new BadInputException(source + ": \"" + path(e) + "\" " + wrongType(e) + ", got " + e.getValue(), e);
        } catch (MismatchedInputException e) {
            String path = path(e);
            if (path.isEmpty()) throw new BadInputException(source + ": an experiment must be a JSON object", e);
            throw new BadInputException(source + ": \"" + path + "\" " + wrongType(e), e);
        } catch (JsonMappingException e) {
            throw new BadInputException(source + ": \"" + path(e) + "\": " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new BadInputException(source + ": not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The file as JSON (keys in the order above, nulls left out). */
    String write() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an experiment cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String wrongType(MismatchedInputException e) {
        Class<?> t = e.getTargetType();
        if (t == null) return "has the wrong type";
        if (t == Integer.class || t == Long.class || t == int.class || t == long.class) return "must be an integer";
        if (t == Double.class || t == double.class) return "must be a number";
        if (t == String.class) return "must be a string";
        if (Map.class.isAssignableFrom(t)) return "must be an object";
        if (t.isRecord()) return "must be an object like " + example(t);
        return "has the wrong type";
    }

    private static String example(Class<?> t) {
        return t == Budget.class ? "{\"max_trials\": 20}" : t == Confirm.class ? "{\"top_k\": 5, \"seeds\": 3}"
                : t == WarmStart.class ? "{\"campaign\": \"quick\", \"top_k\": 5}" : "{}";
    }

    private static String keyAt(JsonParser p) {
        StringBuilder key = new StringBuilder();
        for (var ctx = p.getParsingContext(); ctx != null; ctx = ctx.getParent()) {
            if (ctx.getCurrentName() != null) key.insert(0, key.length() == 0 ? ctx.getCurrentName() : ctx.getCurrentName() + ".");
        }
        return key.toString();
    }
}
