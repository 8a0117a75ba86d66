package dev.lstmtuner.search.space;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads search-space JSON (format in search-spaces/README.md); every refusal names the file and the parameter. */
final class SearchSpaceParser {
    private static final ObjectMapper MAPPER = ConfigLoader.mapper();
    private static final Pattern CONDITION = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*(>=|<=|==|!=|>|<)\\s*(\\S.*?)\\s*");
    private static final Map<String, Set<String>> FIELDS = Map.of(
            "float", Set.of("type", "low", "high", "log", "when"),
            "int", Set.of("type", "low", "high", "step", "when"),
            "categorical", Set.of("type", "values", "when", "max_of"),
            "bool", Set.of("type", "when"),
            "layers", Set.of("type", "layers", "values", "decreasing"));

    private SearchSpaceParser() {
    }

    static SearchSpace load(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": search space file not found; examples are in search-spaces/");
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read search space file: " + e.getMessage());
        }
    }

    static SearchSpace parse(String json, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadInputException(source + ": not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject() || !root.path("params").isObject()) {
            throw new BadInputException(source + ": a search space is a JSON object like "
                    + "{\"params\": {\"learning_rate\": {\"type\": \"float\", \"low\": 1e-4, \"high\": 1e-2, \"log\": true}}}");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("params") && !k.equals("description")) {
                throw new BadInputException(source + ": unknown top-level key \"" + k + "\"; allowed: description, params");
            }
        }
        if (root.path("params").isEmpty()) throw new BadInputException(source + ": \"params\" is empty; name at least one parameter");
        List<Param> params = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("params").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            params.addAll(parseParam(e.getKey(), e.getValue(), source));
        }
        List<Param> ordered = order(addLayerConditions(params, source), source);
        SearchSpace space = new SearchSpace(source, root.path("description").asText(""), ordered);
        checkAgainstConfig(space, source);
        return space;
    }

    private static List<Param> parseParam(String name, JsonNode spec, String source) {
        String where = source + ": parameter \"" + name + "\"";
        if (!spec.isObject() || !spec.path("type").isTextual()) {
            throw new BadInputException(where + " must be an object with a \"type\" (float, int, categorical, bool, layers)");
        }
        String type = spec.get("type").asText();
        Set<String> allowed = FIELDS.get(type);
        if (allowed == null) {
            throw new BadInputException(where + ": unknown type \"" + type + "\"; use float, int, categorical, bool or layers");
        }
        for (Iterator<String> it = spec.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw new BadInputException(where + ": unknown field \"" + f + "\" for type " + type + "; allowed: " + allowed);
            }
        }
        if (type.equals("layers")) return layers(name, spec, where);
        checkName(name, source);
        List<Condition> when = conditions(spec.get("when"), where);
        switch (type) {
            case "float": {
                double low = number(spec, "low", where), high = number(spec, "high", where);
                boolean log = spec.path("log").asBoolean(false);
                if (!(low < high)) {
                    throw new BadInputException(where + ": empty range [" + low + ", " + high + "]; low must be below high"
                            + " (to fix a value, set it in the base config instead)");
                }
                if (log && low <= 0) {
                    throw new BadInputException(where + ": \"log\": true needs low > 0, got low = " + low
                            + "; use a positive lower bound like 1e-5 or drop \"log\"");
                }
                return List.of(new FloatParam(name, low, high, log, when));
            }
            case "int": {
                int low = integer(spec, "low", where), high = integer(spec, "high", where);
                int step = spec.has("step") ? integer(spec, "step", where) : 1;
                if (low > high) throw new BadInputException(where + ": empty range [" + low + ", " + high + "]; low must not exceed high");
                if (step < 1) throw new BadInputException(where + ": step must be at least 1, got " + step);
                return List.of(new IntParam(name, low, high, step, when));
            }
            case "bool":
                return List.of(new CategoricalParam(name, List.of(false, true), when, null));
            default: {
                List<Object> values = values(spec.get("values"), where);
                String maxOf = spec.has("max_of") ? spec.get("max_of").asText() : null;
                return List.of(new CategoricalParam(name, values, when, maxOf));
            }
        }
    }

    /** {"type": "layers", "layers": [2, 4], "values": [...], "decreasing": true} = layers + units_1..units_max. */
    private static List<Param> layers(String name, JsonNode spec, String where) {
        if (!name.equals("units")) throw new BadInputException(where + ": type \"layers\" is only for the key \"units\"");
        JsonNode range = spec.get("layers");
        if (range == null || !range.isArray() || range.size() != 2 || !range.get(0).canConvertToInt() || !range.get(1).canConvertToInt()) {
            throw new BadInputException(where + ": \"layers\" must be [min, max] like [2, 4]");
        }
        int min = range.get(0).asInt(), max = range.get(1).asInt();
        if (min < 1 || max > SearchSpace.MAX_LAYERS || min > max) {
            throw new BadInputException(where + ": \"layers\" must satisfy 1 <= min <= max <= " + SearchSpace.MAX_LAYERS
                    + ", got [" + min + ", " + max + "]");
        }
        List<Object> values = values(spec.get("values"), where);
        boolean decreasing = spec.path("decreasing").asBoolean(false);
        List<Param> out = new ArrayList<>();
        out.add(new IntParam(SearchSpace.LAYERS, min, max, 1, List.of()));
        for (int k = 1; k <= max; k++) {
            // units_k's "layers >= k" is added with the other layer conditions
            out.add(new CategoricalParam(SearchSpace.unitsKey(k), values, List.of(),
                    decreasing && k > 1 ? SearchSpace.unitsKey(k - 1) : null));
        }
        return out;
    }

    private static void checkName(String name, String source) {
        if (SearchSpace.isLayerSugar(name) || ConfigLoader.accepts(name)) return;
        throw new BadInputException(source + ": unknown parameter \"" + name + "\"; a search-space parameter is a run config key ("
                + String.join(", ", ConfigLoader.knownKeys()) + ") or layers, units_1..units_" + SearchSpace.MAX_LAYERS);
    }

    /** units_k exists only when layers >= k, so the user never has to write it. */
    private static List<Param> addLayerConditions(List<Param> params, String source) {
        Set<String> names = new LinkedHashSet<>();
        for (Param p : params) {
            if (!names.add(p.name())) throw new BadInputException(source + ": parameter \"" + p.name() + "\" is defined twice");
        }
        boolean sugar = names.stream().anyMatch(SearchSpace::isLayerSugar);
        if (!sugar) return params;
        if (names.contains("units")) {
            throw new BadInputException(source + ": search either \"units\" or layers/units_k, not both");
        }
        IntParam layers = names.contains(SearchSpace.LAYERS) && params.stream()
                .filter(p -> p.name().equals(SearchSpace.LAYERS)).findFirst().get() instanceof IntParam ip ? ip : null;
        if (names.contains(SearchSpace.LAYERS) && layers == null) {
            throw new BadInputException(source + ": parameter \"layers\" must be of type int");
        }
        int top = layers != null ? layers.high() : (int) names.stream().filter(n -> n.startsWith("units_")).count();
        if (layers != null && (layers.low() < 1 || layers.high() > SearchSpace.MAX_LAYERS)) {
            throw new BadInputException(source + ": \"layers\" must stay within 1.." + SearchSpace.MAX_LAYERS);
        }
        for (int k = 1; k <= top; k++) {
            if (!names.contains(SearchSpace.unitsKey(k))) {
                throw new BadInputException(source + ": \"" + SearchSpace.unitsKey(k) + "\" is missing; with up to " + top
                        + " layers, give units_1..units_" + top);
            }
        }
        for (String n : names) {
            if (n.startsWith("units_") && Integer.parseInt(n.substring(6)) > top) {
                throw new BadInputException(source + ": \"" + n + "\" can never exist: layers goes up to " + top);
            }
        }
        List<Param> out = new ArrayList<>();
        for (Param p : params) {
            if (layers != null && p.name().startsWith("units_")) {
                int k = Integer.parseInt(p.name().substring(6));
                if (k > layers.low()) {
                    List<Condition> when = new ArrayList<>(p.when());
                    when.add(0, new Condition(SearchSpace.LAYERS, ">=", k));
                    p = withWhen(p, when);
                }
            }
            out.add(p);
        }
        return out;
    }

    private static Param withWhen(Param p, List<Condition> when) {
        if (p instanceof FloatParam f) return new FloatParam(f.name(), f.low(), f.high(), f.log(), when);
        if (p instanceof IntParam i) return new IntParam(i.name(), i.low(), i.high(), i.step(), when);
        CategoricalParam c = (CategoricalParam) p;
        return new CategoricalParam(c.name(), c.values(), when, c.maxOf());
    }

    /** Stable topological order: declaration order, except that a parameter follows those it depends on. */
    private static List<Param> order(List<Param> params, String source) {
        Map<String, Param> byName = new LinkedHashMap<>();
        for (Param p : params) byName.put(p.name(), p);
        for (Param p : params) {
            for (String d : dependencies(p)) {
                if (!byName.containsKey(d)) {
                    throw new BadInputException(source + ": parameter \"" + p.name() + "\" refers to \"" + d
                            + "\", which is not a parameter of this space");
                }
            }
            if (p instanceof CategoricalParam c && c.maxOf() != null) checkMaxOf(c, byName.get(c.maxOf()), source);
        }
        List<Param> out = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        while (out.size() < params.size()) {
            boolean progress = false;
            for (Param p : params) {
                if (!placed.contains(p.name()) && placed.containsAll(dependencies(p))) {
                    out.add(p);
                    placed.add(p.name());
                    progress = true;
                    break;
                }
            }
            if (!progress) {
                List<String> left = params.stream().map(Param::name).filter(n -> !placed.contains(n)).toList();
                throw new BadInputException(source + ": conditions or max_of form a cycle among " + left);
            }
        }
        return out;
    }

    private static List<String> dependencies(Param p) {
        List<String> d = new ArrayList<>(p.when().stream().map(Condition::param).toList());
        if (p instanceof CategoricalParam c && c.maxOf() != null) d.add(c.maxOf());
        return d;
    }

    private static void checkMaxOf(CategoricalParam c, Param bound, String source) {
        String where = source + ": parameter \"" + c.name() + "\"";
        List<?> boundValues = bound instanceof CategoricalParam b ? b.values()
                : bound instanceof IntParam i ? i.values() : List.of(((FloatParam) bound).low());
        if (!c.values().stream().allMatch(v -> v instanceof Number) || !boundValues.stream().allMatch(v -> v instanceof Number)) {
            throw new BadInputException(where + ": max_of needs numbers on both sides (" + c.name() + " and " + bound.name() + ")");
        }
        double minOwn = c.values().stream().mapToDouble(v -> ((Number) v).doubleValue()).min().orElseThrow();
        double minBound = boundValues.stream().mapToDouble(v -> ((Number) v).doubleValue()).min().orElseThrow();
        if (minOwn > minBound) {
            throw new BadInputException(where + ": max_of \"" + bound.name() + "\" leaves no value when " + bound.name()
                    + " = " + minBound + "; add a value <= " + minBound);
        }
    }

    /** Types must match the config key and corner points must be valid configs, so a bad space fails at load. */
    private static void checkAgainstConfig(SearchSpace space, String source) {
        JsonNode defaults = MAPPER.valueToTree(RunConfig.DEFAULTS);
        for (Param p : space.params()) {
            JsonNode d = defaults.get(p.name());
            if (d == null || !d.isIntegralNumber()) continue;
            boolean ok = p instanceof IntParam || p instanceof CategoricalParam c
                    && c.values().stream().allMatch(v -> v instanceof Integer || v instanceof Long);
            if (!ok) {
                throw new BadInputException(source + ": parameter \"" + p.name() + "\" is an integer config key; use type int"
                        + " or categorical with whole numbers");
            }
        }
        int n = space.dimensions();
        List<double[]> points = new ArrayList<>();
        for (double u : new double[]{0.0, 0.5, 1.0}) {
            double[] x = new double[n];
            Arrays.fill(x, u);
            points.add(x);
        }
        for (int i = 0; i < n; i++) {
            if (space.params().get(i) instanceof CategoricalParam c) {
                for (int j = 0; j < c.values().size(); j++) {
                    double[] x = new double[n];
                    Arrays.fill(x, 0.5);
                    x[i] = (j + 0.5) / c.values().size();
                    points.add(x);
                }
            }
        }
        for (double[] x : points) {
            Map<String, Object> params = space.decode(x);
            ConfigLoader.withOverrides(RunConfig.DEFAULTS, space.toConfigOverrides(params),
                    source + " (a trial with " + params + ")");
        }
    }

    private static List<Condition> conditions(JsonNode when, String where) {
        if (when == null) return List.of();
        List<JsonNode> items = new ArrayList<>();
        if (when.isArray()) when.forEach(items::add); else items.add(when);
        List<Condition> out = new ArrayList<>();
        for (JsonNode item : items) {
            Matcher m = item.isTextual() ? CONDITION.matcher(item.asText()) : null;
            if (m == null || !m.matches()) {
                throw new BadInputException(where + ": \"when\" must be like \"layers >= 3\" or \"bidirectional == true\""
                        + " (or a list of those), got " + item);
            }
            Object value = literal(m.group(3));
            if (!(value instanceof Number) && !m.group(2).equals("==") && !m.group(2).equals("!=")) {
                throw new BadInputException(where + ": \"" + item.asText() + "\" compares a non-number with " + m.group(2)
                        + "; use == or !=");
            }
            out.add(new Condition(m.group(1), m.group(2), value));
        }
        return out;
    }

    private static Object literal(String text) {
        try {
            return MAPPER.treeToValue(MAPPER.readTree(text), Object.class);
        } catch (JsonProcessingException e) {
            return text; // a bare word: compare as a string
        }
    }

    private static List<Object> values(JsonNode node, String where) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new BadInputException(where + ": \"values\" must be a non-empty list like [32, 64, 128]");
        }
        List<Object> out = new ArrayList<>();
        for (JsonNode v : node) {
            Object value = MAPPER.convertValue(v, Object.class);
            if (out.stream().anyMatch(o -> CategoricalParam.same(o, value))) {
                throw new BadInputException(where + ": \"values\" lists " + v + " twice");
            }
            out.add(value);
        }
        return out;
    }

    private static double number(JsonNode spec, String field, String where) {
        if (!spec.path(field).isNumber()) throw new BadInputException(where + ": \"" + field + "\" must be a number");
        return spec.get(field).asDouble();
    }

    private static int integer(JsonNode spec, String field, String where) {
        if (!spec.path(field).canConvertToInt() || !spec.path(field).isIntegralNumber()) {
            throw new BadInputException(where + ": \"" + field + "\" must be a whole number");
        }
        return spec.get(field).asInt();
    }
}
