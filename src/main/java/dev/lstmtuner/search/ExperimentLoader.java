package dev.lstmtuner.search;

import dev.lstmtuner.config.BadInputException;
import dev.lstmtuner.config.CampaignNames;
import dev.lstmtuner.config.ConfigLoader;
import dev.lstmtuner.config.RunConfig;
import dev.lstmtuner.features.FeatureBuilder;
import dev.lstmtuner.result.Direction;
import dev.lstmtuner.result.Objective;
import dev.lstmtuner.search.space.SearchSpace;

import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an experiment file. {@code config} and {@code space} are either inline objects or paths (relative to the
 * working directory, else to the experiment file's folder). The result is self-contained: {@link #resolvedJson}
 * inlines both, so a campaign stored from it can be resumed or joined by a worker anywhere.
 */
public final class ExperimentLoader {
    private static final Set<String> KEYS = Set.of("name", "description", "config", "space", "sampler", "pruner",
            "objective", "direction", "budget", "seed", "symbols", "keep_models", "confirm");
    private static final Set<String> BUDGET_KEYS = Set.of("max_trials", "max_minutes", "max_consecutive_failures");
    private static final Set<String> CONFIRM_KEYS = Set.of("top_k", "seeds");

    private ExperimentLoader() {
    }

    public static Experiment load(Path file) {
        String text = read(file, "experiment file");
        return parse(text, file.toString(), file.toAbsolutePath().getParent());
    }

    /** The experiment with config and space inlined: what a campaign stores. */
    public static String resolvedJson(Experiment e) {
        ObjectNode n = ConfigLoader.mapper().createObjectNode();
        n.put("name", e.name());
        if (e.description() != null) n.put("description", e.description());
        n.set("config", ConfigLoader.mapper().valueToTree(e.base()));
        try {
            n.set("space", ConfigLoader.mapper().readTree(e.spaceJson()));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
        ObjectNode sampler = n.putObject("sampler");
        sampler.put("type", e.sampler());
        e.samplerOptions().forEach((k, v) -> sampler.set(k, ConfigLoader.mapper().valueToTree(v)));
        ObjectNode pruner = n.putObject("pruner");
        pruner.put("type", e.pruner());
        e.prunerOptions().forEach((k, v) -> pruner.set(k, ConfigLoader.mapper().valueToTree(v)));
        n.put("objective", e.objective().key());
        n.put("direction", e.direction().name().toLowerCase());
        ObjectNode b = n.putObject("budget");
        if (e.budget().maxTrials() != null) b.put("max_trials", e.budget().maxTrials());
        if (e.budget().maxMinutes() != null) b.put("max_minutes", e.budget().maxMinutes());
        b.put("max_consecutive_failures", e.budget().maxConsecutiveFailures());
        n.put("seed", e.seed());
        if (e.keepModels() != null) n.put("keep_models", e.keepModels());
        if (e.confirm() != null) {
            ObjectNode c = n.putObject("confirm");
            c.put("top_k", e.confirm().topK());
            c.put("seeds", e.confirm().seeds());
        }
        if (!e.symbols().isEmpty()) {
            ObjectNode s = n.putObject("symbols");
            for (Experiment.Symbol sym : e.symbols()) s.put(sym.symbol(), sym.data());
        }
        return n.toPrettyString();
    }

    public static Experiment parse(String json, String source, Path baseDir) {
        JsonNode root;
        try {
            root = ConfigLoader.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new BadInputException(source + ": not valid JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) throw new BadInputException(source + ": an experiment must be a JSON object");
        checkKeys(root, KEYS, source, "");
        String name = text(root, "name", source, null);
        CampaignNames.require(name, source + ": \"name\"");
        RunConfig base = config(root.get("config"), source, baseDir);
        FeatureBuilder.checkNames(base.features());
        String spaceJson;
        String spaceSource;
        JsonNode spaceNode = root.get("space");
        if (spaceNode == null) throw new BadInputException(source + ": \"space\" is missing: name a file in search-spaces/ or give one inline");
        if (spaceNode.isTextual()) {
            Path p = resolve(spaceNode.asText(), baseDir, source, "space");
            spaceJson = read(p, "search space");
            spaceSource = p.toString();
        } else {
            spaceJson = spaceNode.toPrettyString();
            spaceSource = source + " (space)";
        }
        SearchSpace space = SearchSpace.parse(spaceJson, spaceSource);

        String sampler = "tpe";
        Map<String, Object> samplerOptions = new LinkedHashMap<>();
        JsonNode s = root.get("sampler");
        if (s != null) sampler = typeAndOptions(s, samplerOptions, source, "sampler");
        // the default prunes from the first trial: ASHA compares partial curves of running trials too
        String pruner = "asha";
        Map<String, Object> prunerOptions = new LinkedHashMap<>();
        JsonNode p = root.get("pruner");
        if (p != null) pruner = typeAndOptions(p, prunerOptions, source, "pruner");

        // a test-split metric as the objective would let the search select on the test data: parse refuses it
        Objective objective = Objective.parse(text(root, "objective", source, null), source + ": \"objective\"");
        String dir = text(root, "direction", source, null);
        Direction given = switch (dir == null ? "" : dir) {
            case "" -> null;
            case "minimize" -> Direction.MINIMIZE;
            case "maximize" -> Direction.MAXIMIZE;
            default -> throw new BadInputException(source + ": \"direction\" must be minimize or maximize, got \"" + dir + "\"");
        };
        Direction direction = objective.direction(given, source);
        Budget budget = budget(root.get("budget"), source);
        long seed = root.has("seed") ? longValue(root.get("seed"), source, "seed") : 42L;
        List<Experiment.Symbol> symbols = new ArrayList<>();
        JsonNode sym = root.get("symbols");
        if (sym != null) {
            if (!sym.isObject() || sym.isEmpty()) {
                throw new BadInputException(source + ": \"symbols\" must map each symbol to its data file, like {\"BTCUSDT\": \"../shared/data/btcusdt_1h.csv\"}");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = sym.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getValue().isTextual()) throw new BadInputException(source + ": symbols." + e.getKey() + " must be a file path");
                symbols.add(new Experiment.Symbol(e.getKey(), e.getValue().asText()));
            }
        }
        String description = root.has("description") ? root.get("description").asText() : null;
        Integer keepModels = null;
        if (root.has("keep_models")) {
            keepModels = intValue(root.get("keep_models"), source, "keep_models");
            if (keepModels < 1) throw new BadInputException(source + ": \"keep_models\" must be at least 1 (leave it out to keep every model)");
        }
        return new Experiment(name, description, base, space, spaceJson, sampler, samplerOptions, pruner, prunerOptions,
                objective, direction, budget, seed, List.copyOf(symbols), keepModels, confirm(root.get("confirm"), source));
    }

    private static RunConfig config(JsonNode node, String source, Path baseDir) {
        if (node == null) return RunConfig.DEFAULTS;
        if (node.isTextual()) return ConfigLoader.load(resolve(node.asText(), baseDir, source, "config"));
        if (node.isObject()) return ConfigLoader.overlay(RunConfig.DEFAULTS, (ObjectNode) node, source + " (config)");
        throw new BadInputException(source + ": \"config\" must be a run config file path or an inline object");
    }

    private static String typeAndOptions(JsonNode node, Map<String, Object> options, String source, String key) {
        if (node.isTextual()) return node.asText();
        if (!node.isObject() || !node.has("type")) {
            throw new BadInputException(source + ": \"" + key + "\" must be a name or an object with \"type\", like {\"type\": \"median\"}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().equals("type")) options.put(e.getKey(), ConfigLoader.mapper().convertValue(e.getValue(), Object.class));
        }
        return node.get("type").asText();
    }

    private static Budget budget(JsonNode node, String source) {
        if (node == null) return Budget.DEFAULT;
        if (!node.isObject()) throw new BadInputException(source + ": \"budget\" must be an object like {\"max_trials\": 20}");
        checkKeys(node, BUDGET_KEYS, source, "budget.");
        Integer maxTrials = node.has("max_trials") ? intValue(node.get("max_trials"), source, "budget.max_trials") : null;
        if (maxTrials != null && maxTrials < 1) throw new BadInputException(source + ": \"budget.max_trials\" must be at least 1");
        Double maxMinutes = null;
        if (node.has("max_minutes")) {
            if (!node.get("max_minutes").isNumber() || node.get("max_minutes").asDouble() <= 0) {
                throw new BadInputException(source + ": \"budget.max_minutes\" must be a positive number of minutes");
            }
            maxMinutes = node.get("max_minutes").asDouble();
        }
        int maxFailures = node.has("max_consecutive_failures")
                ? intValue(node.get("max_consecutive_failures"), source, "budget.max_consecutive_failures") : 5;
        if (maxFailures < 1) throw new BadInputException(source + ": \"budget.max_consecutive_failures\" must be at least 1");
        if (maxTrials == null && maxMinutes == null) {
            throw new BadInputException(source + ": \"budget\" needs max_trials or max_minutes, or the search never ends");
        }
        return new Budget(maxTrials, maxMinutes, maxFailures);
    }

    private static Experiment.Confirm confirm(JsonNode node, String source) {
        if (node == null) return null;
        if (!node.isObject()) {
            throw new BadInputException(source + ": \"confirm\" must be an object like {\"top_k\": 5, \"seeds\": 3}");
        }
        checkKeys(node, CONFIRM_KEYS, source, "confirm.");
        int topK = node.has("top_k") ? (int) longValue(node.get("top_k"), source, "confirm.top_k") : 5;
        int seeds = node.has("seeds") ? (int) longValue(node.get("seeds"), source, "confirm.seeds") : 3;
        if (topK < 1 || topK > 100) {
            throw new BadInputException(source + ": \"confirm.top_k\" must be between 1 and 100, got " + topK);
        }
        if (seeds < 1 || seeds > 100) {
            throw new BadInputException(source + ": \"confirm.seeds\" must be between 1 and 100 (extra seeds per"
                    + " trial), got " + seeds);
        }
        return new Experiment.Confirm(topK, seeds);
    }

    private static void checkKeys(JsonNode node, Set<String> allowed, String source, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                throw new BadInputException(source + ": unknown key \"" + prefix + k + "\"; allowed: " + new TreeSet<>(allowed));
            }
        }
    }

    private static String text(JsonNode root, String key, String source, String dflt) {
        JsonNode n = root.get(key);
        if (n == null) return dflt;
        if (!n.isTextual()) throw new BadInputException(source + ": \"" + key + "\" must be a string");
        return n.asText();
    }

    private static long longValue(JsonNode n, String source, String key) {
        if (!n.canConvertToLong() || !n.isIntegralNumber()) throw new BadInputException(source + ": \"" + key + "\" must be an integer, got " + n);
        return n.asLong();
    }

    /** An integer that fits an int: 4294967297 is refused, never wrapped round to 1. */
    private static int intValue(JsonNode n, String source, String key) {
        long v = longValue(n, source, key);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new BadInputException(source + ": \"" + key + "\" is out of range (at most " + Integer.MAX_VALUE
                    + "), got " + n);
        }
        return (int) v;
    }

    private static Path resolve(String path, Path baseDir, String source, String key) {
        Path p = Path.of(path);
        if (Files.exists(p)) return p;
        if (baseDir != null && Files.exists(baseDir.resolve(path))) return baseDir.resolve(path).normalize();
        throw new BadInputException(source + ": \"" + key + "\" names " + path + ", which does not exist (looked in the working directory"
                + (baseDir != null ? " and in " + baseDir : "") + ")");
    }

    private static String read(Path file, String what) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot read " + what + ": " + e.getMessage());
        }
    }
}
